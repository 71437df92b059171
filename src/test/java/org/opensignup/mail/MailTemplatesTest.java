package org.opensignup.mail;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

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
      for (MailKind k : MailKind.values()) {
        String kind = k.id();
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
    assertTrue(templates.render(Outbox.Kind.CONFIRMED, "de", p.copy().put("state", "confirmed")).text().contains("Der Kurs ist für Sie kostenlos."));
    assertTrue(templates.render(Outbox.Kind.CONFIRMED, "en", p.copy().put("state", "confirmed")).text().contains("The course is free of charge for you."));
    assertTrue(templates.render(Outbox.Kind.WAITING, "de", p.copy().put("state", "waiting")).text().contains("Kursgebühr: kostenlos"));
    assertTrue(templates.render(Outbox.Kind.WAITING, "en", p.copy().put("state", "waiting")).text().contains("Course fee: free of charge"));
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

  // --- every kind with realistic data ---------------------------------------------------------

  private static final String STATUS = "https://signup.example/status/Zq3-xY_0123456789abcdef";

  /** What an applicant of the Sprachenzentrum would get: umlauts, a position, a fee, an offer deadline. */
  private static JsonObject realistic(MailKind kind, String lang) {
    JsonObject p = new JsonObject().put("firstName", "Jürgen").put("lastName", "Müller-Lüdenscheidt")
      .put("course", new JsonObject().put("name", "Französisch B1 Dienstag").put("language", "de".equals(lang) ? "Französisch" : "French"))
      .put("state", "waiting").put("position", 7).put("feeCents", 8950)
      .put("statusUrl", STATUS).put("signoffUrl", STATUS + "#signoff");
    switch (kind) {
      case CONFIRMED, PROMOTED, LOTTERY_WON, STAFF_ADMITTED, STAFF_ADDED, STAFF_MOVED -> p.put("state", "confirmed").remove("position");
      case OFFER, OFFER_EXPIRED -> p.put("state", "offered").put("offerExpiresAt", "2026-04-01T10:00:00Z")
        .put("acceptUrl", STATUS + "#offer").put("declineUrl", STATUS + "#offer");
      case OFFER_DECLINED, SIGNED_OFF, LOTTERY_LOST, STAFF_REMOVED -> p.put("state", "cancelled").remove("position");
      case POOL -> p.put("state", "pool").remove("position");
      case REMINDER_UNPAID -> p.put("state", "confirmed").put("amountPaidCents", 2000).put("openCents", 6950).remove("signoffUrl");
      case BULK -> p.put("subject", "Raumänderung für Französisch B1").put("body", "Der Kurs findet ab Dienstag in Raum 3.14 statt.");
      default -> { }
    }
    if (kind == MailKind.STAFF_MOVED) {
      p.put("fromCourse", new JsonObject().put("name", "Französisch A2 Montag").put("language", "de".equals(lang) ? "Französisch" : "French"));
    }
    return p;
  }

  @Test
  void everyKindSaysWhoWhichCourseAndWhereToLookInBothLanguages() {
    for (String lang : MailTemplates.LOCALES) {
      for (MailKind kind : MailKind.values()) {
        if (kind == MailKind.TOKEN_ISSUED) continue; // addressed to a mail address, about a language, not a course (own test)
        String what = kind.id() + " (" + lang + ")";
        MailTemplates.Rendered r = templates.render(kind.id(), lang, realistic(kind, lang));
        // the "my signups" mail is about an address, not a course (its own test: SignupListMailTest)
        boolean aboutACourse = kind != MailKind.SIGNUP_LIST;
        assertTrue(!aboutACourse || r.subject().contains("Französisch B1"), what + " subject: " + r.subject());
        assertTrue(r.text().contains("Jürgen Müller-Lüdenscheidt,"), what + ":\n" + r.text());
        assertTrue(r.html().contains("Jürgen Müller-Lüdenscheidt,"), what);
        assertTrue(r.html().contains("<html lang=\"" + lang + "\""), what);
        assertTrue(r.text().strip().endsWith("de".equals(lang) ? "Bitte antworten Sie nicht darauf." : "Please do not reply to it."), what);
        assertFalse(r.text().contains("\n\n\n"), what + " has runs of blank lines:\n" + r.text());
        if (kind == MailKind.BULK) {
          assertTrue(r.text().contains("Raum 3.14"), what);
          continue;
        }
        if (!aboutACourse) continue;
        assertTrue(r.text().contains("Französisch B1 Dienstag"), what + ":\n" + r.text());
        assertTrue(r.html().contains("Französisch B1 Dienstag"), what);
        assertTrue(r.text().contains(STATUS), what + " has the status link:\n" + r.text());
        assertTrue(r.html().contains("href=\"" + STATUS), what + " links the status page:\n" + r.html());
      }
    }
  }

  @Test
  void kindsWithASeatShowTheFeeAndKindsOnTheListShowThePosition() {
    for (MailKind kind : List.of(MailKind.CONFIRMED, MailKind.PROMOTED, MailKind.LOTTERY_WON, MailKind.STAFF_ADMITTED,
        MailKind.STAFF_ADDED, MailKind.STAFF_MOVED, MailKind.OFFER, MailKind.REMINDER_UNPAID)) {
      assertTrue(templates.render(kind.id(), "de", realistic(kind, "de")).text().contains("Kursgebühr: 89,50 €"), kind.id());
      assertTrue(templates.render(kind.id(), "en", realistic(kind, "en")).html().contains("ourse fee: €89.50"), kind.id());
    }
    for (MailKind kind : List.of(MailKind.WAITING, MailKind.LOTTERY_WAITING, MailKind.ALREADY_SIGNED_UP)) {
      String de = templates.render(kind.id(), "de", realistic(kind, "de")).text();
      assertTrue(de.matches("(?s).*(Platz 7|Warteliste: 7)\\b.*"), kind.id() + ":\n" + de);
      String en = templates.render(kind.id(), "en", realistic(kind, "en")).text();
      assertTrue(en.matches("(?s).*(position 7|waiting list: 7)\\b.*"), kind.id() + ":\n" + en);
    }
  }

  @Test
  void anExpiredAndADeclinedOfferEachGetTheirOwnMailNotASignOff() {
    MailTemplates.Rendered expired = templates.render(Outbox.Kind.OFFER_EXPIRED, "de", realistic(MailKind.OFFER_EXPIRED, "de"));
    assertEquals("Platzangebot abgelaufen: Französisch B1 Dienstag", expired.subject());
    assertTrue(expired.text().contains("nicht rechtzeitig (bis 1. April 2026, 12:00 Uhr) angenommen"), expired.text());
    MailTemplates.Rendered declined = templates.render(Outbox.Kind.OFFER_DECLINED, "en", realistic(MailKind.OFFER_DECLINED, "en"));
    assertEquals("Seat offer declined: Französisch B1 Dienstag", declined.subject());
    assertTrue(declined.text().contains("You have declined the seat"), declined.text());
    assertFalse(declined.text().contains("signed off"), declined.text());
  }

  @Test
  void aRepeatedSignupGetsTheLinkAndItsStateNothingElseChanges() {
    JsonObject p = realistic(MailKind.ALREADY_SIGNED_UP, "en").put("state", "confirmed").putNull("position");
    MailTemplates.Rendered en = templates.render(Outbox.Kind.ALREADY_SIGNED_UP, "en", p);
    assertEquals("You are already signed up: Französisch B1 Dienstag", en.subject());
    assertTrue(en.text().contains("You have a seat."), en.text());
    assertTrue(en.text().contains("your existing signup has not changed"), en.text());
    assertTrue(en.text().contains(STATUS));
    MailTemplates.Rendered de = templates.render(Outbox.Kind.ALREADY_SIGNED_UP, "de", realistic(MailKind.ALREADY_SIGNED_UP, "de"));
    assertTrue(de.text().contains("Sie stehen auf der Warteliste, Platz 7."), de.text());
  }

  @Test
  void aMoveNamesBothCoursesAndTheReminderTheOpenAmount() {
    String moved = templates.render(Outbox.Kind.STAFF_MOVED, "de", realistic(MailKind.STAFF_MOVED, "de")).text();
    assertTrue(moved.contains("vom Kurs „Französisch A2 Montag“ (Französisch) in den Kurs „Französisch B1 Dienstag“ (Französisch) verlegt"), moved);
    String reminder = templates.render(Outbox.Kind.REMINDER_UNPAID, "en", realistic(MailKind.REMINDER_UNPAID, "en")).text();
    assertTrue(reminder.contains("Already paid: €20.00"), reminder);
    assertTrue(reminder.contains("Still open: €69.50"), reminder);
    String nothingPaid = templates.render(Outbox.Kind.REMINDER_UNPAID, "de",
      realistic(MailKind.REMINDER_UNPAID, "de").put("amountPaidCents", 0).put("openCents", 8950)).text();
    assertFalse(nothingPaid.contains("Bereits bezahlt"), nothingPaid);
    assertTrue(nothingPaid.contains("Noch offen: 89,50 €"), nothingPaid);
  }

  @Test
  void everyKindToleratesAPayloadWithOnlyTheNames() {
    JsonObject bare = new JsonObject().put("firstName", "Zoë").put("lastName", "Ødegård");
    for (String lang : MailTemplates.LOCALES) {
      for (MailKind kind : MailKind.values()) {
        if (kind == MailKind.BULK) continue; // a bulk mail without subject is refused on purpose
        MailTemplates.Rendered r = templates.render(kind.id(), lang, bare);
        assertTrue(r.text().contains("Zoë Ødegård"), kind.id());
        assertFalse(r.text().contains("null"), kind.id() + ":\n" + r.text());
      }
    }
  }

  @Test
  void aMissingTemplateStopsStartUpNamingIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
      () -> new MailTemplates(ZoneId.of("Europe/Berlin"), "mail", List.of(Outbox.Kind.CONFIRMED, "lottery.nobody-wrote-this")));
    assertTrue(e.getMessage().contains("mail/de/lottery.nobody-wrote-this.txt.ftl"), e.getMessage());
    assertTrue(e.getMessage().contains("mail/en/lottery.nobody-wrote-this.html.ftlh"), e.getMessage());
    assertFalse(e.getMessage().contains("signup.confirmed"), "only the missing ones are named: " + e.getMessage());
  }

  @Test
  void everyKindHasItsOwnIdAndOnlyBulkGoesByTheBulkLane() {
    assertEquals(MailKind.values().length, java.util.Arrays.stream(MailKind.values()).map(MailKind::id).distinct().count());
    for (MailKind k : MailKind.values()) {
      assertEquals(k == MailKind.BULK ? Outbox.Lane.BULK : Outbox.Lane.TRANSACTIONAL, k.lane(), k.id());
      assertEquals(k, MailKind.byId(k.id()).orElseThrow());
    }
    assertEquals("lottery.lost", Outbox.Kind.LOTTERY_LOST);
    assertEquals("reminder.unpaid", Outbox.Kind.REMINDER_UNPAID);
  }

  @Test
  void tokenMailCarriesTheTokenItsExpiryAndWhereToUseIt() {
    for (String lang : MailTemplates.LOCALES) {
      JsonObject p = new JsonObject().put("token", "tok-123456789012345").put("language", "Baskisch").put("expires", "1. März 2031, 12:00 Uhr")
        .put("catalogueUrl", "https://signup.example/");
      MailTemplates.Rendered r = templates.render(MailKind.TOKEN_ISSUED.id(), lang, p);
      assertTrue(r.subject().contains("Baskisch"), r.subject());
      for (String part : java.util.List.of("tok-123456789012345", "1. März 2031", "https://signup.example/")) {
        assertTrue(r.text().contains(part), lang + ": " + part + "\n" + r.text());
        assertTrue(r.html().contains(part), lang + ": " + part);
      }
      assertFalse(r.text().contains("null"), r.text());
    }
  }
}
