package org.opensignup.signup;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.support.Conditions;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.TestApp.await;

/**
 * Every outcome's mail, in German and English, through the real pipeline: a signup over the API into
 * PostgreSQL, the seat changes through the seat pipeline, the outbox sent by the mail verticle to a real
 * SMTP server (GreenMail). Each mail is read as it arrived: what it says about the course, the fee, the
 * contact (and its Reply-To) and the status link, and the calendar file of a seat, parsed strictly.
 */
@ExtendWith(VertxExtension.class)
class ApplicantMailsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String CONTACT = "kurse@sprachen.example";
  private static Application app;
  private static GreenMail smtp;
  private static Sql sql;
  private static SignupApiClient api;
  private static String publicUrl;

  @BeforeAll
  static void start(Vertx vertx) {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("mail.smtp.host", "127.0.0.1");
    conf.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
    conf.put("signup.offer-hours", "24");
    conf.put("signup.jobs-interval-seconds", "3600");
    conf.put("payment.due-days", "10");
    conf.put("payment.instructions.de", "Überweisung an IBAN DE02 1203 0000 0000 2020 51, Verwendungszweck: Ihr Name und der Kurs.");
    conf.put("payment.instructions.en", "Bank transfer to IBAN DE02 1203 0000 0000 2020 51, reference: your name and the course.");
    app = TestApp.start(conf);
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    api = new SignupApiClient(vertx, app.config().httpPort());
    publicUrl = app.config().publicUrl();
    // the periodic draw must not take the test's lottery: its first tick is over before a window ends
    Conditions.waitUntil(20_000, "the lottery-draw job's first tick over", () -> sql.count(
      "SELECT count(*) FROM job_lease WHERE job = 'lottery-draw' AND last_tick IS NOT NULL AND holder IS NULL") == 1);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (smtp != null) smtp.stop();
  }

  // --- the outcomes ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aConfirmedSeatsMailHasEverythingToTakePartAndTheCourseDatesAsACalendar(String lang) throws Exception {
    long language = language("Italienisch " + lang, "Italian " + lang, "fcfs");
    long course = course(language, "Italiano A1, abends", "Mo 17:30–19:00", 20, 6000, "'2027-04-12'", "'2027-07-12'");
    String to = "confirmed." + lang + "@example.org";
    JsonObject answer = signup(course, to, lang);
    assertEquals("confirmed", answer.getString("state"));

    Mail m = mail(to, lang, "Anmeldung bestätigt", "Signup confirmed");
    m.hasCourseContactAndStatus("Italiano A1, abends", answer.getString("secret"));
    OffsetDateTime confirmedAt = OffsetDateTime.parse(sql.one("SELECT to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
      + " FROM attendance WHERE secret = '" + answer.getString("secret") + "'"));
    String payBy = day(confirmedAt.plusDays(10), lang);
    if (lang.equals("de")) {
      m.says("Termine: Mo 17:30–19:00", "Raum: Raum 2.14", "Lehrkraft: Giulia Rossi", "Erster Termin: Montag, 12. April 2027, 17:30 Uhr",
        "Ihre Kursgebühr: 60,00 €, bitte bezahlen bis " + payBy + ".", "Überweisung an IBAN DE02 1203 0000 0000 2020 51",
        "melden Sie sich bitte bis " + day(confirmedAt.plusDays(3), lang), "angehängten Kalenderdatei");
    } else {
      m.says("Schedule: Mo 17:30–19:00", "Room: Raum 2.14", "Teacher: Giulia Rossi", "First meeting: Monday, 12 April 2027, 17:30",
        "Your course fee: €60.00, please pay by " + payBy + ".", "Bank transfer to IBAN DE02 1203 0000 0000 2020 51",
        "please sign off by " + day(confirmedAt.plusDays(3), lang), "attached calendar file");
    }
    assertTrue(m.html.contains("Giulia Rossi") && m.html.contains("IBAN DE02"), m.html);

    Ics ics = Ics.parse(m.calendar());
    assertEquals("2.0", ics.calendar.get("VERSION"));
    assertEquals("Europe/Berlin", ics.timezone.get("TZID"));
    assertEquals(2, ics.timezoneParts, "summer and winter time");
    assertEquals(1, ics.events.size());
    Map<String, String> e = ics.events.get(0);
    assertEquals("20270412T173000", e.get("DTSTART;TZID=Europe/Berlin"));
    assertEquals("20270412T190000", e.get("DTEND;TZID=Europe/Berlin"));
    // the last Monday, 12 July, ends at midnight summer time: 21:59:59 UTC
    assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270712T215959Z", e.get("RRULE"));
    assertEquals("Italiano A1, abends (" + (lang.equals("de") ? "Italienisch " : "Italian ") + lang + ")", e.get("SUMMARY"));
    assertEquals("Raum 2.14", e.get("LOCATION"));
    assertTrue(e.get("DESCRIPTION").contains("Giulia Rossi") && e.get("DESCRIPTION").contains("/status/" + answer.getString("secret")));
    assertTrue(e.get("UID").startsWith("course-" + course + "-1@"), e.get("UID"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void waitingOffersSignOffDeclineAndExpiryEachSayWhatHappened(String lang) throws Exception {
    long language = language("Polnisch " + lang, "Polish " + lang, "fcfs");
    long course = course(language, "Polski A1", "Mi 9:45–11:15", 1, 8000, "NULL", "NULL");
    String seat = "seat." + lang + "@example.org", w1 = "wait1." + lang + "@example.org", w2 = "wait2." + lang + "@example.org";
    String seatSecret = signup(course, seat, lang).getString("secret");
    JsonObject first = signup(course, w1, lang);
    JsonObject second = signup(course, w2, lang);
    assertEquals("waiting", second.getString("state"));
    assertEquals(2, second.getInteger("position"));

    Mail waiting = mail(w2, lang, "Warteliste", "Waiting list");
    waiting.hasCourseContactAndStatus("Polski A1", second.getString("secret"));
    waiting.says(lang.equals("de") ? "Ihr Platz auf der Warteliste: 2 von 2" : "Your place on the waiting list: 2 of 2",
      lang.equals("de") ? "Kursgebühr: 80,00 €" : "Course fee: €80.00");
    assertNull(waiting.calendarOrNull(), "no seat, no calendar");
    Mail seated = mail(seat, lang, "Anmeldung bestätigt", "Signup confirmed");
    assertNull(seated.calendarOrNull(), "a course without dates has no calendar file");

    // the seat holder signs off: the first on the list is offered the seat with a deadline
    assertEquals(200, api.signOff(seatSecret).statusCode());
    Mail off = mail(seat, lang, "Abmeldung bestätigt", "Sign-off confirmed");
    off.hasCourseContactAndStatus("Polski A1", seatSecret);
    off.says(lang.equals("de") ? "Ihre Anmeldung ist storniert" : "your signup is cancelled");
    Mail offer = mail(w1, lang, "Platz angeboten", "Seat offered");
    offer.hasCourseContactAndStatus("Polski A1", first.getString("secret"));
    String expires = sql.one("SELECT to_char(offer_expires_at AT TIME ZONE 'Europe/Berlin', 'FMDD.MM.YYYY HH24:MI') FROM attendance WHERE secret = '"
      + first.getString("secret") + "'");
    String[] dm = expires.split("[ .]");
    String deadline = lang.equals("de")
      ? dm[0] + ". " + month(Integer.parseInt(dm[1]), lang) + " " + dm[2] + ", " + dm[3] + " Uhr"
      : dm[0] + " " + month(Integer.parseInt(dm[1]), lang) + " " + dm[2] + ", " + dm[3];
    offer.says(lang.equals("de") ? "bis " + deadline + " an" : "by " + deadline, lang.equals("de") ? "Kursgebühr: 80,00 €" : "Course fee: €80.00",
      lang.equals("de") ? "Platz annehmen: " : "Accept the seat: ");

    // declined: the seat goes on to the next, whose offer then runs out
    assertEquals(200, api.offer(first.getString("secret"), "decline").statusCode());
    Mail declined = mail(w1, lang, "Platzangebot abgelehnt", "Seat offer declined");
    declined.hasCourseContactAndStatus("Polski A1", first.getString("secret"));
    mail(w2, lang, "Platz angeboten", "Seat offered");
    sql.exec("UPDATE attendance SET offer_expires_at = now() - interval '1 second' WHERE secret = '" + second.getString("secret") + "'");
    await(app.vertx().eventBus().request(Bus.SEAT_COMMAND, new SeatCommand.ExpireOffers(null).toJson()));
    Mail expired = mail(w2, lang, "Platzangebot abgelaufen", "Seat offer expired");
    expired.hasCourseContactAndStatus("Polski A1", second.getString("secret"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void thePoolSaysSeatsAndDrawTimeAndTheDrawTellsWinnersAndLosers(String lang) throws Exception {
    long language = language("Schwedisch " + lang, "Swedish " + lang, "lottery");
    long course = course(language, "Svenska A1", "Di, Do 18:00–19:30", 1, 6000, "'2027-04-13'", "'2027-07-15'");
    sql.exec("UPDATE course SET waiting_cap_factor = 0 WHERE id = " + course);
    String a = "pool.a." + lang + "@example.org", b = "pool.b." + lang + "@example.org";
    JsonObject pa = signup(course, a, lang);
    JsonObject pb = signup(course, b, lang);
    assertEquals("pool", pa.getString("state"));
    String drawAt = sql.one("SELECT to_char(lottery_end AT TIME ZONE 'Europe/Berlin', 'FMDD.MM.YYYY') FROM language WHERE id = " + language);
    String[] dmy = drawAt.split("\\.");
    Mail pool = mail(a, lang, "Anmeldung zum Losverfahren", "Lottery signup received");
    pool.hasCourseContactAndStatus("Svenska A1", pa.getString("secret"));
    pool.says(lang.equals("de") ? "Die 1 Plätze werden am " + dmy[0] + ". " + month(Integer.parseInt(dmy[1]), lang) + " " + dmy[2]
      : "the 1 seats are drawn by lot", lang.equals("de") ? "Kursgebühr: 60,00 €" : "on " + dmy[0] + " " + month(Integer.parseInt(dmy[1]), lang) + " " + dmy[2]);

    sql.exec("UPDATE language SET lottery_end = now() - interval '1 second' WHERE id = " + language);
    await(app.vertx().eventBus().request(Bus.SEAT_COMMAND, new SeatCommand.Draw(language, 11L, false, null, null).toJson()));
    String winner = sql.one("SELECT p.mail FROM attendance t JOIN applicant p ON p.id = t.applicant_id WHERE t.state = 'confirmed' AND t.course_id = " + course);
    String loser = winner.equals(a) ? b : a;
    Mail won = mail(winner, lang, "Losverfahren: Sie haben einen Platz", "Lottery: you have a seat");
    won.hasCourseContactAndStatus("Svenska A1", (winner.equals(a) ? pa : pb).getString("secret"));
    won.says(lang.equals("de") ? "Ihre Kursgebühr: 60,00 €" : "Your course fee: €60.00",
      lang.equals("de") ? "Erster Termin: Dienstag, 13. April 2027, 18:00 Uhr" : "First meeting: Tuesday, 13 April 2027, 18:00");
    Map<String, String> event = Ics.parse(won.calendar()).events.get(0);
    assertEquals("20270413T180000", event.get("DTSTART;TZID=Europe/Berlin"));
    assertEquals("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270715T215959Z", event.get("RRULE"));
    Mail lost = mail(loser, lang, "Losverfahren: kein Platz", "Lottery: no seat");
    lost.hasCourseContactAndStatus("Svenska A1", (winner.equals(a) ? pb : pa).getString("secret"));
    assertNull(lost.calendarOrNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "en"})
  void aSignupForStaffToAssignSaysSoInsteadOfFull(String lang) throws Exception {
    long language = language("Japanisch " + lang, "Japanese " + lang, "manual");
    long course = course(language, "Nihongo A1", "Fr 9:45–11:15", 10, 6000, "NULL", "NULL");
    String to = "manual." + lang + "@example.org";
    JsonObject answer = signup(course, to, lang);
    assertEquals("waiting", answer.getString("state"));
    Mail m = mail(to, lang, "Anmeldung eingegangen", "Signup received");
    m.hasCourseContactAndStatus("Nihongo A1", answer.getString("secret"));
    m.says(lang.equals("de") ? "vergibt das Kursteam selbst" : "The course team assigns the seats", lang.equals("de") ? "Kursgebühr: 60,00 €" : "Course fee: €60.00");
    assertFalse(m.text.contains(lang.equals("de") ? "voll" : "full"), "manual assignment is not a full course:\n" + m.text);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static long language(String de, String en, String phase) {
    String times = switch (phase) {
      case "fcfs" -> "now() - interval '2 days', now() - interval '1 day', now() - interval '1 hour', now() + interval '30 days', false, now() - interval '1 day'";
      case "lottery" -> "now() - interval '1 hour', now() + interval '1 day', now() + interval '2 days', now() + interval '30 days', false, NULL";
      default -> "now() - interval '1 day', NULL, NULL, now() + interval '30 days', true, NULL";
    };
    return Long.parseLong(sql.one("INSERT INTO language (name_de, name_en, reply_to, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode,"
      + " lottery_drawn_at) VALUES ('" + de + "', '" + en + "', '" + CONTACT + "', " + times + ") RETURNING id"));
  }

  private static long course(long language, String level, String schedule, int seats, int price, String first, String last) {
    return Long.parseLong(sql.one("INSERT INTO course (language_id, level, schedule, seats, price_cents, room, teacher, first_date, last_date)"
      + " VALUES (" + language + ", '" + level + "', '" + schedule + "', " + seats + ", " + price + ", 'Raum 2.14', 'Giulia Rossi', "
      + first + ", " + last + ") RETURNING id"));
  }

  private static JsonObject signup(long course, String mail, String lang) {
    var r = api.signup(SignupApiClient.applicant(course, mail), "Accept-Language", lang);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static String day(OffsetDateTime t, String lang) {
    return ("de".equals(lang) ? DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN) : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK))
      .format(t.atZoneSameInstant(BERLIN));
  }

  private static String month(int m, String lang) {
    return java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.FULL, "de".equals(lang) ? Locale.GERMAN : Locale.UK);
  }

  /** The one mail to {@code to} whose subject starts as the language says, once it has arrived. */
  private static Mail mail(String to, String lang, String subjectDe, String subjectEn) throws Exception {
    String subject = lang.equals("de") ? subjectDe : subjectEn;
    Mail[] found = {null};
    Conditions.waitUntil(20_000, "a mail '" + subject + "' to " + to, () -> {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        try {
          if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to) && m.getSubject().startsWith(subject)) {
            found[0] = new Mail(m);
            return true;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return false;
    });
    return found[0];
  }

  /** A received mail taken apart: its text and HTML parts, its calendar attachment, its headers. */
  private static final class Mail {
    final MimeMessage message;
    String text = "";
    String html = "";
    byte[] calendar;
    String calendarType;

    Mail(MimeMessage m) throws Exception {
      message = m;
      walk(m);
    }

    private void walk(Part p) throws Exception {
      if (p.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) p.getContent();
        for (int i = 0; i < mp.getCount(); i++) walk(mp.getBodyPart(i));
      } else if (p.isMimeType("text/calendar")) {
        try (InputStream in = p.getInputStream()) {
          calendar = in.readAllBytes();
        }
        calendarType = p.getContentType();
        assertEquals(Part.ATTACHMENT, p.getDisposition());
        assertTrue(((BodyPart) p).getFileName().endsWith(".ics"));
      } else if (p.isMimeType("text/plain")) {
        text = String.valueOf(p.getContent()).replace("\r\n", "\n");
      } else if (p.isMimeType("text/html")) {
        html = String.valueOf(p.getContent());
      }
    }

    void hasCourseContactAndStatus(String course, String secret) throws Exception {
      assertTrue(text.contains(course), "the course:\n" + text);
      assertTrue(text.contains(publicUrl + "/status/" + secret), "the status link:\n" + text);
      assertTrue(html.contains("href=\"" + publicUrl + "/status/" + secret), "the status link in HTML:\n" + html);
      assertTrue(text.contains(CONTACT) && html.contains("mailto:" + CONTACT), "the contact:\n" + text);
      assertFalse(text.contains("do not reply") || text.contains("antworten Sie nicht"), "an answerable mail:\n" + text);
      assertEquals(CONTACT, message.getHeader("Reply-To")[0], "replies go to the language's contact");
    }

    void says(String... parts) {
      for (String s : parts) assertTrue(text.contains(s), "'" + s + "' in:\n" + text);
    }

    String calendar() {
      assertNotNull(calendar, "a calendar file is attached");
      assertTrue(calendarType.toLowerCase(Locale.ROOT).startsWith("text/calendar"), calendarType);
      return new String(calendar, StandardCharsets.UTF_8);
    }

    String calendarOrNull() {
      return calendar == null ? null : calendar();
    }
  }

  /**
   * A strict reader of the little RFC 5545 the mails use: every line ends with CRLF and is at most 75
   * octets; continuation lines start with a space; components nest properly; TEXT values are unescaped.
   */
  private static final class Ics {
    final Map<String, String> calendar = new LinkedHashMap<>();
    final Map<String, String> timezone = new LinkedHashMap<>();
    int timezoneParts;
    final List<Map<String, String>> events = new ArrayList<>();

    static Ics parse(String raw) {
      assertTrue(raw.endsWith("\r\n"), "ends with CRLF");
      String[] physical = raw.substring(0, raw.length() - 2).split("\r\n", -1);
      List<String> lines = new ArrayList<>();
      for (String l : physical) {
        assertFalse(l.contains("\n") || l.contains("\r"), "a bare line break: " + l);
        assertTrue(l.getBytes(StandardCharsets.UTF_8).length <= 75, "longer than 75 octets: " + l);
        if (l.startsWith(" ") || l.startsWith("\t")) {
          assertFalse(lines.isEmpty(), "a continuation first");
          lines.set(lines.size() - 1, lines.get(lines.size() - 1) + l.substring(1));
        } else {
          lines.add(l);
        }
      }
      Ics ics = new Ics();
      List<String> stack = new ArrayList<>();
      Map<String, String> current = null;
      for (String line : lines) {
        int colon = line.indexOf(':');
        assertTrue(colon > 0, "name:value expected: " + line);
        String name = line.substring(0, colon);
        String value = line.substring(colon + 1);
        if (name.equals("BEGIN")) {
          stack.add(value);
          switch (value) {
            case "VCALENDAR" -> current = ics.calendar;
            case "VTIMEZONE" -> current = ics.timezone;
            case "STANDARD", "DAYLIGHT" -> { ics.timezoneParts++; current = new LinkedHashMap<>(); }
            case "VEVENT" -> { current = new LinkedHashMap<>(); ics.events.add(current); }
            default -> fail("unexpected component " + value);
          }
          continue;
        }
        if (name.equals("END")) {
          assertFalse(stack.isEmpty(), "END without BEGIN");
          assertEquals(stack.remove(stack.size() - 1), value, "components nest");
          current = stack.isEmpty() ? null : stack.get(stack.size() - 1).equals("VCALENDAR") ? ics.calendar
            : stack.get(stack.size() - 1).equals("VTIMEZONE") ? ics.timezone : current;
          continue;
        }
        assertNotNull(current, "a property outside any component: " + line);
        assertNull(current.put(name, unescape(name, value)), "a property twice: " + name);
      }
      assertTrue(stack.isEmpty(), "unclosed: " + stack);
      assertEquals("2.0", ics.calendar.get("VERSION"));
      assertNotNull(ics.calendar.get("PRODID"));
      for (Map<String, String> e : ics.events) {
        for (String required : List.of("UID", "DTSTAMP", "SUMMARY")) assertNotNull(e.get(required), required + " in " + e);
        assertTrue(e.get("DTSTAMP").matches("\\d{8}T\\d{6}Z"), e.get("DTSTAMP"));
      }
      return ics;
    }

    private static String unescape(String name, String v) {
      if (!List.of("SUMMARY", "LOCATION", "DESCRIPTION").contains(name)) return v;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\\') {
          char n = v.charAt(++i);
          b.append(n == 'n' || n == 'N' ? '\n' : n);
          assertTrue("\\;,nN".indexOf(n) >= 0, "a bad escape in " + v);
        } else {
          assertTrue(c != ',' && c != ';', "an unescaped " + c + " in TEXT: " + v);
          b.append(c);
        }
      }
      return b.toString();
    }
  }
}
