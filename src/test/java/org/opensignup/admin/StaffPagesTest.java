package org.opensignup.admin;

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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The semester pages as staff use them, through HTTP with real forms (CSRF token from the page),
 * a real OIDC login and PostgreSQL: language and course forms, seat changes and payments from the
 * applicant page, preterm tokens, one's own API token shown once, the lottery dry run, the payment
 * desk and the audit log, in German and English.
 */
class StaffPagesTest {
  private static MockOAuth2Server oidc;
  private static Application app;
  private static Sql sql;
  private static String base;
  private static StaffClient boss;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "boss"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    boss = StaffClient.login(base, oidc, "boss", "boss@uni.example");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  private static long signup(long courseId, String mail, String last) throws Exception {
    HttpResponse<String> r = StaffClient.anonymous(base).post("/api/signups", new io.vertx.core.json.JsonObject().put("courseId", courseId)
      .put("mail", mail).put("firstName", "Page").put("lastName", last).put("originId", SignupFixture.EXTERNAL).encode());
    assertEquals(201, r.statusCode(), r.body());
    return Long.parseLong(sql.one("SELECT t.id FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail = '" + mail + "'"));
  }

  @Test
  void languageAndCourseAreCreatedAndEditedThroughTheForms() throws Exception {
    HttpResponse<String> created = boss.postForm("/admin/languages", Map.of("nameDe", "Baskisch", "nameEn", "Basque",
      "signupBegin", "2030-03-01T08:00", "lotteryEnd", "2030-03-02T08:00", "fcfsBegin", "2030-03-03T08:00", "signupEnd", "2030-04-01T08:00",
      "checkboxes", "manualMode", "replyTo", ""), "/admin/semester");
    assertEquals(303, created.statusCode(), created.body());
    String languagePage = created.headers().firstValue("Location").orElseThrow();
    long languageId = Long.parseLong(sql.one("SELECT id FROM language WHERE name_de = 'Baskisch'"));
    // a form's local time is Berlin time (UTC+1 in March)
    assertEquals("2030-03-01 07:00:00|false", sql.one("SELECT (signup_begin AT TIME ZONE 'UTC')::text || '|' || manual_mode FROM language WHERE id = " + languageId));
    HttpResponse<String> page = boss.page(languagePage);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("value=\"2030-03-01T08:00\""), "the window is shown as it was typed");

    HttpResponse<String> course = boss.postForm("/admin/courses", Map.of("languageId", String.valueOf(languageId), "level", "A1",
      "alternative", "", "seats", "15", "price", "60,00", "collision", "A2, B1", "checkboxes", "ratingGated,hasWaitingList", "hasWaitingList", "on"), languagePage);
    assertEquals(303, course.statusCode(), course.body());
    long courseId = Long.parseLong(sql.one("SELECT id FROM course WHERE language_id = " + languageId));
    assertEquals("15|6000|{A2,B1}|true|false", sql.one("SELECT seats || '|' || price_cents || '|' || collision::text || '|' || has_waiting_list || '|' || rating_gated FROM course WHERE id = " + courseId));

    HttpResponse<String> edited = boss.postForm("/admin/courses/" + courseId + "/settings", Map.of("level", "A1", "seats", "20", "price", "0",
      "schedule", "Mi 10-12", "checkboxes", "ratingGated,hasWaitingList"), "/admin/courses/" + courseId + "/settings");
    assertEquals(303, edited.statusCode(), edited.body());
    assertEquals("20|0|Mi 10-12|false", sql.one("SELECT seats || '|' || price_cents || '|' || schedule || '|' || has_waiting_list FROM course WHERE id = " + courseId));

    HttpResponse<String> bad = boss.postForm("/admin/courses/" + courseId + "/settings", Map.of("level", "A1", "seats", "many"), "/admin/courses/" + courseId + "/settings");
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("ganze Zahl"), bad.body());
    assertEquals(303, boss.postForm("/admin/courses/" + courseId + "/delete", Map.of(), "/admin/courses/" + courseId + "/settings").statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM course WHERE id = " + courseId));
    assertTrue(boss.page("/admin/semester?lang=en").body().contains("Semester: languages and signup windows"));
  }

  @Test
  void staffFindAnApplicantTakeAPaymentAndMoveThemFromTheirPage() throws Exception {
    long att = signup(SignupFixture.OPEN_BIG, "quentin@example.org", "Quarry");
    long applicant = Long.parseLong(sql.one("SELECT applicant_id FROM attendance WHERE id = " + att));
    HttpResponse<String> found = boss.page("/admin/applicants?q=quar");
    assertEquals(200, found.statusCode());
    assertTrue(found.body().contains("href=\"/admin/applicants/" + applicant + "\""), found.body());

    String page = "/admin/applicants/" + applicant;
    HttpResponse<String> paid = boss.postForm("/admin/attendances/" + att + "/pay", Map.of("amount", "10,50", "method", "transfer", "note", "Teil", "back", page), page);
    assertEquals(303, paid.statusCode(), paid.body());
    assertEquals(page + "?done=1", paid.headers().firstValue("Location").orElseThrow());
    assertEquals("1050|transfer|Teil", sql.one("SELECT amount_cents || '|' || method || '|' || note FROM payment WHERE attendance_id = " + att));
    HttpResponse<String> desk = boss.page("/admin/payments?courseId=" + SignupFixture.OPEN_BIG);
    assertTrue(desk.body().contains("id=\"open-" + att + "\" class=\"standing-partial\""), desk.body());

    HttpResponse<String> moved = boss.postForm("/admin/attendances/" + att + "/move", Map.of("courseId", String.valueOf(SignupFixture.OPEN_BIG3),
      "checkboxes", "notify", "back", page), page);
    assertEquals(303, moved.statusCode(), moved.body());
    // the attendance itself moves, with its payments
    assertEquals(SignupFixture.OPEN_BIG3 + "|confirmed|1050", sql.one("SELECT course_id || '|' || state || '|' || amount_paid_cents FROM attendance WHERE id = " + att));
    HttpResponse<String> after = boss.page(page);
    assertEquals(200, after.statusCode(), after.body());
    assertTrue(after.body().contains("payment.record"), "the applicant's own audit history");
    assertTrue(boss.page("/admin/audit?action=payment.").body().contains("transfer"));
  }

  @Test
  void tokensAreIssuedFromTheTokensPageAndOwnApiTokensAreShownOnce() throws Exception {
    HttpResponse<String> issued = boss.postForm("/admin/tokens", Map.of("mail", "early@example.org", "languageId", "4", "expiresAt", "2031-01-01T12:00"), "/admin/tokens");
    assertEquals(303, issued.statusCode(), issued.body());
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'token.issued' AND recipient = 'early@example.org'"));
    long id = Long.parseLong(sql.one("SELECT id FROM preterm_token WHERE mail_key = 'early@example.org'"));
    assertTrue(boss.page("/admin/tokens").body().contains("id=\"token-" + id + "\""));
    assertEquals(303, boss.postForm("/admin/tokens/" + id + "/revoke", Map.of(), "/admin/tokens").statusCode());
    assertEquals("t", sql.one("SELECT revoked_at IS NOT NULL FROM preterm_token WHERE id = " + id));

    HttpResponse<String> own = boss.postForm("/admin/me/api-tokens", Map.of("name", "script"), "/admin/me");
    assertEquals(200, own.statusCode(), own.body());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code id=\"new-token\">(osk_[^<]+)</code>").matcher(own.body());
    assertTrue(m.find(), own.body());
    assertEquals(200, StaffClient.bearer(base, m.group(1)).get("/api/admin/me").statusCode());
    assertFalse(boss.page("/admin/me").body().contains(m.group(1)), "shown once");
  }

  @Test
  void lotteryDryRunIsShownOnTheLanguagePageAndChangesNothing() throws Exception {
    long pool = signup(SignupFixture.LOTTERY_COURSE2, "lotpage@example.org", "Lot");
    HttpResponse<String> r = boss.postForm("/admin/languages/2/draw", Map.of("dryRun", "true"), "/admin/languages/2");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("id=\"draw-result\""), r.body());
    assertEquals("pool", sql.one("SELECT state FROM attendance WHERE id = " + pool));
    assertEquals(0, sql.count("SELECT count(*) FROM lottery_draw"));
  }
}
