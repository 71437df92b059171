package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The staff area through HTTP with a real OIDC provider (mock-oauth2-server, which logs in whoever
 * the test enqueues) and a real PostgreSQL: roles at every door, payments, exports, mass mail
 * and the harvest upload.
 */
class AdminAreaTest {
  private static final Pattern CSRF = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");
  private static final long A = SignupFixture.OPEN_A1, B = SignupFixture.OPEN_A1_PARALLEL;

  private static MockOAuth2Server oidc;
  private static Application app;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of(
      "oidc.issuer", oidc.issuerUrl("campus").toString(),
      "admin.superusers", "boss, chief@uni.example",
      "harvest.sources", "[{\"name\":\"placement\",\"kind\":\"approvals\",\"tagColumn\":\"tag\",\"pointsColumn\":\"p\",\"maxPoints\":10}]",
      "mail.poll-ms", "200"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    // course A: Ann and Ben confirmed, Cara waiting; course B: Ben and Dan confirmed
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'ann@example.org', 'ann@example.org', 'Ann', 'Arbor', 3, 'de'), (2, 'ben@example.org', 'ben@example.org', 'Ben', 'Brook', 3, 'en'),
        (3, 'cara@example.org', 'cara@example.org', 'Cara', 'Cole', 3, 'de'), (4, 'dan@example.org', 'dan@example.org', 'Dan', '=Drake', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES
        (101, 1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now()),
        (102, 2, 11, 'confirmed', 6000, 'secret-ben-aaaaaaaaaaaaaa', now()),
        (103, 3, 11, 'waiting', 6000, 'secret-cara-aaaaaaaaaaaaa', NULL),
        (104, 2, 12, 'confirmed', 6000, 'secret-ben-bbbbbbbbbbbbbb', now()),
        (105, 4, 12, 'confirmed', 6000, 'secret-dan-bbbbbbbbbbbbbb', now())""",
      "UPDATE applicant SET bouncing_since = now() WHERE id = 3",
      "INSERT INTO app_user (id, subject) VALUES (1, 'teach'), (2, 'cadmin'), (3, 'norole')",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 12, 'course_admin')",
      "SELECT setval('app_user_id_seq', 100)");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  // --- doors ------------------------------------------------------------------------------------

  @Test
  void anonymousVisitorIsSentToTheLoginAndJsonClientsGet401() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    HttpResponse<String> page = plain.send(HttpRequest.newBuilder(URI.create(base + "/admin/courses/" + A)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, page.statusCode());
    assertEquals("/auth/login?return=" + URLEncoder.encode("/admin/courses/" + A, StandardCharsets.UTF_8), page.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> json = plain.send(HttpRequest.newBuilder(URI.create(base + "/admin")).header("Accept", "application/json").build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(401, json.statusCode());
    assertEquals("admin.error.login-required", new JsonObject(json.body()).getString("code"));
  }

  @Test
  void loggedInPersonWithoutAnyRoleGets403() throws Exception {
    Session s = login("norole-" + System.nanoTime(), "nobody@uni.example");
    HttpResponse<String> r = s.get("/admin");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("keine Rolle"), r.body());
    assertEquals(403, s.get("/admin/courses/" + A).statusCode());
  }

  @Test
  void teacherSeesAndExportsTheListOfTheirCourseButCannotRecordPayments() throws Exception {
    Session teacher = login("teach", "teach@uni.example");
    HttpResponse<String> list = teacher.get("/admin/courses/" + A);
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("ann@example.org") && list.body().contains("cara@example.org"), list.body());
    assertFalse(list.body().contains("/payments"), "no payment form for a teacher");
    assertTrue(list.body().contains("kommt zurück"), "Cara's bouncing address is flagged");

    long paymentsBefore = sql.count("SELECT count(*) FROM payment");
    assertEquals(403, teacher.postForm("/admin/courses/" + A + "/payments", Map.of("attendanceId", "101", "amount", "60"), "/admin/courses/" + A).statusCode());
    assertEquals(paymentsBefore, sql.count("SELECT count(*) FROM payment"));
    assertEquals(200, teacher.get("/admin/courses/" + A + "/export.csv").statusCode(), "teachers export their own lists");
    assertEquals(403, teacher.get("/admin/courses/" + B + "/export.csv").statusCode());
    assertEquals(403, teacher.get("/admin/courses/" + B).statusCode());
    assertEquals(403, teacher.get("/admin/mail").statusCode(), "teachers write no mass mail");
    assertEquals(403, teacher.get("/admin/harvest").statusCode());

    HttpResponse<String> overview = teacher.get("/admin");
    assertEquals(200, overview.statusCode());
    assertTrue(overview.body().contains("id=\"course-" + A + "\""));
    assertFalse(overview.body().contains("id=\"course-" + B + "\""), "only the courses of one's roles");
  }

  @Test
  void courseAdminCannotSeeAnotherCourse() throws Exception {
    Session admin = login("cadmin", "cadmin@uni.example");
    assertEquals(200, admin.get("/admin/courses/" + B).statusCode());
    assertEquals(403, admin.get("/admin/courses/" + A).statusCode());
    assertEquals(403, admin.get("/admin/courses/" + A + "/export.xlsx").statusCode());
    assertEquals(403, admin.get("/admin/roles").statusCode(), "only superusers manage roles");
  }

  @Test
  void superuserFromConfigSeesEveryCourseAndTheServices() throws Exception {
    Session boss = login("boss", "boss@uni.example");
    HttpResponse<String> overview = boss.get("/admin?lang=en");
    assertEquals(200, overview.statusCode());
    for (long id : List.of(A, B, SignupFixture.MANUAL_COURSE)) assertTrue(overview.body().contains("id=\"course-" + id + "\""), "course " + id);
    assertTrue(overview.body().contains("id=\"mail-stats\""), overview.body());
    assertTrue(overview.body().contains("placement"), "harvest sources are shown");
    assertEquals(200, boss.get("/admin/courses/" + A).statusCode());
    assertEquals("t", sql.one("SELECT superuser_by_config FROM app_user WHERE subject = 'boss'"));
    // listed by mail address (verified by the provider)
    Session chief = login("chief-subject", "Chief@uni.example");
    assertEquals(200, chief.get("/admin/courses/" + B).statusCode());
  }

  @Test
  void superuserGrantsARoleThroughTheRolesPage() throws Exception {
    String subject = "late-" + System.nanoTime();
    Session boss = login("boss", "boss@uni.example");
    HttpResponse<String> r = boss.postForm("/admin/roles/grant", Map.of("who", subject, "courseId", String.valueOf(B), "role", "teacher"), "/admin/roles");
    assertEquals(303, r.statusCode(), r.body());
    Session late = login(subject, "late@uni.example");
    assertEquals(200, late.get("/admin/courses/" + B).statusCode());
    assertEquals(403, late.get("/admin/courses/" + A).statusCode());
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'role.grant' AND actor = 'boss' AND details->>'who' = '" + subject + "'"));
  }

  // --- payments ---------------------------------------------------------------------------------

  @Test
  void recordingAPaymentUpdatesTheAttendanceAndWritesPaymentAndAuditRows() throws Exception {
    Session admin = login("cadmin", "cadmin@uni.example");
    HttpResponse<String> r = admin.postForm("/admin/courses/" + B + "/payments", Map.of("attendanceId", "105", "amount", "60,00", "note", "cash"), "/admin/courses/" + B);
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("6000", sql.one("SELECT amount_paid_cents FROM attendance WHERE id = 105"));
    assertEquals("t", sql.one("SELECT paid_at IS NOT NULL FROM attendance WHERE id = 105"));
    assertEquals("6000|cadmin|cash", sql.one("SELECT amount_cents || '|' || recorded_by || '|' || note FROM payment WHERE attendance_id = 105"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'payment.record' AND actor = 'cadmin' AND entity = 'attendance' AND entity_id = 105"));
    HttpResponse<String> page = admin.get("/admin/courses/" + B + "?paid=105");
    assertTrue(page.body().contains("Die Zahlung ist erfasst."));

    // a correction below the fee clears the paid date again
    assertEquals(303, admin.postForm("/admin/courses/" + B + "/payments", Map.of("attendanceId", "105", "amount", "-10.5"), "/admin/courses/" + B).statusCode());
    assertEquals("4950", sql.one("SELECT amount_paid_cents FROM attendance WHERE id = 105"));
    assertEquals("f", sql.one("SELECT paid_at IS NOT NULL FROM attendance WHERE id = 105"));
  }

  @Test
  void badAmountsAreRefusedWithAMessageAndWriteNothing() throws Exception {
    Session admin = login("cadmin", "cadmin@uni.example");
    long payments = sql.count("SELECT count(*) FROM payment");
    long audits = sql.count("SELECT count(*) FROM audit_log");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("", "Bitte geben Sie den Betrag in Euro ein.");
    cases.put("sixty", "Bitte geben Sie den Betrag in Euro ein, etwa 60 oder 60,00");
    cases.put("12.345", "etwa 60 oder 60,00");
    cases.put("0", "Ein Betrag von null ändert nichts.");
    cases.put("9999999", "etwa 60 oder 60,00");
    cases.put("-1", "Mit dieser Korrektur würde die bezahlte Summe negativ");
    for (var c : cases.entrySet()) {
      HttpResponse<String> r = admin.postForm("/admin/courses/" + B + "/payments", Map.of("attendanceId", "104", "amount", c.getKey()), "/admin/courses/" + B);
      assertEquals(422, r.statusCode(), "amount '" + c.getKey() + "'");
      assertTrue(r.body().contains(c.getValue()), "amount '" + c.getKey() + "': " + r.body());
    }
    // an attendance of another course through this course's door
    HttpResponse<String> foreign = admin.postForm("/admin/courses/" + B + "/payments", Map.of("attendanceId", "101", "amount", "10"), "/admin/courses/" + B);
    assertEquals(404, foreign.statusCode());
    assertTrue(foreign.body().contains("Diese Anmeldung gibt es in diesem Kurs nicht."));
    assertEquals(payments, sql.count("SELECT count(*) FROM payment"));
    assertEquals(audits, sql.count("SELECT count(*) FROM audit_log"));
    assertEquals("0", sql.one("SELECT amount_paid_cents FROM attendance WHERE id = 104"));
  }

  // --- exports ----------------------------------------------------------------------------------

  @Test
  void xlsxExportOpensWithPoiAndContainsTheAttendees() throws Exception {
    Session boss = login("boss", "boss@uni.example");
    HttpResponse<byte[]> r = boss.client.send(HttpRequest.newBuilder(URI.create(base + "/admin/courses/" + A + "/export.xlsx")).build(),
      HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    List<String> cells = new ArrayList<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
      for (Row row : wb.getSheetAt(0)) for (Cell c : row) cells.add(c.toString());
      assertEquals(4, wb.getSheetAt(0).getPhysicalNumberOfRows(), "header and three attendees");
    }
    assertTrue(cells.containsAll(List.of("ann@example.org", "ben@example.org", "cara@example.org", "Arbor")), cells.toString());
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'export.xlsx' AND entity_id = " + A));

    HttpResponse<String> csv = boss.get("/admin/courses/" + B + "/export.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().contains("dan@example.org"));
    assertTrue(csv.body().contains("'=Drake"), "a formula-like name stays text: " + csv.body());
  }

  // --- mass mail --------------------------------------------------------------------------------

  // mass mail: see MassMailTest

  @Test
  void mailProblemsPageShowsFailedRowsAndBouncingAddresses() throws Exception {
    sql.exec("INSERT INTO mail_outbox (lane, kind, recipient, state, attempts, last_error) VALUES ('transactional', 'signup.confirmed', 'gone@example.org', 'failed', 1, '550 no such user')");
    Session boss = login("boss", "boss@uni.example");
    HttpResponse<String> r = boss.get("/admin/mail/problems");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("gone@example.org") && r.body().contains("550 no such user"), r.body());
    assertTrue(r.body().contains("cara@example.org"), "bouncing applicant listed");
    assertEquals(403, login("cadmin", "cadmin@uni.example").get("/admin/mail/problems").statusCode());
  }

  // --- harvest ----------------------------------------------------------------------------------

  @Test
  void uploadThroughThePageImportsTheFileAndTheRunAppearsInTheHistory() throws Exception {
    Session boss = login("boss", "boss@uni.example");
    HttpResponse<String> page = boss.get("/admin/harvest");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("placement"));
    String csv = "tag,p\nab1001,7\nab1002,10\n";
    HttpResponse<String> r = boss.upload("/admin/harvest/upload", "placement", "results.csv", csv, page.body());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.uri().toString().contains("/admin/harvest?run="), r.uri().toString());
    String runId = r.uri().getQuery().replace("run=", "");
    assertEquals("ok|2", sql.one("SELECT status || '|' || rows_read FROM harvest_run WHERE id = " + runId));
    assertTrue(r.body().contains("id=\"run-" + runId + "\" class=\"run-ok\""), r.body());
    assertEquals(2, sql.count("SELECT count(*) FROM approval WHERE source = 'placement'"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'harvest.upload' AND entity_id = " + runId));

    // a broken file changes nothing, and the run says why
    HttpResponse<String> broken = boss.upload("/admin/harvest/upload", "placement", "broken.csv", "tag,p\nab1003,lots\n", r.body());
    String brokenRun = broken.uri().getQuery().replace("run=", "");
    assertEquals("failed", sql.one("SELECT status FROM harvest_run WHERE id = " + brokenRun));
    assertEquals(2, sql.count("SELECT count(*) FROM approval WHERE source = 'placement'"));
    assertEquals(403, login("cadmin", "cadmin@uni.example").upload("/admin/harvest/upload", "placement", "x.csv", csv, page.body()).statusCode());
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Logs in through the real OIDC flow; the provider issues a token for this subject. */
  private static Session login(String subject, String mail) throws Exception {
    oidc.enqueueCallback(new DefaultOAuth2TokenCallback("campus", subject, "JWT", List.of("opensignup"),
      Map.of("email", mail, "email_verified", true, "given_name", "Staff", "family_name", subject), 3600));
    Session s = new Session();
    HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(URI.create(base + "/auth/login?return=/admin/")).build(),
      HttpResponse.BodyHandlers.ofString());
    assertTrue(r.uri().getPath().startsWith("/admin"), "login ends in the staff area: " + r.uri() + " " + r.statusCode());
    return s;
  }

  /** A browser-like client: cookies, and redirects followed (a second client, same cookies, does not follow). */
  private static final class Session {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    final HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrfFrom(String formPage) throws Exception {
      HttpResponse<String> page = get(formPage);
      Matcher m = CSRF.matcher(page.body());
      return m.find() ? m.group(1) : "";
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String formPage) throws Exception {
      return postFormMulti(path, new ArrayList<>(form.entrySet()), formPage);
    }

    /** Posts a form (token from the page it is on); answers with the redirect itself, not followed. */
    HttpResponse<String> postFormMulti(String path, List<Map.Entry<String, String>> form, String formPage) throws Exception {
      StringBuilder body = new StringBuilder("X-XSRF-TOKEN=" + enc(csrfFrom(formPage)));
      for (var e : form) body.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue()));
      return noRedirects.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A multipart upload as the harvest page's form sends it, then the page it redirects to (by hand:
     * java.net.http would repeat the multipart Content-Type on the GET).
     */
    HttpResponse<String> upload(String path, String source, String fileName, String content, String pageWithToken) throws Exception {
      Matcher m = CSRF.matcher(pageWithToken);
      String token = m.find() ? m.group(1) : csrfFrom("/admin");
      String boundary = "----opensignup" + System.nanoTime();
      String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n" + source + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n"
        + content + "\r\n--" + boundary + "--\r\n";
      // the token goes into the URL, as the page's form does: the body is read only after the check
      HttpResponse<String> posted = noRedirects.send(HttpRequest.newBuilder(URI.create(base + path + "?X-XSRF-TOKEN=" + enc(token)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 303) return posted;
      return get(posted.headers().firstValue("Location").orElseThrow());
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }
}
