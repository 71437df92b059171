package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffClient;
import org.opensignup.support.StaffTestApp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Mass mail end to end: the form (multipart, long text, files), the test send, queueing on the bulk
 * lane, delivery through real SMTP (the embedded GreenMail) with the files intact and Cc/Bcc honoured,
 * the progress page, and who may do what.
 */
class MassMailTest {
  private static final long A = SignupFixture.OPEN_A1, B = SignupFixture.OPEN_A1_PARALLEL, C = SignupFixture.OPEN_A2_COLLIDES;

  private static StaffTestApp staff;
  private static Application app;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    staff = StaffTestApp.start(Map.of("admin.superusers", "boss",
      "mail.poll-ms", "200",
      "mail.attachments-max-bytes", "600000"));
    app = staff.app;
    base = staff.base;
    sql = staff.sql;
    // A: Jürgen and Zoë confirmed (Zoë has paid), Cara waiting; B: Zoë and Dmitri confirmed; C: Pia in the pool
    sql.exec("UPDATE language SET reply_to = 'sprachen@uni.example' WHERE id = 1",
      """
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'juergen@example.org', 'juergen@example.org', 'Jürgen', 'Größe', 3, 'de'), (2, 'zoe@example.org', 'zoe@example.org', 'Zoë', 'Brontë', 3, 'en'),
        (3, 'cara@example.org', 'cara@example.org', 'Cara', 'Cole', 3, 'de'), (4, 'dmitri@example.org', 'dmitri@example.org', 'Дмитрий', 'Иванов', 3, 'de'),
        (5, 'pia@example.org', 'pia@example.org', 'Pia', 'Pool', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, amount_paid_cents, paid_at, secret, confirmed_at) VALUES
        (101, 1, 11, 'confirmed', 6000, 0, NULL, 'secret-ann-aaaaaaaaaaaaaa', now()),
        (102, 2, 11, 'confirmed', 6000, 6000, now(), 'secret-ben-aaaaaaaaaaaaaa', now()),
        (103, 3, 11, 'waiting', 6000, 0, NULL, 'secret-cara-aaaaaaaaaaaaa', NULL),
        (104, 2, 12, 'confirmed', 6000, 6000, now(), 'secret-ben-bbbbbbbbbbbbbb', now()),
        (105, 4, 12, 'confirmed', 6000, 6000, now(), 'secret-dan-bbbbbbbbbbbbbb', now()),
        (106, 5, 13, 'pool', 6000, 0, NULL, 'secret-pia-cccccccccccccc', NULL)""",
      "INSERT INTO app_user (id, subject, mail) VALUES (1, 'teach', 'teach@uni.example'), (2, 'cadmin', 'cadmin@uni.example')",
      "SELECT setval('app_user_id_seq', 100)",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 12, 'course_admin')");
  }

  @AfterAll
  static void stop() {
    if (staff != null) staff.close();
  }

  /** About 20,000 characters of German prose with umlauts, ß, quotes and line breaks. */
  private static String longGermanText() {
    String para = "Liebe Teilnehmerinnen und Teilnehmer, die Prüfung am Freitag findet im Hörsaal „Süd“ statt; "
      + "bitte bringen Sie Ihren Ausweis, einen Kugelschreiber und Geduld mit. Größere Änderungen kündigen wir rechtzeitig an. ";
    StringBuilder b = new StringBuilder();
    int n = 0;
    while (b.length() + para.length() + 8 <= MassMailDraft.BODY_MAX) {
      b.append(para);
      if (++n % 3 == 0) b.append("\n\n");
    }
    while (b.length() < MassMailDraft.BODY_MAX) b.append('ä');
    return b.toString().strip().replace("\n\n\n", "\n\n");
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void mailOf20000CharactersWithTwoAttachmentsReachesSmtpIntactWithCcAndBccAndProgressReachesSent() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    String body = longGermanText();
    assertTrue(body.length() >= 19_900 && body.length() <= MassMailDraft.BODY_MAX, "length " + body.length());
    String subject = "Prüfungsraum " + System.nanoTime();
    byte[] pdf = bytes(200_000, 1);
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, pdf, 0, 9);
    byte[] png = bytes(150_000, 2);
    HttpResponse<String> saved = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("course", String.valueOf(B)),
        Map.entry("state", "confirmed"), Map.entry("senderName", "Sprachenzentrum Süd"), Map.entry("cc", "lehrer@uni.example"),
        Map.entry("bcc", "archiv@uni.example"), Map.entry("subject", subject), Map.entry("body", body), Map.entry("action", "test")),
      List.of(new StaffClient.Part("file", "Raumplan Süd.pdf", "application/pdf", pdf), new StaffClient.Part("file", "karte.png", "image/png", png)));
    assertEquals(303, saved.statusCode(), saved.body());
    String location = saved.headers().firstValue("Location").orElseThrow();
    assertTrue(location.matches("/admin/mail/\\d+\\?tested=1"), location);
    long id = Long.parseLong(location.replaceAll("\\D+(\\d+)\\?.*", "$1"));
    assertEquals(2, sql.count("SELECT count(*) FROM mass_mail_attachment WHERE mass_mail_id = " + id));

    // the test mail reaches the staff member, with both files
    waitUntil("test mail", () -> to("boss@uni.example", subject).size() == 1);
    assertAttachments(to("boss@uni.example", subject).get(0), pdf, png);

    HttpResponse<String> page = boss.get(location);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Empfänger: 3 Personen"), page.body());
    assertTrue(page.body().contains("sprachen@uni.example"), "reply-to of the language is shown");
    assertTrue(page.body().contains("Raumplan Süd.pdf"));
    HttpResponse<String> preview = boss.get("/admin/mail/" + id + "/preview");
    assertEquals(200, preview.statusCode());
    assertTrue(preview.body().contains("Hörsaal „Süd“") && preview.body().contains("<br>"), "HTML version with line breaks");

    HttpResponse<String> sent = boss.postForm("/admin/mail/" + id + "/send", List.of(), location);
    assertEquals(303, sent.statusCode(), sent.body());
    // Jürgen, Zoë (in both courses: once), Dmitri, and one copy each for Cc and Bcc
    waitUntil("all sent", () -> {
      JsonObject p = progress(boss, id);
      return p.getLong("sent") == 5 && p.getLong("queued") == 0;
    });
    JsonObject p = progress(boss, id);
    assertEquals(5, p.getLong("total"));
    assertEquals(0, p.getLong("failed"));
    HttpResponse<String> progressPage = boss.get("/admin/mail/" + id);
    assertTrue(progressPage.body().contains("id=\"mm-sent\">5<"), progressPage.body());
    assertEquals("bulk", sql.one("SELECT string_agg(DISTINCT lane, ',') FROM mail_outbox WHERE mass_mail_id = " + id));

    for (String to : List.of("juergen@example.org", "zoe@example.org", "dmitri@example.org")) {
      List<MimeMessage> got = to(to, subject);
      assertEquals(1, got.size(), to);
      MimeMessage m = got.get(0);
      String text = normalise(textPart(m));
      assertTrue(text.contains("\n\n" + normalise(body) + "\n\n-- \n"), "text intact for " + to);
      assertAttachments(m, pdf, png);
      assertEquals("sprachen@uni.example", m.getHeader("Reply-To", ","));
      assertEquals("lehrer@uni.example", m.getHeader("Cc", ","), "the Cc is shown to every recipient");
      assertNull(m.getHeader("Bcc"), "no Bcc header");
      assertTrue(m.getFrom()[0].toString().contains("Sprachenzentrum") && m.getFrom()[0].toString().contains("signup@"), m.getFrom()[0].toString());
      assertFalse(Arrays.toString(m.getAllRecipients()).contains("archiv@"), "the Bcc address is nowhere in a recipient's mail");
    }
    assertTrue(textPart(to("juergen@example.org", subject).get(0)).contains("Hallo Jürgen Größe"));
    assertTrue(textPart(to("dmitri@example.org", subject).get(0)).contains("Дмитрий Иванов"));
    // Cc and Bcc each get exactly one copy, not one per recipient
    assertEquals(1, to("lehrer@uni.example", subject).size());
    assertEquals(1, to("archiv@uni.example", subject).size());
    assertAttachments(to("archiv@uni.example", subject).get(0), pdf, png);
    // the files are stored once and linked to each mail (5 + the test)
    assertEquals(2, sql.count("SELECT count(DISTINCT blob_id) FROM mass_mail_attachment WHERE mass_mail_id = " + id));
    assertEquals(12, sql.count("SELECT count(*) FROM mail_attachment a JOIN mail_outbox o ON o.id = a.outbox_id WHERE o.payload->>'subject' = '" + subject + "'"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'mail.bulk' AND entity_id = " + id));

    // queued once only
    HttpResponse<String> again = boss.postForm("/admin/mail/" + id + "/send", List.of(), "/admin/mail");
    assertEquals(409, again.statusCode());
  }

  @Test
  void sendingIsRefusedUntilTheDraftWasTestedSinceItsLastChange() throws Exception {
    StaffClient admin = staff.login("cadmin", "cadmin@uni.example");
    List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("course", String.valueOf(B)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Kurs B"), Map.entry("body", "Hallo")));
    HttpResponse<String> saved = post(admin, form, List.of());
    assertEquals(303, saved.statusCode(), saved.body());
    String id = saved.headers().firstValue("Location").orElseThrow().replaceAll("\\D+(\\d+)\\?.*", "$1");
    long rows = sql.count("SELECT count(*) FROM mail_outbox");
    HttpResponse<String> untested = admin.postForm("/admin/mail/" + id + "/send", List.of(), "/admin/mail/" + id);
    assertEquals(409, untested.statusCode());
    assertTrue(untested.body().contains("zuerst als Test"), untested.body());

    List<Map.Entry<String, String>> test = new ArrayList<>(form);
    test.add(Map.entry("draftId", id));
    test.add(Map.entry("action", "test"));
    assertEquals(303, post(admin, test, List.of()).statusCode());
    // a change after the test withdraws it
    List<Map.Entry<String, String>> changed = new ArrayList<>(List.of(Map.entry("course", String.valueOf(B)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Kurs B, geändert"), Map.entry("body", "Hallo"), Map.entry("draftId", id)));
    assertEquals(303, post(admin, changed, List.of()).statusCode());
    assertEquals(409, admin.postForm("/admin/mail/" + id + "/send", List.of(), "/admin/mail/" + id).statusCode());
    assertEquals(rows + 1, sql.count("SELECT count(*) FROM mail_outbox"), "only the test mail");
  }

  @Test
  void aBrokenFormKeepsTheDraftSaysWhyAndWritesNothing() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    long drafts = sql.count("SELECT count(*) FROM mass_mail");
    String tooLong = "ü".repeat(MassMailDraft.BODY_MAX + 1);
    HttpResponse<String> r = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Zu lang"), Map.entry("body", tooLong)), List.of());
    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("höchstens 20.000 Zeichen"), r.body().substring(0, 600));
    assertTrue(r.body().contains(tooLong), "the typed text comes back");

    r = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Datei"), Map.entry("body", "Text"), Map.entry("cc", "not-an-address")), List.of());
    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("„not-an-address“ ist keine gültige Mail-Adresse"));

    r = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Datei"), Map.entry("body", "Text")), List.of(new StaffClient.Part("file", "tool.exe", "application/octet-stream", bytes(10, 3))));
    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("„tool.exe“ kann nicht angehängt werden"));

    r = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Groß"), Map.entry("body", "Text")), List.of(new StaffClient.Part("file", "big.pdf", "application/pdf", bytes(700_000, 4))));
    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("größer als"), r.body().substring(0, 600));
    assertEquals(drafts, sql.count("SELECT count(*) FROM mass_mail"));
  }

  @Test
  void wholeLanguageAndStatesChooseTheRecipients() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    // language 1 (courses A, B, C ...): waiting, pool and unpaid → Cara, Pia, Jürgen
    HttpResponse<String> r = post(boss, List.of(Map.entry("language", "1"), Map.entry("state", "waiting"),
      Map.entry("state", "pool"), Map.entry("state", "unpaid"), Map.entry("subject", "Erinnerung"), Map.entry("body", "Bitte melden.")), List.of());
    assertEquals(303, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(boss.get(location).body().contains("Empfänger: 3 Personen"));
    String id = location.replaceAll("\\D+(\\d+)\\?.*", "$1");
    post(boss, List.of(Map.entry("draftId", id), Map.entry("language", "1"), Map.entry("state", "waiting"),
      Map.entry("state", "pool"), Map.entry("state", "unpaid"), Map.entry("subject", "Erinnerung"), Map.entry("body", "Bitte melden."),
      Map.entry("action", "test")), List.of());
    assertEquals(303, boss.postForm("/admin/mail/" + id + "/send", List.of(), location).statusCode());
    assertEquals(List.of("cara@example.org", "juergen@example.org", "pia@example.org"),
      sql.column("SELECT recipient FROM mail_outbox WHERE mass_mail_id = " + id + " ORDER BY recipient"));
  }

  @Test
  void everyMassMailDoorChecksTheRole() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    HttpResponse<String> r = post(boss, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "Nur A"), Map.entry("body", "Text")), List.of());
    String id = r.headers().firstValue("Location").orElseThrow().replaceAll("\\D+(\\d+)\\?.*", "$1");
    List<String> pages = List.of("/admin/mail", "/admin/mail/" + id, "/admin/mail/" + id + "/preview", "/admin/mail/" + id + "/progress");

    StaffClient anonymous = StaffClient.anonymous(base);
    for (String p : pages) {
      HttpResponse<String> a = anonymous.noRedirects.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + p)).build(),
        HttpResponse.BodyHandlers.ofString());
      assertEquals(302, a.statusCode(), p);
      assertEquals(401, anonymous.getJson(p).statusCode(), p);
    }
    assertEquals(401, anonymous.postMultipart("/admin/mail", List.of(Map.entry("subject", "x")), List.of(), "").statusCode());

    StaffClient applicant = staff.login("student-" + System.nanoTime(), "student@uni.example");
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    StaffClient otherAdmin = staff.login("cadmin", "cadmin@uni.example");
    for (String p : pages) {
      assertEquals(403, applicant.get(p).statusCode(), "applicant " + p);
      assertEquals(403, teacher.get(p).statusCode(), "teacher " + p);
      assertEquals(p.equals("/admin/mail") ? 200 : 403, otherAdmin.get(p).statusCode(), "admin of another course " + p);
      assertEquals(200, boss.get(p).statusCode(), "superuser " + p);
    }
    assertEquals(403, otherAdmin.postForm("/admin/mail/" + id + "/send", List.of(), "/admin/mail").statusCode());
    assertEquals(403, teacher.postForm("/admin/mail/" + id + "/send", List.of(), "/admin/courses/" + A).statusCode());
    // a course admin writes to their own course, not to another
    assertEquals(403, post(otherAdmin, List.of(Map.entry("course", String.valueOf(A)), Map.entry("state", "confirmed"),
      Map.entry("subject", "x"), Map.entry("body", "y")), List.of()).statusCode());
    assertEquals(303, post(otherAdmin, List.of(Map.entry("course", String.valueOf(B)), Map.entry("state", "confirmed"),
      Map.entry("subject", "x"), Map.entry("body", "y")), List.of()).statusCode());
    // CSRF: a post without the token is refused
    assertEquals(403, otherAdmin.postMultipart("/admin/mail", List.of(Map.entry("course", String.valueOf(B)), Map.entry("state", "confirmed"),
      Map.entry("subject", "x"), Map.entry("body", "y")), List.of(), "forged").statusCode());
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Posts the mass-mail form with a fresh CSRF token (each accepted post renews the token). */
  private static HttpResponse<String> post(StaffClient s, List<Map.Entry<String, String>> fields, List<StaffClient.Part> files) throws Exception {
    return s.postMultipart("/admin/mail", fields, files, StaffClient.csrfIn(s.get("/admin/mail").body()));
  }

  private static JsonObject progress(StaffClient s, long id) {
    try {
      return new JsonObject(s.getJson("/admin/mail/" + id + "/progress").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<MimeMessage> to(String address, String subject) {
    List<MimeMessage> out = new ArrayList<>();
    try {
      for (MimeMessage m : org.opensignup.dev.DevServices.mailSink(app).greenMail().getReceivedMessages()) {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        if (to != null && to.length == 1 && to[0].toString().equals(address) && subject.equals(m.getSubject())) out.add(m);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static String textPart(MimeMessage m) throws Exception {
    return find(m.getContent(), "text/plain");
  }

  private static String find(Object content, String type) throws Exception {
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) continue;
        if (bp.getContent() instanceof Multipart inner) {
          String s = find(inner, type);
          if (s != null) return s;
        } else if (bp.getContentType().toLowerCase().startsWith(type)) {
          return (String) bp.getContent();
        }
      }
      return null;
    }
    return (String) content;
  }

  private static void assertAttachments(MimeMessage m, byte[]... expected) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    collect(m.getContent(), files);
    assertEquals(expected.length, files.size(), "attachments " + files.keySet());
    int i = 0;
    for (var e : files.entrySet()) assertArrayEquals(expected[i++], e.getValue(), "bytes of " + e.getKey());
    assertEquals(List.of("Raumplan Süd.pdf", "karte.png"), new ArrayList<>(files.keySet()));
  }

  private static void collect(Object content, Map<String, byte[]> files) throws Exception {
    if (!(content instanceof Multipart mp)) return;
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart bp = mp.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
        try (InputStream in = bp.getInputStream()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          files.put(jakarta.mail.internet.MimeUtility.decodeText(bp.getFileName()), out.toByteArray());
        }
      } else if (bp.getContent() instanceof Multipart inner) {
        collect(inner, files);
      }
    }
  }

  /** Line ends as sent (CRLF) and the soft wrapping of long lines aside, the text must be the same. */
  private static String normalise(String s) {
    return s.replace("\r\n", "\n").strip();
  }

  private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
      Thread.sleep(100);
    }
  }
}
