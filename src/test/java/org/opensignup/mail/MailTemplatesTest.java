package org.opensignup.mail;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.*;

/** Every kind renders in German and English; whatever an applicant typed is escaped in HTML. */
class MailTemplatesTest {
  private static final MailTemplates templates = new MailTemplates(ZoneId.of("Europe/Berlin"));

  private static JsonObject payload(String firstName) {
    return new JsonObject().put("firstName", firstName).put("lastName", "Lovelace")
      .put("course", new JsonObject().put("name", "Englisch B2 <Abend>").put("language", "Englisch"))
      .put("state", "confirmed").put("position", 3).put("feeCents", 6000)
      .put("statusUrl", "https://signup.example/s/abc?x=1&y=2").put("signoffUrl", "https://signup.example/off/abc")
      .put("offerExpiresAt", "2025-04-01T10:00:00Z").put("acceptUrl", "https://signup.example/accept/abc")
      .put("declineUrl", "https://signup.example/decline/abc").put("subject", "Raumänderung").put("body", "Zeile 1\n<b>Zeile 2</b>");
  }

  @Test
  void everyKindRendersInBothLanguages() {
    for (String locale : MailTemplates.LOCALES) {
      for (String kind : MailTemplates.KINDS) {
        MailTemplates.Rendered r = templates.render(kind, locale, payload("Ada"));
        assertFalse(r.subject().isBlank(), kind + " " + locale);
        assertFalse(r.subject().contains("\n"));
        assertTrue(r.text().contains("Ada Lovelace"), kind + " " + locale + ":\n" + r.text());
        assertTrue(r.html().contains("Ada Lovelace"), kind + " " + locale);
        assertTrue(r.html().startsWith("<!DOCTYPE html>") || r.html().contains("<html"), kind);
        assertFalse(r.text().contains("${"), "no unresolved placeholders");
      }
    }
  }

  @Test
  void confirmationIsGermanOrEnglishWithCourseFeeAndLinks() {
    MailTemplates.Rendered de = templates.render(Outbox.Kind.CONFIRMED, "de", payload("Ada"));
    assertEquals("Anmeldung bestätigt: Englisch B2 <Abend>", de.subject());
    assertTrue(de.text().contains("Hallo Ada Lovelace"));
    assertTrue(de.text().contains("60,00 €"), de.text());
    assertTrue(de.text().contains("https://signup.example/s/abc?x=1&y=2"));
    assertTrue(de.text().contains("https://signup.example/off/abc"));
    assertTrue(de.html().contains("href=\"https://signup.example/s/abc?x=1&amp;y=2\""), de.html());

    MailTemplates.Rendered en = templates.render(Outbox.Kind.CONFIRMED, "en", payload("Ada"));
    assertEquals("Signup confirmed: Englisch B2 <Abend>", en.subject());
    assertTrue(en.text().contains("Dear Ada Lovelace"));
    assertTrue(en.text().contains("€60.00"), en.text());
  }

  @Test
  void userSuppliedNamesAreEscapedInHtml() {
    MailTemplates.Rendered r = templates.render(Outbox.Kind.CONFIRMED, "en", payload("<script>alert(1)</script>"));
    assertFalse(r.html().contains("<script>"), r.html());
    assertTrue(r.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(r.html().contains("Englisch B2 &lt;Abend&gt;"), "course names too");
    assertTrue(r.text().contains("<script>alert(1)</script>"), "the text part shows the name as typed");

    MailTemplates.Rendered bulk = templates.render(Outbox.Kind.BULK, "de", payload("<script>"));
    assertTrue(bulk.html().contains("Zeile 1<br>&lt;b&gt;Zeile 2&lt;/b&gt;"), bulk.html());
    assertEquals("Raumänderung", bulk.subject());
  }

  @Test
  void freeCoursesSaySo() {
    JsonObject p = payload("Ada").put("feeCents", 0);
    assertTrue(templates.render(Outbox.Kind.CONFIRMED, "de", p).text().contains("Kursgebühr: kostenlos"));
    assertTrue(templates.render(Outbox.Kind.CONFIRMED, "en", p).text().contains("Course fee: free of charge"));
    assertEquals("1.234,50 €", MailTemplates.formatFee(123450, "de"));
    assertEquals("€1,234.50", MailTemplates.formatFee(123450, "en"));
  }

  @Test
  void offerDeadlineIsShownInLocalTime() {
    MailTemplates.Rendered de = templates.render(Outbox.Kind.OFFER, "de", payload("Ada"));
    assertTrue(de.text().contains("1. April 2025, 12:00 Uhr"), de.text());
    assertTrue(de.text().contains("https://signup.example/accept/abc"));
    MailTemplates.Rendered en = templates.render(Outbox.Kind.OFFER, "en", payload("Ada"));
    assertTrue(en.text().contains("1 April 2025, 12:00"), en.text());
  }

  @Test
  void optionalPartsMayBeMissing() {
    JsonObject minimal = new JsonObject().put("firstName", "Ada").put("lastName", "L").put("course", new JsonObject().put("name", "X"));
    MailTemplates.Rendered r = templates.render(Outbox.Kind.WAITING, "de", minimal);
    assertFalse(r.text().contains("Warteliste: \n"));
    assertFalse(r.text().contains("\n\n\n"), "no runs of blank lines:\n" + r.text());
  }

  @Test
  void unknownKindIsAPermanentFailure() {
    assertThrows(SendFailure.Permanent.class, () -> templates.render("no.such.kind", "de", new JsonObject()));
    assertThrows(SendFailure.Permanent.class, () -> templates.render("../../etc/passwd", "de", new JsonObject()));
  }

  @Test
  void subjectsStayOnOneLine() {
    JsonObject p = payload("Ada").put("course", new JsonObject().put("name", "Evil\r\nBcc: x@example.org"));
    assertEquals("Anmeldung bestätigt: Evil Bcc: x@example.org", templates.render(Outbox.Kind.CONFIRMED, "de", p).subject());
  }
}
