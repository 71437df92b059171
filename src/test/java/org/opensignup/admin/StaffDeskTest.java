package org.opensignup.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.auth.TagHasher;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The staff desk through HTTP against a real PostgreSQL and OIDC provider: closing and reopening a
 * course (signups refused, catalogue shows it, attendances stay), editing an applicant's data (the
 * public form's checks, clashes as 409 with the field, audited), and the day of a payment.
 */
class StaffDeskTest {
  static final String BOOTSTRAP = "desk-" + Long.toHexString(System.nanoTime()) + "-secret";
  static final long BIG = SignupFixture.OPEN_BIG, A = SignupFixture.OPEN_A1;
  static final HttpClient http = HttpClient.newHttpClient();

  static MockOAuth2Server oidc;
  static Application app;
  static Sql sql;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "boss",
      "admin.bootstrap-token", BOOTSTRAP));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'ann.arbor@example.org', 'ann.arbor@example.org', 'Ann', 'Arbor', 3, 'de'), (2, 'ben@example.org', 'ben@example.org', 'Ben', 'Brook', 3, 'en'),
        (3, 'cara@example.org', 'cara@example.org', 'Cara', 'Cole', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES
        (101, 1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now()),
        (102, 2, 11, 'confirmed', 6000, 'secret-ben-aaaaaaaaaaaaaa', now()),
        (103, 3, 11, 'waiting', 6000, 'secret-cara-aaaaaaaaaaaaa', NULL)""",
      "UPDATE course SET confirmed_count = 2, waiting_count = 1 WHERE id = 11",
      "INSERT INTO app_user (id, subject) VALUES (1, 'cadmin'), (2, 'teach')",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'course_admin'), (1, 15, 'course_admin'), (2, 11, 'teacher')",
      "SELECT setval('app_user_id_seq', 100)", "SELECT setval('applicant_id_seq', 100)", "SELECT setval('attendance_id_seq', 1000)");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  static StaffClient boot() {
    return StaffClient.bearer(base, BOOTSTRAP);
  }

  // --- closing a course --------------------------------------------------------------------------

  @Test
  void aClosedCourseTakesNoNewSignupsShowsClosedKeepsItsAttendancesAndReopens() throws Exception {
    HttpResponse<String> before = signup(BIG, "early.bird@example.org");
    assertEquals(201, before.statusCode(), before.body());
    long confirmed = sql.count("SELECT confirmed_count FROM course WHERE id = " + BIG);

    // a catalogue open in a browser hears of it on the live stream
    HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/courses/stream?lang=en"))
      .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    java.util.concurrent.CompletableFuture<String> heard = java.util.concurrent.CompletableFuture.supplyAsync(() -> stream.body()
      .filter(l -> l.startsWith("data:") && l.contains("\"courseId\":" + BIG + ",") && l.contains("\"status\":\"closed\"")).findFirst().orElse(""));

    HttpResponse<String> closed = boot().post("/api/admin/courses/" + BIG + "/close", "{}");
    assertEquals(200, closed.statusCode(), closed.body());
    assertTrue(new JsonObject(closed.body()).getBoolean("closed"));
    assertTrue(new JsonObject(boot().get("/api/admin/courses/" + BIG).body()).getBoolean("closed"));
    assertTrue(heard.get(15, java.util.concurrent.TimeUnit.SECONDS).contains("\"statusText\":\"Closed\""));
    stream.body().close();
    assertEquals(200, boot().post("/api/admin/courses/" + BIG + "/close", "{}").statusCode(), "closing twice changes nothing");
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'course.close' AND course_id = " + BIG
      + " AND before->>'closed' = 'false' AND after->>'closed' = 'true' AND actor = 'bootstrap-token'"));

    HttpResponse<String> refused = signup(BIG, "too.late@example.org");
    assertEquals(409, refused.statusCode(), refused.body());
    JsonObject problem = new JsonObject(refused.body());
    assertEquals("signup.error.course-closed", problem.getString("code"));
    assertEquals("courseId", problem.getString("field"));
    assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail_key = 'too.late@example.org'"));
    assertEquals(confirmed, sql.count("SELECT confirmed_count FROM course WHERE id = " + BIG), "the attendances stay");
    assertEquals(1, sql.count("SELECT count(*) FROM attendance t JOIN applicant a ON a.id = t.applicant_id "
      + "WHERE a.mail_key = 'early.bird@example.org' AND t.state = 'confirmed'"));

    // the catalogue (cached for a second) says closed and offers no button
    JsonObject course = awaitCatalogueStatus(BIG, "closed");
    assertTrue(course.getBoolean("closed"));
    String page = http.send(HttpRequest.newBuilder(URI.create(base + "/?lang=en")).build(), HttpResponse.BodyHandlers.ofString()).body();
    String row = page.substring(page.indexOf("id=\"course-" + BIG + "\""));
    row = row.substring(0, row.indexOf("</tr>"));
    assertTrue(row.contains("status-closed") && row.contains(">Closed<"), row);
    assertTrue(row.contains(" hidden>"), "no signup button on a closed course: " + row);

    // the course admin reopens it on the course page (form with CSRF)
    StaffClient cadmin = StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example");
    String settings = cadmin.page("/admin/courses/" + BIG + "/settings").body();
    assertTrue(settings.contains("id=\"reopen-course\""), settings);
    assertEquals(403, cadmin.csrf(false).postForm("/admin/courses/" + BIG + "/reopen", Map.of(), null).statusCode());
    cadmin.csrf(true);
    HttpResponse<String> reopened = cadmin.postForm("/admin/courses/" + BIG + "/reopen", Map.of(), "/admin/courses/" + BIG + "/settings");
    assertEquals(303, reopened.statusCode(), reopened.body());
    assertEquals(0, sql.count("SELECT count(*) FROM course WHERE closed_at IS NOT NULL AND id = " + BIG));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'course.reopen' AND actor = 'cadmin' AND course_id = " + BIG));
    assertTrue(cadmin.page("/admin/courses/" + BIG + "/settings").body().contains("id=\"close-course\""));
    HttpResponse<String> again = signup(BIG, "too.late@example.org");
    assertEquals(201, again.statusCode(), again.body());
    awaitCatalogueStatus(BIG, "free");

    // someone who does not manage the course cannot close it
    assertEquals(403, cadmin.post("/api/admin/courses/" + SignupFixture.OPEN_A1_PARALLEL + "/close", "{}").statusCode());
    assertEquals(404, boot().post("/api/admin/courses/999999/close", "{}").statusCode());
  }

  // --- applicant data ----------------------------------------------------------------------------

  @Test
  void staffChangeAnApplicantsDataWithThePublicChecksAndEveryChangeIsAuditedWithoutTheNumber() throws Exception {
    HttpResponse<String> r = boot().patch("/api/admin/applicants/1", new JsonObject().put("firstName", " Anna ").put("mail", "Anna.NEW@Example.org")
      .put("semester", 3).put("tag", "ab1234").put("locale", "en").encode());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject after = new JsonObject(r.body());
    assertEquals("Anna", after.getString("firstName"));
    assertEquals("Arbor", after.getString("lastName"), "fields not in the patch keep their values");
    assertTrue(after.getBoolean("hasTag"));
    assertEquals("Anna|Anna.NEW@Example.org|anna.new@example.org|3|en", sql.one(
      "SELECT first_name || '|' || mail || '|' || mail_key || '|' || semester || '|' || locale FROM applicant WHERE id = 1"));
    assertEquals(HexFormat.of().formatHex(TagHasher.from(app.config()).hash("ab1234")),
      sql.one("SELECT encode(tag_hash, 'hex') FROM applicant WHERE id = 1"));
    assertEquals("Ann|Anna|true", sql.one("SELECT (before->>'firstName') || '|' || (after->>'firstName') || '|' || (after->>'tagChanged') "
      + "FROM audit_log WHERE action = 'applicant.update' AND applicant_id = 1 AND actor = 'bootstrap-token'"));
    assertEquals(0, sql.count("SELECT count(*) FROM audit_log WHERE (before::text || after::text) LIKE '%ab1234%'"));

    // another applicant may not take the address (in any case) or the number
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"mail\":\"ANNA.new@example.ORG\"}"), 409, "mail", "admin.desk.error.mail-taken");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"tag\":\"ab1234\"}"), 409, "tag", "signup.error.tag-in-use");
    // the public form's checks
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"mail\":\"ben@\"}"), 422, "mail", "signup.error.mail-invalid");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"lastName\":\"\"}"), 422, "lastName", "signup.error.required");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"semester\":0}"), 422, "semester", "signup.error.semester");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"originId\":99}"), 422, "originId", "signup.error.unknown-choice");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"originId\":1}"), 422, "degreeId", "signup.error.degree-required");
    assertProblem(boot().patch("/api/admin/applicants/2", "{\"bouncing\":false}"), 422, "bouncing", "admin.desk.error.unknown-field");
    assertEquals("Ben|ben@example.org|3", sql.one("SELECT first_name || '|' || mail || '|' || origin_id FROM applicant WHERE id = 2"),
      "a refused change changes nothing");
    HttpResponse<String> students = boot().patch("/api/admin/applicants/2", "{\"originId\":1,\"degreeId\":1,\"semester\":2}");
    assertEquals(200, students.statusCode(), students.body());
    assertEquals(404, boot().patch("/api/admin/applicants/999999", "{\"firstName\":\"X\"}").statusCode());

    // the page: the course admin of the applicant's course edits the form; an empty number field keeps none
    StaffClient cadmin = StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example");
    String form = cadmin.page("/admin/applicants/3/edit").body();
    assertTrue(form.contains("id=\"applicant-form\"") && form.contains("value=\"Cole\""), form);
    Map<String, String> fields = new LinkedHashMap<>(Map.of("firstName", "Cara", "lastName", "Cole-Brook", "mail", "cara.cole@example.org",
      "tag", "", "originId", "3", "degreeId", "", "graduationId", "1", "semester", "", "locale", "de"));
    HttpResponse<String> saved = cadmin.postForm("/admin/applicants/3/edit", fields, "/admin/applicants/3/edit");
    assertEquals(303, saved.statusCode(), saved.body());
    assertEquals("/admin/applicants/3?saved=1", saved.headers().firstValue("Location").orElse(""));
    assertEquals("Cole-Brook|cara.cole@example.org|1|true", sql.one(
      "SELECT last_name || '|' || mail_key || '|' || graduation_id || '|' || (tag_hash IS NULL) FROM applicant WHERE id = 3"));
    fields.put("mail", "anna.new@example.org");
    HttpResponse<String> clash = cadmin.postForm("/admin/applicants/3/edit", fields, "/admin/applicants/3/edit");
    assertEquals(409, clash.statusCode(), clash.body());
    // a teacher of the course does not manage it: no edit
    StaffClient teacher = StaffClient.login(base, oidc, "teach", "teach@uni.example");
    assertEquals(403, teacher.patch("/api/admin/applicants/3", "{\"firstName\":\"X\"}").statusCode());
    assertEquals(403, teacher.page("/admin/applicants/3/edit").statusCode());
  }

  // --- payment date ------------------------------------------------------------------------------

  @Test
  void aPaymentTakesTheDayItWasMadeShownInTheListsAndOnTheReceipt() throws Exception {
    LocalDate today = LocalDate.now(StaffInput.ZONE);
    LocalDate earlier = today.minusDays(12);
    HttpResponse<String> paid = boot().post("/api/admin/attendances/102/payments",
      new JsonObject().put("amountCents", 2000).put("method", "transfer").put("paidOn", earlier.toString()).encode());
    assertEquals(201, paid.statusCode(), paid.body());
    assertEquals(earlier.toString(), new JsonObject(paid.body()).getString("paidOn"));
    assertEquals(earlier.toString(), sql.one("SELECT paid_on::text FROM payment WHERE attendance_id = 102 AND amount_cents = 2000"));

    assertProblem(boot().post("/api/admin/attendances/102/payments", new JsonObject().put("amountCents", 100).put("method", "cash")
      .put("paidOn", today.plusDays(1).toString()).encode()), 422, "paidOn", "admin.desk.error.date-future");
    assertProblem(boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":100,\"method\":\"cash\",\"paidOn\":\"gestern\"}"),
      422, "paidOn", "admin.desk.error.date");
    HttpResponse<String> todays = boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":1000,\"method\":\"cash\"}");
    assertEquals(201, todays.statusCode(), todays.body());
    assertEquals(today.toString(), new JsonObject(todays.body()).getString("paidOn"), "no date: today");

    // the payment desk's form takes the date too
    StaffClient cadmin = StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example");
    LocalDate desk = today.minusDays(3);
    HttpResponse<String> form = cadmin.postForm("/admin/attendances/101/pay", Map.of("amount", "15,00", "method", "cash",
      "paidOn", desk.toString(), "back", "/admin/payments"), "/admin/payments");
    assertEquals(303, form.statusCode(), form.body());
    assertEquals(desk.toString(), sql.one("SELECT paid_on::text FROM payment WHERE attendance_id = 101"));
    assertTrue(cadmin.page("/admin/payments").body().contains("name=\"paidOn\" type=\"date\""));
    // and so does the course page's
    LocalDate onCourse = today.minusDays(5);
    HttpResponse<String> course = cadmin.postForm("/admin/courses/" + A + "/payments", Map.of("attendanceId", "101", "amount", "5",
      "paidOn", onCourse.toString()), "/admin/courses/" + A);
    assertEquals(201, course.statusCode(), course.body()); // this client asks for JSON; a browser is sent back to the page
    assertEquals(onCourse.toString(), new JsonObject(course.body()).getString("paidOn"));
    assertEquals(onCourse.toString(), sql.one("SELECT paid_on::text FROM payment WHERE attendance_id = 101 ORDER BY id DESC LIMIT 1"));
    assertEquals(422, cadmin.postForm("/admin/courses/" + A + "/payments", Map.of("attendanceId", "101", "amount", "5",
      "paidOn", today.plusDays(2).toString()), "/admin/courses/" + A).statusCode());
    assertEquals(2, sql.count("SELECT count(*) FROM payment WHERE attendance_id = 101"), "the refused one is not recorded");

    // listed with the day: the applicant in the API and on the page, and the receipt
    JsonArray payments = new JsonObject(boot().get("/api/admin/applicants/2").body()).getJsonArray("attendances").getJsonObject(0)
      .getJsonArray("payments");
    assertEquals(earlier.toString(), payments.getJsonObject(0).getString("paidOn"), "ordered by the day paid");
    assertEquals(today.toString(), payments.getJsonObject(1).getString("paidOn"));
    String page = cadmin.page("/admin/applicants/2?lang=en").body();
    assertTrue(page.contains("paid on " + earlier), page);
    StaffClient boss = StaffClient.login(base, oidc, "boss", "boss@uni.example");
    String receipt = pdfText(boss.getBytes("/admin/attendances/102/receipt.pdf?lang=de"));
    assertTrue(receipt.contains(earlier.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"))), receipt);
  }

  @Test
  void theDatabaseGivesAPaymentWithoutADayTheDayOfItsRecordingAndRefusesADayAfterIt() {
    sql.exec("INSERT INTO payment (attendance_id, amount_cents, paid_at, recorded_by) VALUES (103, 500, '2026-02-03 23:30:00+00', 'db-test')");
    assertEquals("2026-02-04", sql.one("SELECT paid_on::text FROM payment WHERE recorded_by = 'db-test'"), "the day in Berlin");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sql.exec(
      "INSERT INTO payment (attendance_id, amount_cents, paid_at, paid_on, recorded_by) VALUES (103, 500, '2026-02-03 12:00:00+00', '2026-02-06', 'db-test')"));
    assertTrue(e.getMessage().contains("payment_paid_on_not_future"), e.getMessage());
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static void assertProblem(HttpResponse<String> r, int status, String field, String code) {
    assertEquals(status, r.statusCode(), r.body());
    JsonObject p = new JsonObject(r.body());
    assertEquals(field, p.getString("field"), r.body());
    assertEquals(code, p.getString("code"), r.body());
  }

  private static HttpResponse<String> signup(long course, String mail) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("courseId", course).put("mail", mail).put("firstName", "Test")
        .put("lastName", "Person").put("originId", SignupFixture.EXTERNAL).encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The catalogue is cached for a second: waits until it shows the course with this status. */
  private static JsonObject awaitCatalogueStatus(long courseId, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonObject found = null;
    while (System.nanoTime() < deadline) {
      JsonObject cat = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/courses")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
      for (Object l : cat.getJsonArray("languages")) {
        for (Object c : ((JsonObject) l).getJsonArray("courses")) {
          if (((JsonObject) c).getLong("id") == courseId) found = (JsonObject) c;
        }
      }
      if (found != null && status.equals(found.getString("status"))) return found;
      Thread.sleep(100);
    }
    fail("course " + courseId + " never showed " + status + ": " + found);
    return null;
  }

  private static String pdfText(HttpResponse<byte[]> r) throws Exception {
    assertEquals(200, r.statusCode(), new String(r.body()));
    try (PDDocument doc = Loader.loadPDF(r.body())) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
