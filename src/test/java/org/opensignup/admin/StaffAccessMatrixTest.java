package org.opensignup.admin;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every new staff page and API route against every kind of caller: anonymous, an applicant (logged
 * in, no role), the teacher of another course, the teacher, the course admin, a superuser, a
 * superuser's personal API token and the bootstrap token. "Allowed" means past the role check (the
 * answer may still refuse the deliberately incomplete input, but never with 401/403 or a 5xx); GET
 * pages that are allowed must render (200). Forms without or with a wrong CSRF token get 403.
 */
class StaffAccessMatrixTest {
  private static final String BOOTSTRAP = "matrix-bootstrap-" + Long.toHexString(System.nanoTime());
  private static MockOAuth2Server oidc;
  private static Application app;
  private static Sql sql;
  private static String base;
  private static final Map<String, StaffClient> callers = new LinkedHashMap<>();

  enum Who { ANON, APPLICANT, TEACHER_OTHER, TEACHER, COURSE_ADMIN, SUPERUSER, API_TOKEN, BOOTSTRAP }

  private static final Set<Who> STAFF = Set.of(Who.TEACHER_OTHER, Who.TEACHER, Who.COURSE_ADMIN, Who.SUPERUSER, Who.API_TOKEN, Who.BOOTSTRAP);
  private static final Set<Who> SUPER = Set.of(Who.SUPERUSER, Who.API_TOKEN, Who.BOOTSTRAP);
  private static final Set<Who> MANAGE_A = Set.of(Who.COURSE_ADMIN, Who.SUPERUSER, Who.API_TOKEN, Who.BOOTSTRAP);
  private static final Set<Who> READ_A = Set.of(Who.TEACHER, Who.COURSE_ADMIN, Who.SUPERUSER, Who.API_TOKEN, Who.BOOTSTRAP);
  private static final Set<Who> ACCOUNT = Set.of(Who.TEACHER_OTHER, Who.TEACHER, Who.COURSE_ADMIN, Who.SUPERUSER, Who.API_TOKEN);
  /** Pages are for the session only: a bearer token does not open them. */
  private static final Set<Who> SESSION = Set.of(Who.ANON, Who.APPLICANT, Who.TEACHER_OTHER, Who.TEACHER, Who.COURSE_ADMIN, Who.SUPERUSER);

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "boss",
      "admin.bootstrap-token", BOOTSTRAP));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    sql.exec("INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (1, 'ann@example.org', 'ann@example.org', 'Ann', 'Arbor', 3)",
      "INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES (101, 1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now())",
      "UPDATE course SET confirmed_count = 1 WHERE id = 11",
      "INSERT INTO app_user (id, subject) VALUES (1, 'teach'), (2, 'cadmin'), (3, 'teach-b')",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 11, 'course_admin'), (3, 12, 'teacher')",
      "SELECT setval('app_user_id_seq', 100)",
      // part 2: a certifiable attendance, a mass-mail draft of course A by its course admin, a finished export of theirs
      "UPDATE attendance SET result = 'attended' WHERE id = 101",
      "INSERT INTO mass_mail (id, created_by, course_ids, states, subject, body) VALUES (501, 'cadmin', '{11}', '{confirmed}', 'Matrix', 'Text')",
      "INSERT INTO export_job (id, requested_by, scope, params, state, progress, rows, file, file_name, content_type, finished_at, expires_at)"
        + " VALUES (77, 'cadmin', 'language', '{\"format\":\"csv\",\"columns\":[\"mail\"],\"courseIds\":[11],\"languageId\":1}', 'done', 100, 1,"
        + " convert_to('mail', 'UTF8'), 'export.csv', 'text/csv; charset=utf-8', now(), now() + interval '1 day')");
    callers.put(Who.ANON.name(), StaffClient.anonymous(base));
    callers.put(Who.APPLICANT.name(), StaffClient.login(base, oidc, "student-1", "student@uni.example"));
    callers.put(Who.TEACHER_OTHER.name(), StaffClient.login(base, oidc, "teach-b", "teach-b@uni.example"));
    callers.put(Who.TEACHER.name(), StaffClient.login(base, oidc, "teach", "teach@uni.example"));
    callers.put(Who.COURSE_ADMIN.name(), StaffClient.login(base, oidc, "cadmin", "cadmin@uni.example"));
    StaffClient boss = StaffClient.login(base, oidc, "boss", "boss@uni.example");
    callers.put(Who.SUPERUSER.name(), boss);
    HttpResponse<String> token = boss.post("/api/admin/me/api-tokens", "{\"name\":\"matrix\"}");
    assertEquals(201, token.statusCode(), token.body());
    callers.put(Who.API_TOKEN.name(), StaffClient.bearer(base, new JsonObject(token.body()).getString("token")));
    callers.put(Who.BOOTSTRAP.name(), StaffClient.bearer(base, BOOTSTRAP));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  private record Door(String method, String path, String body, Set<Who> allowed, boolean page) {}

  private static Door api(String method, String path, String body, Set<Who> allowed) {
    return new Door(method, path, body, allowed, false);
  }

  /** A staff-area route that is not a page (a form post, a file, a poll): the session only, any status past the role check. */
  private static Door form(String method, String path, String body, Set<Who> allowed) {
    Set<Who> onlySession = new java.util.HashSet<>(allowed);
    onlySession.retainAll(SESSION);
    return new Door(method, path, body, onlySession, false);
  }

  private static Door page(String path, Set<Who> allowed) {
    Set<Who> onlySession = new java.util.HashSet<>(allowed);
    onlySession.retainAll(SESSION);
    return new Door("GET", path, null, onlySession, true);
  }

  @Test
  void everyNewRouteLetsInExactlyTheRolesItShould() throws Exception {
    long a = SignupFixture.OPEN_A1;
    String tooLong = "x".repeat(500);
    List<Door> doors = List.of(
      api("GET", "/api/admin/me", null, STAFF),
      api("GET", "/api/admin/me/api-tokens", null, ACCOUNT),
      api("POST", "/api/admin/me/api-tokens", "{}", ACCOUNT),
      api("GET", "/api/admin/languages", null, STAFF),
      api("POST", "/api/admin/languages", "{}", SUPER),
      api("PATCH", "/api/admin/languages/1", "{\"nameEn\":\"" + tooLong + "\"}", SUPER),
      api("POST", "/api/admin/languages/999999/draw", "{\"dryRun\":true,\"seed\":\"x\"}", SUPER),
      api("GET", "/api/admin/courses", null, STAFF),
      api("POST", "/api/admin/courses", "{}", SUPER),
      api("GET", "/api/admin/courses/" + a, null, READ_A),
      api("PATCH", "/api/admin/courses/" + a, "{\"schedule\":\"" + tooLong + "\"}", MANAGE_A),
      api("DELETE", "/api/admin/courses/999999", null, SUPER),
      api("GET", "/api/admin/courses/" + a + "/attendances", null, READ_A),
      api("POST", "/api/admin/courses/" + a + "/attendances", "{}", MANAGE_A),
      api("GET", "/api/admin/applicants?q=zzzz", null, MANAGE_A),
      api("GET", "/api/admin/applicants/1", null, MANAGE_A),
      api("POST", "/api/admin/attendances/101/move", "{}", MANAGE_A),
      api("POST", "/api/admin/attendances/101/payments", "{}", MANAGE_A),
      api("GET", "/api/admin/payments/open", null, MANAGE_A),
      api("GET", "/api/admin/tokens", null, SUPER),
      api("POST", "/api/admin/tokens", "{}", SUPER),
      api("DELETE", "/api/admin/tokens/999999", null, SUPER),
      api("GET", "/api/admin/audit", null, SUPER),
      api("GET", "/api/admin/semesters", null, STAFF),
      api("POST", "/api/admin/semesters", "{}", SUPER),
      api("POST", "/api/admin/semesters/999999/copy", "{}", SUPER),
      api("GET", "/api/admin/semesters/999999/checklist", null, SUPER),
      api("POST", "/api/admin/semesters/999999/archive", "{}", SUPER),
      // staff desk: closing runs twice in a row (close, then reopen), so the course ends as it began
      api("POST", "/api/admin/courses/" + a + "/close", "{}", MANAGE_A),
      api("POST", "/api/admin/courses/" + a + "/reopen", "{}", MANAGE_A),
      api("PATCH", "/api/admin/applicants/1", "{\"lastName\":\"\"}", MANAGE_A),
      api("POST", "/api/admin/attendances/101/payments", "{\"amountCents\":0,\"method\":\"cash\",\"paidOn\":\"2999-01-01\"}", MANAGE_A),
      page("/admin/applicants/1/edit", MANAGE_A),
      page("/admin/semester", SUPER),
      page("/admin/languages/1", SUPER),
      page("/admin/courses/" + a + "/settings", MANAGE_A),
      page("/admin/courses/" + a + "/export.csv", READ_A),
      page("/admin/applicants?q=ann", MANAGE_A),
      page("/admin/applicants/1", MANAGE_A),
      page("/admin/tokens", SUPER),
      page("/admin/payments", MANAGE_A),
      page("/admin/audit", SUPER),
      page("/admin/me", ACCOUNT),
      page("/admin/semester?semester=1", SUPER),
      page("/admin/semesters/1/close", SUPER),
      // part 2: documents
      page("/admin/courses/" + a + "/list.pdf", READ_A),
      page("/admin/courses/" + a + "/presence.pdf?from=2026-10-05&to=2026-10-30&weekday=1", READ_A),
      page("/admin/languages/1/list.pdf", STAFF),
      page("/admin/languages/1/presence.pdf", STAFF),
      page("/admin/courses/" + a + "/certificates.pdf", MANAGE_A),
      page("/admin/attendances/101/certificate.pdf", MANAGE_A),
      page("/admin/attendances/101/receipt.pdf", MANAGE_A),
      // grades and their import
      page("/admin/courses/" + a + "/grades", READ_A),
      form("POST", "/admin/courses/" + a + "/grades", "{}", READ_A),
      form("POST", "/admin/courses/" + a + "/grades/import", "{}", MANAGE_A),
      form("POST", "/admin/courses/" + a + "/grades/apply", "{}", MANAGE_A),
      // exports, the campus grade file and the background exports with their API twins
      page("/admin/exports", MANAGE_A),
      page("/admin/exports/file?format=xlsx&column=mail&column=fee&course=" + a, MANAGE_A),
      page("/admin/exports/file?format=csv&column=mail&language=1", MANAGE_A),
      page("/admin/exports/file?format=csv&column=mail&all=1", SUPER),
      page("/admin/exports/grades.csv?course=" + a, MANAGE_A),
      page("/admin/courses/" + a + "/export.xlsx", READ_A),
      form("POST", "/admin/exports/jobs?scope=language&languageId=1&format=csv&column=mail", "{}", MANAGE_A),
      form("POST", "/admin/exports/jobs?scope=language&languageId=1&format=zip", "{}", STAFF),
      form("POST", "/admin/exports/jobs?scope=semester&format=xlsx&column=mail", "{}", SUPER),
      page("/admin/exports/77", MANAGE_A),
      page("/admin/exports/77/file", MANAGE_A),
      api("POST", "/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"csv\",\"columns\":[\"mail\"]}", MANAGE_A),
      api("POST", "/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"zip\"}", STAFF),
      api("POST", "/api/admin/exports", "{\"scope\":\"semester\",\"format\":\"xlsx\",\"columns\":[\"mail\"]}", SUPER),
      api("GET", "/api/admin/exports/77", null, MANAGE_A),
      api("GET", "/api/admin/exports/77/file", null, MANAGE_A),
      // mass mail
      page("/admin/mail", MANAGE_A),
      form("POST", "/admin/mail", "{}", MANAGE_A),
      page("/admin/mail/501", MANAGE_A),
      page("/admin/mail/501/preview", MANAGE_A),
      form("GET", "/admin/mail/501/progress", null, MANAGE_A),
      form("POST", "/admin/mail/501/send", "{}", MANAGE_A),
      // statistics
      page("/admin/stats", SUPER),
      page("/admin/stats.csv", SUPER));
    List<String> wrong = new ArrayList<>();
    for (Door d : doors) {
      for (Who who : Who.values()) {
        HttpResponse<String> r = d.page ? callers.get(who.name()).page(d.path) : callers.get(who.name()).send(d.method, d.path, d.body);
        int s = r.statusCode();
        boolean allowed = d.allowed.contains(who);
        String what = d.method + " " + d.path + " as " + who + ": " + s;
        if (s >= 500) wrong.add(what + " (server error) " + r.body());
        else if (allowed && (s == 401 || s == 403 || s == 302)) wrong.add(what + " but should be allowed " + r.body());
        else if (allowed && d.page && s != 200) wrong.add(what + " but the page should render " + r.body());
        else if (!allowed && s != 401 && s != 403 && s != 302) wrong.add(what + " but should be refused");
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  @Test
  void formsWithoutOrWithAWrongCsrfTokenAre403AndChangeNothing() throws Exception {
    StaffClient boss = callers.get(Who.SUPERUSER.name());
    long languages = sql.count("SELECT count(*) FROM language");
    Map<String, String> form = Map.of("nameDe", "Csrf-Test", "nameEn", "Csrf test");
    assertEquals(403, boss.csrf(false).postForm("/admin/languages", form, null).statusCode());
    boss.csrf(true);
    assertEquals(403, boss.postForm("/admin/languages", form, null).statusCode(), "an empty token is a wrong one");
    assertEquals(403, boss.postForm("/admin/tokens/1/revoke", Map.of(), null).statusCode());
    assertEquals(403, boss.postForm("/admin/courses/" + SignupFixture.OPEN_A1 + "/close", Map.of(), null).statusCode());
    assertEquals(403, boss.postForm("/admin/applicants/1/edit", Map.of("lastName", "Csrf"), null).statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM course WHERE closed_at IS NOT NULL"));
    assertEquals(languages, sql.count("SELECT count(*) FROM language"));
    // the part-2 forms: background export, grades (form, import, apply), mass mail (save, send)
    long exportJobs = sql.count("SELECT count(*) FROM export_job");
    long massMails = sql.count("SELECT count(*) FROM mass_mail");
    long audits = sql.count("SELECT count(*) FROM audit_log");
    Map<String, Map<String, String>> part2 = new LinkedHashMap<>();
    part2.put("/admin/exports/jobs", Map.of("scope", "language", "languageId", "1", "format", "csv", "column", "mail"));
    part2.put("/admin/courses/" + SignupFixture.OPEN_A1 + "/grades", Map.of("g-101", "80", "r-101", "passed"));
    part2.put("/admin/courses/" + SignupFixture.OPEN_A1 + "/grades/import", Map.of("x", "y"));
    part2.put("/admin/courses/" + SignupFixture.OPEN_A1 + "/grades/apply", Map.of("changes", "[]"));
    part2.put("/admin/mail", Map.of("subject", "Csrf", "body", "Text", "course", String.valueOf(SignupFixture.OPEN_A1), "state", "confirmed"));
    part2.put("/admin/mail/501/send", Map.of());
    for (var f : part2.entrySet()) {
      assertEquals(403, boss.csrf(false).postForm(f.getKey(), f.getValue(), null).statusCode(), "no token: " + f.getKey());
      assertEquals(403, boss.csrf(true).postForm(f.getKey(), f.getValue(), null).statusCode(), "an empty token: " + f.getKey());
      assertEquals(403, boss.postForm(f.getKey() + "?X-XSRF-TOKEN=forged", f.getValue(), null).statusCode(), "a forged token: " + f.getKey());
    }
    assertEquals(exportJobs, sql.count("SELECT count(*) FROM export_job"));
    assertEquals(massMails, sql.count("SELECT count(*) FROM mass_mail"));
    assertEquals(audits, sql.count("SELECT count(*) FROM audit_log"));
    assertNull(sql.one("SELECT grade::text FROM attendance WHERE id = 101"), "no grade written");
    HttpResponse<String> exportOk = boss.postForm("/admin/exports/jobs", part2.get("/admin/exports/jobs"), "/admin/exports");
    assertEquals(303, exportOk.statusCode(), exportOk.body());
    assertEquals(exportJobs + 1, sql.count("SELECT count(*) FROM export_job"));
    HttpResponse<String> ok = boss.postForm("/admin/languages", form, "/admin/semester");
    assertEquals(303, ok.statusCode(), ok.body());
    assertEquals(languages + 1, sql.count("SELECT count(*) FROM language"));
  }
}
