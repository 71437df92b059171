package org.opensignup.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The staff JSON API through HTTP against a real PostgreSQL and OIDC provider: creating and changing
 * languages and courses, finding applicants, payments, preterm tokens (mailed), the audit trail, and
 * the three ways in (bootstrap token, personal token, session with CSRF).
 */
class StaffApiTest {
  static final String BOOTSTRAP = "bootstrap-" + Long.toHexString(System.nanoTime()) + "-secret";
  static final long A = SignupFixture.OPEN_A1, B = SignupFixture.OPEN_A1_PARALLEL;

  static MockOAuth2Server oidc;
  static Application app;
  static Sql sql;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "boss",
      "admin.bootstrap-token", BOOTSTRAP, "mail.poll-ms", "200"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'ann.arbor@example.org', 'ann.arbor@example.org', 'Ann', 'Arbor', 3, 'de'), (2, 'ben@example.org', 'ben@example.org', 'Ben', 'Brook', 3, 'en'),
        (3, 'cara@example.org', 'cara@example.org', 'Cara', 'Cole', 3, 'de'), (4, 'dan@example.org', 'dan@example.org', 'Dan', 'Drake', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES
        (101, 1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now()),
        (102, 2, 11, 'confirmed', 6000, 'secret-ben-aaaaaaaaaaaaaa', now()),
        (103, 3, 11, 'waiting', 6000, 'secret-cara-aaaaaaaaaaaaa', NULL),
        (104, 2, 12, 'confirmed', 6000, 'secret-ben-bbbbbbbbbbbbbb', now()),
        (105, 4, 12, 'confirmed', 6000, 'secret-dan-bbbbbbbbbbbbbb', now())""",
      "UPDATE course SET confirmed_count = 2, waiting_count = 1 WHERE id = 11",
      "UPDATE course SET confirmed_count = 2 WHERE id = 12",
      "INSERT INTO app_user (id, subject) VALUES (1, 'teach'), (2, 'cadmin'), (3, 'teach-b'), (4, 'boss')",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 11, 'course_admin'), (3, 12, 'teacher')",
      "SELECT setval('app_user_id_seq', 100)");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  static StaffClient boot() {
    return StaffClient.bearer(base, BOOTSTRAP);
  }

  static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  // --- languages and courses ---------------------------------------------------------------------

  @Test
  void bootstrapTokenCreatesALanguageAndACourseWithTheIssuesFieldNamesAndEachChangeIsAudited() throws Exception {
    String name = "Suaheli " + System.nanoTime();
    HttpResponse<String> lang = boot().post("/api/admin/languages", new JsonObject().put("nameDe", name).put("nameEn", "Swahili")
      .put("signupBegin", "2030-03-01T08:00:00Z").put("lotteryEnd", "2030-03-02T08:00:00Z").put("fcfsBegin", "2030-03-03T08:00:00+01:00")
      .put("signupEnd", "2030-04-01T08:00:00Z").put("manualMode", false).put("replyTo", "suaheli@uni.example").encode());
    assertEquals(201, lang.statusCode(), lang.body());
    long languageId = json(lang).getLong("id");
    assertEquals(name + "|2030-03-03 07:00:00+00|suaheli@uni.example", sql.one(
      "SELECT name_de || '|' || (fcfs_begin AT TIME ZONE 'UTC')::text || '+00|' || reply_to FROM language WHERE id = " + languageId));

    HttpResponse<String> course = boot().post("/api/admin/courses", new JsonObject().put("languageId", languageId).put("level", "A1")
      .put("alternative", "Abend").put("ger", "A1").put("schedule", "Mo 18-20").put("seats", 12).put("priceCents", 9000).encode());
    assertEquals(201, course.statusCode(), course.body());
    long courseId = json(course).getLong("id");
    JsonObject got = json(boot().get("/api/admin/courses/" + courseId));
    assertEquals(12, got.getInteger("seats"));
    assertEquals("Mo 18-20", got.getString("schedule"));
    assertEquals(9000, got.getInteger("priceCents"));

    HttpResponse<String> patched = boot().patch("/api/admin/courses/" + courseId, "{\"schedule\":\"Di 18-20\",\"room\":\"20.30 R 101\"}");
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("Di 18-20|20.30 R 101|12", sql.one("SELECT schedule || '|' || room || '|' || seats FROM course WHERE id = " + courseId));
    assertEquals("Mo 18-20|Di 18-20", sql.one("SELECT (before->>'schedule') || '|' || (after->>'schedule') FROM audit_log WHERE action = 'course.update' AND entity_id = " + courseId));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'language.create' AND actor = 'bootstrap-token' AND entity_id = " + languageId));

    // the course's first and last day (they give the confirmation mail its calendar file)
    HttpResponse<String> dated = boot().patch("/api/admin/courses/" + courseId, "{\"firstDate\":\"2026-04-20\",\"lastDate\":\"2026-07-24\"}");
    assertEquals(200, dated.statusCode(), dated.body());
    assertEquals("2026-04-20", json(dated).getString("firstDate"));
    assertEquals("2026-04-20|2026-07-24|Di 18-20", sql.one("SELECT first_date || '|' || last_date || '|' || schedule FROM course WHERE id = " + courseId));

    HttpResponse<String> window = boot().patch("/api/admin/languages/" + languageId, "{\"manualMode\":true}");
    assertEquals(200, window.statusCode(), window.body());
    assertTrue(json(window).getBoolean("manualMode"));
    assertEquals("suaheli@uni.example", json(window).getString("replyTo"), "fields not in the patch keep their values");

    // an empty course can be deleted; one with signups cannot
    assertEquals(204, boot().delete("/api/admin/courses/" + courseId).statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM course WHERE id = " + courseId));
    HttpResponse<String> full = boot().delete("/api/admin/courses/" + A);
    assertEquals(409, full.statusCode());
    assertEquals("admin.course.error.not-empty", json(full).getString("code"));
  }

  @Test
  void badInputIsRefusedAsProblemJsonNamingTheFieldAndWritesNothing() throws Exception {
    long languages = sql.count("SELECT count(*) FROM language"), courses = sql.count("SELECT count(*) FROM course");
    Map<String, String> languageCases = Map.of(
      "{\"nameEn\":\"x\"}", "nameDe",
      "{\"nameDe\":\"Y1\",\"nameEn\":\"x\",\"signupBegin\":\"tomorrow\"}", "signupBegin",
      "{\"nameDe\":\"Y2\",\"nameEn\":\"x\",\"signupBegin\":\"2030-03-02T08:00:00Z\",\"lotteryEnd\":\"2030-03-01T08:00:00Z\"}", "lotteryEnd",
      "{\"nameDe\":\"Y3\",\"nameEn\":\"x\",\"replyTo\":\"not a mail\"}", "replyTo",
      "{\"nameDe\":\"Y4\",\"nameEn\":\"x\",\"manualMode\":\"perhaps\"}", "manualMode",
      "{\"nameDe\":\"Offen\",\"nameEn\":\"x\"}", "nameDe");
    for (var c : languageCases.entrySet()) {
      HttpResponse<String> r = boot().post("/api/admin/languages", c.getKey());
      assertTrue(r.statusCode() == 422 || r.statusCode() == 409, c.getKey() + " -> " + r.statusCode());
      assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
      assertEquals(c.getValue(), json(r).getString("field"), c.getKey());
    }
    Map<String, String> courseCases = Map.of(
      "{\"level\":\"Z\",\"seats\":3}", "languageId",
      "{\"languageId\":1,\"level\":\"Z\",\"seats\":-1}", "seats",
      "{\"languageId\":1,\"level\":\"Z\",\"seats\":2.5}", "seats",
      "{\"languageId\":1,\"level\":\"Z\",\"seats\":3,\"ger\":\"D7\"}", "ger",
      "{\"languageId\":99999,\"level\":\"Z\",\"seats\":3}", "languageId",
      "{\"languageId\":1,\"level\":\"A1\",\"alternative\":\"1\",\"seats\":3}", "level",
      "{\"languageId\":1,\"seats\":3}", "level",
      "{\"languageId\":1,\"level\":\"Z\",\"seats\":3,\"firstDate\":\"20.04.2026\"}", "firstDate",
      "{\"languageId\":1,\"level\":\"Z\",\"seats\":3,\"firstDate\":\"2026-04-20\",\"lastDate\":\"2026-04-19\"}", "lastDate");
    for (var c : courseCases.entrySet()) {
      HttpResponse<String> r = boot().post("/api/admin/courses", c.getKey());
      assertTrue(r.statusCode() == 422 || r.statusCode() == 409, c.getKey() + " -> " + r.statusCode() + " " + r.body());
      assertEquals(c.getValue(), json(r).getString("field"), c.getKey());
    }
    assertEquals(400, boot().post("/api/admin/courses", "{not json").statusCode());
    assertEquals(415, boot().send("POST", "/api/admin/courses", null).statusCode());
    assertEquals(422, boot().patch("/api/admin/courses/" + A, "{\"priceCents\":\"lots\"}").statusCode());
    assertEquals(404, boot().patch("/api/admin/courses/999999", "{\"schedule\":\"x\"}").statusCode());
    assertEquals(languages, sql.count("SELECT count(*) FROM language"));
    assertEquals(courses, sql.count("SELECT count(*) FROM course"));
  }

  // --- applicants --------------------------------------------------------------------------------

  @Test
  void searchFindsApplicantsByPartOfNameOrMailWithTheirAttendancesAndCourseAdminsOnlyTheirOwn() throws Exception {
    JsonArray found = new JsonArray(boot().get("/api/admin/applicants?q=arb").body());
    assertEquals(1, found.size(), found.encode());
    JsonObject ann = found.getJsonObject(0);
    assertEquals("ann.arbor@example.org", ann.getString("mail"));
    assertEquals(101L, ann.getJsonArray("attendances").getJsonObject(0).getLong("id"));
    assertEquals("confirmed", ann.getJsonArray("attendances").getJsonObject(0).getString("state"));
    assertEquals(1, new JsonArray(boot().get("/api/admin/applicants?q=BEN%40EXAMPLE").body()).size(), "case-insensitive, by mail");
    assertEquals(0, new JsonArray(boot().get("/api/admin/applicants?q=%25%25").body()).size(), "LIKE wildcards are literal");
    assertEquals(422, boot().get("/api/admin/applicants?q=a").statusCode());

    // the course admin of A sees Ann (in A) but not Dan (only in B)
    StaffClient cadmin = StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example");
    assertEquals(1, new JsonArray(cadmin.get("/api/admin/applicants?q=ann").body()).size());
    assertEquals(0, new JsonArray(cadmin.get("/api/admin/applicants?q=drake").body()).size());
    assertEquals(403, cadmin.get("/api/admin/applicants/4").statusCode());
    JsonObject detail = json(cadmin.get("/api/admin/applicants/1"));
    assertEquals("Arbor", detail.getString("lastName"));
    assertTrue(detail.containsKey("mails") && detail.containsKey("audit"));
  }

  // --- payments ----------------------------------------------------------------------------------

  @Test
  void paymentWithMethodIsRecordedAndPartialAndOverPaymentsAreFlagged() throws Exception {
    HttpResponse<String> r = boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":2000,\"method\":\"cash\",\"note\":\"first part\"}");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("partial", json(r).getString("standing"));
    assertEquals("2000|cash|first part|bootstrap-token", sql.one("SELECT amount_cents || '|' || method || '|' || note || '|' || recorded_by FROM payment WHERE attendance_id = 102"));
    JsonObject desk = json(boot().get("/api/admin/payments/open?courseId=" + A));
    assertTrue(desk.getJsonArray("attendances").stream().anyMatch(o -> ((JsonObject) o).getLong("attendanceId") == 102
      && "partial".equals(((JsonObject) o).getString("standing"))), desk.encode());
    r = boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":5000,\"method\":\"transfer\"}");
    assertEquals("over", json(r).getString("standing"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'payment.record' AND entity_id = 102 AND (after->>'amountPaidCents')::int = 7000"));

    HttpResponse<String> bad = boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":100,\"method\":\"bitcoin\"}");
    assertEquals(422, bad.statusCode());
    assertEquals("method", json(bad).getString("field"));
    assertEquals("amountCents", json(boot().post("/api/admin/attendances/102/payments", "{\"amountCents\":-99999,\"method\":\"cash\"}")).getString("field"));
    assertEquals(404, boot().post("/api/admin/attendances/999999/payments", "{\"amountCents\":100,\"method\":\"cash\"}").statusCode());
    assertEquals(2, sql.count("SELECT count(*) FROM payment WHERE attendance_id = 102"));
  }

  // --- preterm tokens ----------------------------------------------------------------------------

  @Test
  void issuedPretermTokenIsMailedListedAndRevokedAndARevokedTokenNoLongerOpensTheWindow() throws Exception {
    String mail = "early" + System.nanoTime() + "@example.org";
    String expires = Instant.now().plus(Duration.ofDays(3)).toString();
    HttpResponse<String> r = boot().post("/api/admin/tokens", new JsonObject().put("mail", mail).put("languageId", 4).put("expiresAt", expires).encode());
    assertEquals(201, r.statusCode(), r.body());
    long id = json(r).getLong("id");
    String token = json(r).getString("token");
    assertEquals(token, sql.one("SELECT token FROM preterm_token WHERE id = " + id));
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'token.issued' AND recipient = '" + mail + "' AND payload->>'token' = '" + token + "'"));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"sent".equals(sql.one("SELECT state FROM mail_outbox WHERE kind = 'token.issued' AND recipient = '" + mail + "'"))) {
      assertTrue(System.nanoTime() < deadline, "token mail sent: " + sql.column("SELECT state || ' ' || coalesce(last_error, '') FROM mail_outbox WHERE recipient = '" + mail + "'"));
      Thread.sleep(100);
    }
    JsonArray list = new JsonArray(boot().get("/api/admin/tokens").body());
    assertTrue(list.stream().anyMatch(o -> ((JsonObject) o).getLong("id") == id && mail.equals(((JsonObject) o).getString("mail"))));
    assertFalse(list.encode().contains(token), "the list names tokens by id, not by their secret");

    assertEquals(204, boot().delete("/api/admin/tokens/" + id).statusCode());
    assertEquals(409, boot().delete("/api/admin/tokens/" + id).statusCode());
    assertEquals("t", sql.one("SELECT expires_at <= now() FROM preterm_token WHERE id = " + id));
    // the signup pipeline refuses it now
    HttpResponse<String> signup = StaffClient.anonymous(base).post("/api/signups", new JsonObject().put("courseId", SignupFixture.LATER_COURSE)
      .put("mail", mail).put("firstName", "E").put("lastName", "Arly").put("originId", 3).put("pretermToken", token).encode());
    assertEquals(409, signup.statusCode(), signup.body());
    assertEquals("signup.error.token-expired", json(signup).getString("code"), "refused for the token, not for the closed window");

    assertEquals("expiresAt", json(boot().post("/api/admin/tokens", new JsonObject().put("mail", mail).put("expiresAt", "2001-01-01T00:00:00Z").encode())).getString("field"));
    assertEquals("mail", json(boot().post("/api/admin/tokens", new JsonObject().put("mail", "x").put("expiresAt", expires).encode())).getString("field"));
  }

  // --- ways in -----------------------------------------------------------------------------------

  @Test
  void personalTokenIsShownOnceStoredHashedActsWithItsOwnersRolesAndStopsWhenRevoked() throws Exception {
    StaffClient cadmin = StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example");
    HttpResponse<String> issued = cadmin.post("/api/admin/me/api-tokens", "{\"name\":\"semester script\"}");
    assertEquals(201, issued.statusCode(), issued.body());
    String token = json(issued).getString("token");
    long id = json(issued).getLong("id");
    assertTrue(token.startsWith("osk_") && token.length() > 40);
    assertEquals(0, sql.count("SELECT count(*) FROM api_token WHERE encode(token_hash, 'escape') LIKE '%" + token.substring(4, 20) + "%'"));
    assertEquals("t", sql.one("SELECT token_hash = sha256('" + token + "'::bytea) FROM api_token WHERE id = " + id));
    assertFalse(cadmin.get("/api/admin/me/api-tokens").body().contains(token), "shown once only");

    StaffClient script = StaffClient.bearer(base, token);
    assertEquals(200, script.get("/api/admin/courses/" + A + "/attendances").statusCode());
    assertEquals(403, script.get("/api/admin/courses/" + B + "/attendances").statusCode());
    assertEquals(403, script.post("/api/admin/languages", "{\"nameDe\":\"Nope\",\"nameEn\":\"Nope\"}").statusCode());

    assertEquals(204, cadmin.delete("/api/admin/me/api-tokens/" + id).statusCode());
    assertEquals(401, script.get("/api/admin/courses/" + A + "/attendances").statusCode());
    assertEquals(401, StaffClient.bearer(base, "osk_made-up").get("/api/admin/me").statusCode());
    assertEquals(401, StaffClient.bearer(base, BOOTSTRAP + "x").get("/api/admin/me").statusCode());
    assertEquals(403, boot().get("/api/admin/me/api-tokens").statusCode(), "the bootstrap token has no account of its own");
  }

  @Test
  void sessionCallsNeedTheCsrfHeaderForChanges() throws Exception {
    StaffClient boss = StaffClient.login(base, oidc, "boss", "boss@uni.example");
    assertEquals(200, boss.get("/api/admin/languages").statusCode());
    String body = "{\"amountCents\":100,\"method\":\"cash\"}";
    long before = sql.count("SELECT count(*) FROM payment");
    assertEquals(403, boss.csrf(false).post("/api/admin/attendances/104/payments", body).statusCode());
    boss.csrf(true);
    HttpResponse<String> wrong = boss.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/admin/attendances/104/payments"))
      .header("Content-Type", "application/json").header("X-XSRF-TOKEN", "forged").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(403, wrong.statusCode());
    assertEquals(before, sql.count("SELECT count(*) FROM payment"));
    assertEquals(201, boss.post("/api/admin/attendances/104/payments", body).statusCode());
    assertEquals(401, StaffClient.anonymous(base).get("/api/admin/languages").statusCode());
  }

  @Test
  void auditLogListsStaffChangesWithFilters() throws Exception {
    boot().patch("/api/admin/courses/" + SignupFixture.OPEN_FREE, "{\"schedule\":\"Fr 10-12\"}");
    JsonArray rows = new JsonArray(boot().get("/api/admin/audit?courseId=" + SignupFixture.OPEN_FREE + "&action=course.").body());
    assertFalse(rows.isEmpty());
    for (Object o : rows) assertEquals(SignupFixture.OPEN_FREE, ((JsonObject) o).getLong("courseId"));
    assertEquals("Fr 10-12", rows.getJsonObject(0).getJsonObject("after").getString("schedule"));
    assertEquals(List.of(), new JsonArray(boot().get("/api/admin/audit?actor=nobody-at-all").body()).getList());
  }

  @Test
  void openApiDocumentCoversThePublicAndTheStaffApi() throws Exception {
    HttpResponse<String> r = StaffClient.anonymous(base).get("/api/openapi.json");
    assertEquals(200, r.statusCode());
    JsonObject doc = json(r);
    assertEquals("3.0.3", doc.getString("openapi"));
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : List.of("/api/courses", "/api/signups", "/api/signups/{secret}", "/api/admin/languages", "/api/admin/courses",
      "/api/admin/courses/{id}", "/api/admin/applicants", "/api/admin/attendances/{id}/move", "/api/admin/attendances/{id}/admit",
      "/api/admin/attendances/{id}", "/api/admin/attendances/{id}/payments", "/api/admin/tokens", "/api/admin/audit", "/api/admin/me/api-tokens")) {
      assertTrue(paths.containsKey(path), "documented: " + path);
    }
    assertTrue(paths.getJsonObject("/api/admin/courses/{id}").containsKey("patch"));
    assertEquals(List.of("amountCents", "method"), paths.getJsonObject("/api/admin/attendances/{id}/payments").getJsonObject("post")
      .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getJsonArray("required").getList());
  }
}
