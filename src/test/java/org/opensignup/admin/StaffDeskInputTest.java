package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

/** The staff desk's input rules: applicant data as the public form checks it, and the payment date. */
class StaffDeskInputTest {
  private static final JsonObject CURRENT = new JsonObject().put("id", 7).put("firstName", "Ann").put("lastName", "Arbor")
    .put("mail", "ann@example.org").put("originId", 3).put("degreeId", null).put("graduationId", null).put("semester", null)
    .put("locale", "de").put("hasTag", false);

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
    "{\"firstName\":\"\"}|firstName|signup.error.required",
    "{\"lastName\":\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"}|lastName|signup.error.too-long",
    "{\"firstName\":\"A\\u202eB\"}|firstName|signup.error.control-characters",
    "{\"mail\":\"not-a-mail\"}|mail|signup.error.mail-invalid",
    "{\"mail\":42}|mail|signup.error.not-text",
    "{\"tag\":\"ab 12\"}|tag|signup.error.tag-invalid",
    "{\"semester\":41}|semester|signup.error.semester",
    "{\"semester\":\"zwei\"}|semester|signup.error.semester",
    "{\"originId\":null}|originId|signup.error.required",
    "{\"originId\":-1}|originId|signup.error.unknown-choice",
    "{\"locale\":\"fr\"}|locale|admin.desk.error.locale",
    "{\"secret\":\"x\"}|secret|admin.desk.error.unknown-field",
    "{\"id\":8}|id|admin.desk.error.unknown-field"})
  void badApplicantDataIsRefusedNamingTheFieldWithThePublicFormsMessage(String patch, String field, String key) {
    Refusal r = assertThrows(Refusal.class, () -> ApplicantInput.check(CURRENT, new JsonObject(patch)));
    assertEquals(422, r.status);
    assertEquals(field, r.field);
    assertEquals(key, r.messageKey);
  }

  @Test
  void fieldsNotInThePatchKeepTheirValuesAndTextIsTrimmed() {
    ApplicantInput.Data d = ApplicantInput.check(CURRENT, new JsonObject().put("lastName", "  Berg ").put("semester", "4").put("locale", "en"));
    assertEquals(new ApplicantInput.Data("Ann", "Berg", "ann@example.org", 3L, null, null, 4, "en"), d);
  }

  @Test
  void theMatriculationNumberIsKeptRemovedOrReplaced() {
    assertNull(ApplicantInput.tag(new JsonObject().put("firstName", "Ann")));
    assertEquals("", ApplicantInput.tag(new JsonObject().putNull("tag")));
    assertEquals("", ApplicantInput.tag(new JsonObject().put("tag", " ")));
    assertEquals("ab1234", ApplicantInput.tag(new JsonObject().put("tag", " ab1234 ")));
    ApplicantInput.check(CURRENT, new JsonObject().put("tag", "ab1234"));
    ApplicantInput.check(CURRENT, new JsonObject().putNull("tag"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "null|2027-03-14|",
    "''|2027-03-14|",
    "2027-03-14|2027-03-14|",
    "2027-01-02|2027-01-02|",
    "2027-03-15||admin.desk.error.date-future",
    "14.03.2027||admin.desk.error.date",
    "2027-02-30||admin.desk.error.date",
    "1999-12-31||admin.desk.error.date"})
  void thePaymentDateDefaultsToTodayAndIsNeverInTheFuture(String given, String expected, String error) {
    JsonObject in = new JsonObject().put("paidOn", given);
    LocalDate today = LocalDate.parse("2027-03-14");
    if (error == null) {
      assertEquals(LocalDate.parse(expected), StaffDeskStore.paidOn(in, today));
    } else {
      Refusal r = assertThrows(Refusal.class, () -> StaffDeskStore.paidOn(in, today));
      assertEquals("paidOn", r.field);
      assertEquals(error, r.messageKey);
    }
  }

  @Test
  void aPaymentDateThatIsNotTextIsRefused() {
    assertEquals("admin.desk.error.date", assertThrows(Refusal.class,
      () -> StaffDeskStore.paidOn(new JsonObject().put("paidOn", 20270314), LocalDate.parse("2027-03-14"))).messageKey);
  }
}
