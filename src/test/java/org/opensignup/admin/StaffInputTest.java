package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** The checks of what staff send for languages, courses and payments: JSON and form values alike. */
class StaffInputTest {

  @ParameterizedTest(name = "{0} -> field {1}, {2}")
  @CsvSource(delimiter = ';', value = {
    "{\"nameEn\":\"x\"}; nameDe; admin.input.error.required",
    "{\"nameDe\":\" \",\"nameEn\":\"x\"}; nameDe; admin.input.error.required",
    "{\"nameDe\":1,\"nameEn\":\"x\"}; nameDe; admin.input.error.text",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"signupBegin\":\"soon\"}; signupBegin; admin.input.error.time",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"signupBegin\":\"2030-01-02T00:00Z\",\"lotteryEnd\":\"2030-01-01T00:00Z\"}; lotteryEnd; admin.input.error.order",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"lotteryEnd\":\"2030-01-02T00:00Z\",\"fcfsBegin\":\"2030-01-01T00:00Z\"}; fcfsBegin; admin.input.error.order",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"fcfsBegin\":\"2030-01-02T00:00Z\",\"signupEnd\":\"2030-01-02T00:00Z\"}; signupEnd; admin.input.error.order",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"replyTo\":\"nobody\"}; replyTo; admin.input.error.mail",
    "{\"nameDe\":\"a\",\"nameEn\":\"x\",\"manualMode\":\"maybe\"}; manualMode; admin.input.error.boolean",
  })
  void badLanguagesAreRefusedNamingTheField(String json, String field, String key) {
    Refusal r = assertThrows(Refusal.class, () -> StaffInput.language(new JsonObject(json)));
    assertEquals(422, r.status);
    assertEquals(field, r.field);
    assertEquals(key, r.messageKey);
  }

  @ParameterizedTest(name = "{0} -> field {1}")
  @CsvSource(delimiter = ';', value = {
    "{\"level\":\"A1\",\"seats\":3}; languageId",
    "{\"languageId\":1,\"seats\":3}; level",
    "{\"languageId\":1,\"level\":\"A1\"}; seats",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":-1}; seats",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":1.5}; seats",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":\"3x\"}; seats",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":3,\"ger\":\"D1\"}; ger",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":3,\"priceCents\":-5}; priceCents",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":3,\"ratingLowest\":60,\"ratingHighest\":50}; ratingHighest",
    "{\"languageId\":1,\"level\":\"A1\",\"seats\":3,\"collision\":[1]}; collision",
  })
  void badCoursesAreRefusedNamingTheField(String json, String field) {
    Refusal r = assertThrows(Refusal.class, () -> StaffInput.course(new JsonObject(json)));
    assertEquals(422, r.status);
    assertEquals(field, r.field);
  }

  @Test
  void formValuesReadLikeJson() {
    StaffInput.Course c = StaffInput.course(new JsonObject().put("languageId", "4").put("level", " B1 ").put("seats", "20")
      .put("collision", "A2, B2").put("hasWaitingList", "off").put("ratingGated", "on").put("ger", ""));
    assertEquals(4, c.languageId());
    assertEquals("B1", c.level());
    assertEquals(20, c.seats());
    assertEquals(java.util.List.of("A2", "B2"), c.collision());
    assertFalse(c.hasWaitingList());
    assertTrue(c.ratingGated());
    assertNull(c.ger());
    assertEquals(3, c.waitingCapFactor(), "the model system's default cap");
  }

  @Test
  void localFormTimesAreBerlinTimeAndIsoTimesKeepTheirOffset() {
    StaffInput.Language l = StaffInput.language(new JsonObject().put("nameDe", "a").put("nameEn", "b")
      .put("signupBegin", "2030-07-01T10:00").put("signupEnd", "2030-07-02T10:00:00+00:00"));
    assertEquals(Instant.parse("2030-07-01T08:00:00Z"), l.signupBegin(), "summer time: UTC+2");
    assertEquals(Instant.parse("2030-07-02T10:00:00Z"), l.signupEnd());
    assertNull(l.lotteryEnd());
    assertNull(l.replyTo());
  }

  @ParameterizedTest(name = "{0}, fee {1}, paid {2} -> {3}")
  @CsvSource({
    "confirmed, 6000, 0, open", "confirmed, 6000, 1000, partial", "confirmed, 6000, 6000, paid", "confirmed, 6000, 7000, over",
    "confirmed, 0, 0, none", "cancelled, 6000, 6000, refund", "cancelled, 6000, 0, none",
  })
  void paymentStanding(String state, int fee, int paid, String standing) {
    assertEquals(standing, StaffStore.standing(state, fee, paid));
  }
}
