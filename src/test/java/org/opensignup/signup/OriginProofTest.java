package org.opensignup.signup;

import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.OidcBrowser;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Discount origins that need proof, end to end: one proven only by the OIDC login (a claim),
 * one that stays "pending verification" at the full fee until a course admin confirms it.
 */
class OriginProofTest {
  private static final long BY_LOGIN = 40, BY_STAFF = 41;
  private static final long COURSE = SignupFixture.OPEN_BIG; // 60.00 EUR

  private static MockOAuth2Server oidc;
  private static Application app;
  private static Sql sql;
  private static String base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "sub:boss"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    sql.exec("""
      INSERT INTO origin (id, name_de, name_en, discount_percent, proof, proof_claim, proof_values) VALUES
        (40, 'Beschäftigte (Login)', 'Staff (login)', 50, 'login', 'affiliation', '{staff,employee}'),
        (41, 'Alumni', 'Alumni', 50, 'staff', NULL, '{}')""");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  private static HttpResponse<String> apiSignup(String mail, long origin) throws Exception {
    JsonObject body = new JsonObject().put("courseId", COURSE).put("mail", mail).put("firstName", "Ann").put("lastName", "Onym")
      .put("originId", origin);
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anonymousApplicantsCannotChooseAnOriginProvenByTheLogin() throws Exception {
    HttpResponse<String> r = apiSignup("anon@example.org", BY_LOGIN);
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("signup.error.origin-needs-login", new JsonObject(r.body()).getString("code"));
    assertEquals("originId", new JsonObject(r.body()).getString("field"));
    assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail = 'anon@example.org'"));
  }

  @Test
  void theLoginProvesTheOriginOnlyWhenItsClaimSaysSo() throws Exception {
    OidcBrowser student = OidcBrowser.login(oidc, base, "stud-1", Map.of("email", "stud@uni.example", "email_verified", true,
      "given_name", "Stu", "family_name", "Dent", "affiliation", List.of("student", "member")), "/signup/" + COURSE);
    HttpResponse<String> refused = student.postForm("/signup/" + COURSE, Map.of("originId", String.valueOf(BY_LOGIN)), "/signup/" + COURSE);
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail = 'stud@uni.example'"));

    OidcBrowser employee = OidcBrowser.login(oidc, base, "emp-1", Map.of("email", "emp@uni.example", "email_verified", true,
      "given_name", "Em", "family_name", "Ployee", "affiliation", List.of("member", "Staff")), "/signup/" + COURSE);
    HttpResponse<String> accepted = employee.postForm("/signup/" + COURSE, Map.of("originId", String.valueOf(BY_LOGIN)), "/signup/" + COURSE);
    assertEquals(303, accepted.statusCode(), accepted.body());
    assertEquals("3000|50|false", sql.one("""
      SELECT t.fee_cents || '|' || t.discount_percent || '|' || t.origin_pending FROM attendance t JOIN applicant a ON a.id = t.applicant_id
      WHERE a.mail = 'emp@uni.example'"""));
  }

  @Test
  void anOriginStaffMustConfirmPaysTheFullFeeUntilACourseAdminConfirmsIt() throws Exception {
    HttpResponse<String> r = apiSignup("alumna@example.org", BY_STAFF);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject answer = new JsonObject(r.body());
    assertEquals(6000, answer.getInteger("feeCents"), "no discount before the confirmation");
    String secret = answer.getString("secret");
    JsonObject status = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups/" + secret)).build(),
      HttpResponse.BodyHandlers.ofString()).body());
    assertTrue(status.getBoolean("discountPending"), status.encode());
    String page = http.send(HttpRequest.newBuilder(URI.create(base + "/status/" + secret + "?lang=en")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(page.contains("discount pending verification"), page);
    String attendanceId = sql.one("SELECT id FROM attendance WHERE secret = '" + secret + "'");

    // a person without a role for the course cannot confirm it
    OidcBrowser stranger = OidcBrowser.login(oidc, base, "stranger", Map.of("email", "s@uni.example"), "/admin/");
    assertEquals(403, stranger.postForm("/admin/courses/" + COURSE + "/origin-confirm", Map.of("attendanceId", attendanceId), "/signup/" + COURSE).statusCode());

    OidcBrowser boss = OidcBrowser.login(oidc, base, "boss", Map.of("email", "boss@uni.example"), "/admin/");
    String coursePage = boss.get("/admin/courses/" + COURSE).body();
    assertTrue(coursePage.contains("id=\"origin-confirm-" + attendanceId + "\""), coursePage);
    HttpResponse<String> confirmed = boss.postForm("/admin/courses/" + COURSE + "/origin-confirm", Map.of("attendanceId", attendanceId),
      "/admin/courses/" + COURSE);
    assertEquals(303, confirmed.statusCode(), confirmed.body());
    assertEquals("3000|50|false|boss", sql.one("SELECT fee_cents || '|' || discount_percent || '|' || origin_pending || '|' || origin_confirmed_by "
      + "FROM attendance WHERE id = " + attendanceId));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'origin.confirm' AND actor = 'boss' AND entity_id = " + attendanceId
      + " AND details->'before'->>'feeCents' = '6000' AND details->'after'->>'feeCents' = '3000'"));
    status = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups/" + secret)).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertFalse(status.getBoolean("discountPending"));
    assertEquals(3000, status.getInteger("feeCents"));
    // a second confirmation changes nothing
    assertEquals(409, boss.postForm("/admin/courses/" + COURSE + "/origin-confirm", Map.of("attendanceId", attendanceId), "/admin/courses/" + COURSE).statusCode());
  }
}
