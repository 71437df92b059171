package org.opensignup.admin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.db.Database;
import org.opensignup.jobs.RetentionJob;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffTestApp;
import org.opensignup.support.TestApp;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;

/**
 * Semesters through HTTP against real PostgreSQL: create and list, copy (windows shifted, courses
 * copied, nothing else touched), the close checklist, the archive and what it makes read-only (staff
 * writes, staff seat changes, the catalogue, new attendances), and the retention job honouring it.
 */
class SemestersTest {
  static final String BOOTSTRAP = "semesters-" + Long.toHexString(System.nanoTime()) + "-secret";
  static StaffTestApp staff;
  static Application app;
  static Sql sql;
  static String base;
  static long first;

  @BeforeAll
  static void start() throws Exception {
    staff = StaffTestApp.start(Map.of("admin.superusers", "boss", "admin.bootstrap-token", BOOTSTRAP));
    app = staff.app;
    sql = staff.sql;
    base = staff.base;
    first = Long.parseLong(sql.one("SELECT min(id) FROM semester"));
  }

  @AfterAll
  static void stop() {
    if (staff != null) staff.close();
  }

  static StaffClient boot() {
    return StaffClient.bearer(base, BOOTSTRAP);
  }

  static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  /** A copy of the first semester (its six languages and sixteen courses) starting {@code startsIn} days from today. */
  static JsonObject copyOfFirst(String name, int startsIn, int shiftDays) throws Exception {
    HttpResponse<String> r = boot().post("/api/admin/semesters/" + first + "/copy", new JsonObject().put("name", name)
      .put("startsOn", LocalDate.now().plusDays(startsIn).toString()).put("shiftDays", shiftDays).encode());
    assertEquals(201, r.statusCode(), r.body());
    return json(r);
  }

  @Test
  void aSuperuserCreatesASemesterThatIsListedAndAudited() throws Exception {
    HttpResponse<String> r = boot().post("/api/admin/semesters", "{\"name\":\"Sommer 2031\",\"startsOn\":\"2031-04-01\",\"endsOn\":\"2031-09-30\"}");
    assertEquals(201, r.statusCode(), r.body());
    long id = json(r).getLong("id");
    JsonArray list = new JsonArray(boot().get("/api/admin/semesters").body());
    JsonObject listed = list.stream().map(o -> (JsonObject) o).filter(s -> s.getLong("id") == id).findFirst().orElseThrow();
    assertEquals("Sommer 2031", listed.getString("name"));
    assertEquals("2031-04-01", listed.getString("startsOn"));
    assertEquals("2031-09-30", listed.getString("endsOn"));
    assertEquals("open", listed.getString("state"));
    assertFalse(listed.getBoolean("current"), "the first semester runs today and stays the current one");
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'semester.create' AND entity = 'semester' AND entity_id = " + id));
    JsonObject documented = new JsonObject(boot().get("/api/openapi.json").body()).getJsonObject("paths");
    for (String path : List.of("/api/admin/semesters", "/api/admin/semesters/{id}/copy", "/api/admin/semesters/{id}/checklist",
      "/api/admin/semesters/{id}/archive")) {
      assertTrue(documented.containsKey(path), "documented: " + path);
    }

    HttpResponse<String> again = boot().post("/api/admin/semesters", "{\"name\":\"Sommer 2031\",\"startsOn\":\"2031-04-01\",\"endsOn\":\"2031-09-30\"}");
    assertEquals(409, again.statusCode(), again.body());
    HttpResponse<String> backwards = boot().post("/api/admin/semesters", "{\"name\":\"Rückwärts\",\"startsOn\":\"2031-04-01\",\"endsOn\":\"2031-03-01\"}");
    assertEquals(422, backwards.statusCode());
    assertEquals("endsOn", json(backwards).getString("field"));
    HttpResponse<String> noDate = boot().post("/api/admin/semesters", "{\"name\":\"Ohne\",\"startsOn\":\"1. April\",\"endsOn\":\"2031-03-01\"}");
    assertEquals(422, noDate.statusCode());
    assertEquals("startsOn", json(noDate).getString("field"));
  }

  @Test
  void copyingASemesterShiftsTheWindowsCopiesTheCoursesAndTouchesNothingElse() throws Exception {
    // course days move with the windows
    sql.exec(("UPDATE course SET first_date = '2026-04-20', last_date = '2026-07-24' WHERE id = (SELECT min(c.id) FROM course c"
      + " JOIN language l ON l.id = c.language_id WHERE l.semester_id = %d)").formatted(first));
    String languagesBefore = sql.one("SELECT string_agg(l::text, '|' ORDER BY id) FROM language l");
    String coursesBefore = sql.one("SELECT string_agg(c::text, '|' ORDER BY id) FROM course c");
    long attendances = sql.count("SELECT count(*) FROM attendance");
    JsonObject copy = copyOfFirst("Winter Kopie", 200, 182);
    long id = copy.getLong("id");
    assertEquals(sql.count("SELECT count(*) FROM language WHERE semester_id = " + first), copy.getLong("languages"));
    assertEquals(sql.count("SELECT count(*) FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = " + first),
      copy.getLong("courses"));
    assertEquals(16, copy.getInteger("courses"));

    // every window moved by 182 days (calendar days in the server's zone), no draw carried over
    assertEquals(0, sql.count("""
      SELECT count(*) FROM language o JOIN language n ON n.name_de = o.name_de AND n.semester_id = %d
      WHERE o.semester_id = %d AND (n.signup_begin IS DISTINCT FROM o.signup_begin + interval '182 days'
        OR n.signup_end IS DISTINCT FROM o.signup_end + interval '182 days' OR n.fcfs_begin IS DISTINCT FROM o.fcfs_begin + interval '182 days'
        OR n.lottery_end IS DISTINCT FROM o.lottery_end + interval '182 days' OR n.manual_mode <> o.manual_mode
        OR n.name_en <> o.name_en OR n.lottery_drawn_at IS NOT NULL)""".formatted(id, first)));
    // every course with its seats, price, schedule, level and rules; empty counters; no attendances
    assertEquals(16, sql.count("""
      SELECT count(*) FROM course oc JOIN language o ON o.id = oc.language_id
        JOIN language n ON n.name_de = o.name_de AND n.semester_id = %d
        JOIN course nc ON nc.language_id = n.id AND nc.level = oc.level AND nc.alternative = oc.alternative
      WHERE o.semester_id = %d AND nc.seats = oc.seats AND nc.price_cents = oc.price_cents AND nc.schedule = oc.schedule
        AND nc.collision = oc.collision AND nc.rating_gated = oc.rating_gated AND nc.rating_lowest = oc.rating_lowest
        AND nc.waiting_cap_factor = oc.waiting_cap_factor AND nc.has_waiting_list = oc.has_waiting_list
        AND nc.first_date IS NOT DISTINCT FROM oc.first_date + 182 AND nc.last_date IS NOT DISTINCT FROM oc.last_date + 182
        AND nc.confirmed_count = 0 AND nc.waiting_count = 0 AND nc.id <> oc.id""".formatted(id, first)));
    assertEquals(1, sql.count("SELECT count(*) FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = " + id
      + " AND c.first_date = '2026-10-19' AND c.last_date = '2027-01-22'"), "the dated course's days moved by 182 days");
    assertEquals(0, sql.count("SELECT count(*) FROM attendance t JOIN course c ON c.id = t.course_id JOIN language l ON l.id = c.language_id WHERE l.semester_id = " + id));
    assertEquals(attendances, sql.count("SELECT count(*) FROM attendance"));
    assertEquals(languagesBefore, sql.one("SELECT string_agg(l::text, '|' ORDER BY id) FROM language l WHERE semester_id <> " + id));
    assertEquals(coursesBefore, sql.one("SELECT string_agg(c::text, '|' ORDER BY c.id) FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id <> " + id));
    JsonObject semester = new JsonArray(boot().get("/api/admin/semesters").body()).stream().map(o -> (JsonObject) o)
      .filter(s -> s.getLong("id") == id).findFirst().orElseThrow();
    assertEquals(LocalDate.now().plusDays(200).toString(), semester.getString("startsOn"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'semester.copy' AND entity_id = " + id
      + " AND before->>'copiedFrom' = '" + first + "' AND (after->>'courses')::int = 16"));

    // a failing copy (the name is taken) leaves nothing behind: one transaction
    long languages = sql.count("SELECT count(*) FROM language");
    HttpResponse<String> taken = boot().post("/api/admin/semesters/" + first + "/copy",
      new JsonObject().put("name", "Winter Kopie").put("startsOn", "2030-01-01").encode());
    assertEquals(409, taken.statusCode(), taken.body());
    assertEquals(languages, sql.count("SELECT count(*) FROM language"));
    assertEquals(404, boot().post("/api/admin/semesters/999999/copy", "{\"name\":\"X\",\"startsOn\":\"2040-01-01\"}").statusCode());
  }

  @Test
  void newLanguagesGoIntoTheCurrentSemesterUnlessOneIsChosen() throws Exception {
    long other = copyOfFirst("Für neue Sprachen", 300, 0).getLong("id");
    HttpResponse<String> byDefault = boot().post("/api/admin/languages", "{\"nameDe\":\"Baskisch\",\"nameEn\":\"Basque\"}");
    assertEquals(201, byDefault.statusCode(), byDefault.body());
    assertEquals(String.valueOf(first), sql.one("SELECT semester_id FROM language WHERE id = " + json(byDefault).getLong("id")));
    HttpResponse<String> chosen = boot().post("/api/admin/languages", "{\"nameDe\":\"Baskisch\",\"nameEn\":\"Basque\",\"semesterId\":" + other + "}");
    assertEquals(201, chosen.statusCode(), "the same name in another semester: " + chosen.body());
    assertEquals(String.valueOf(other), sql.one("SELECT semester_id FROM language WHERE id = " + json(chosen).getLong("id")));
    HttpResponse<String> unknown = boot().post("/api/admin/languages", "{\"nameDe\":\"Ladinisch\",\"nameEn\":\"Ladin\",\"semesterId\":999999}");
    assertEquals(422, unknown.statusCode(), unknown.body());
    assertEquals("semesterId", json(unknown).getString("field"));
    JsonObject listed = new JsonArray(boot().get("/api/admin/languages").body()).stream().map(o -> (JsonObject) o)
      .filter(l -> l.getLong("id").equals(json(chosen).getLong("id"))).findFirst().orElseThrow();
    assertEquals(other, listed.getLong("semesterId"));
  }

  @Test
  void theChecklistCountsWhatIsOpenAndTheArchiveMakesTheSemesterReadOnly() throws Exception {
    long id = copyOfFirst("Zum Archivieren", 400, 0).getLong("id");
    long course = Long.parseLong(sql.one("SELECT c.id FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = " + id
      + " AND l.name_de = 'Offen' AND c.level = 'Conversation'"));
    long language = Long.parseLong(sql.one("SELECT language_id FROM course WHERE id = " + course));
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES
        (901, 'zoe@example.org', 'zoe@example.org', 'Zoë', 'Zander', 3), (902, 'yan@example.org', 'yan@example.org', 'Yan', 'Young', 3),
        (903, 'xia@example.org', 'xia@example.org', 'Xia', 'Xu', 3)""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, amount_paid_cents, secret, confirmed_at, grade) VALUES
        (9001, 901, %1$d, 'confirmed', 6000, 0, 'secret-zoe-aaaaaaaaaaaaaa', now(), NULL),
        (9002, 902, %1$d, 'confirmed', 6000, 6000, 'secret-yan-aaaaaaaaaaaaaa', now(), 80),
        (9003, 903, %1$d, 'waiting', 6000, 0, 'secret-xia-aaaaaaaaaaaaaa', NULL, NULL)""".formatted(course),
      "UPDATE course SET confirmed_count = 2, waiting_count = 1 WHERE id = " + course,
      // due tomorrow (a retry waiting), so the running mail verticle leaves it pending
      "INSERT INTO mail_outbox (lane, kind, recipient, applicant_id, attendance_id, next_attempt_at) VALUES ('transactional', 'confirmed', 'zoe@example.org', 901, 9001, now() + interval '1 day')",
      "INSERT INTO mail_outbox (lane, kind, recipient, applicant_id, attendance_id, state, last_error) VALUES ('transactional', 'confirmed', 'yan@example.org', 902, 9002, 'failed', '550 no such user')");

    HttpResponse<String> r = boot().get("/api/admin/semesters/" + id + "/checklist");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject check = json(r);
    assertEquals(1, check.getJsonObject("unpaid").getInteger("count"));
    assertEquals("Zoë Zander", check.getJsonObject("unpaid").getJsonArray("examples").getJsonObject(0).getString("name"));
    assertEquals(1, check.getJsonObject("ungraded").getInteger("count"), "Yan has a grade, Xia waits");
    assertEquals(1, check.getJsonObject("mails").getInteger("pending"));
    assertEquals(1, check.getJsonObject("mails").getInteger("failed"));
    assertFalse(check.getBoolean("clear"));

    StaffClient boss = StaffClient.login(base, staff.oidc, "boss", "boss@uni.example");
    HttpResponse<String> page = boss.page("/admin/semesters/" + id + "/close");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("Zoë Zander") && page.body().contains("href=\"/admin/payments\""), page.body());
    assertEquals(403, boss.csrf(false).postForm("/admin/semesters/" + id + "/archive", Map.of(), null).statusCode(), "no CSRF token");
    boss.csrf(true);
    assertEquals("open", sql.one("SELECT state FROM semester WHERE id = " + id));
    HttpResponse<String> archived = boss.postForm("/admin/semesters/" + id + "/archive", Map.of(), "/admin/semesters/" + id + "/close");
    assertEquals(303, archived.statusCode(), archived.body());
    assertEquals("archived", sql.one("SELECT state FROM semester WHERE id = " + id));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'semester.archive' AND entity_id = " + id
      + " AND actor = 'boss' AND (after->'leftOpen'->>'unpaid')::int = 1"));
    assertEquals(409, boot().post("/api/admin/semesters/" + id + "/archive", "{}").statusCode(), "archived once only");

    // staff writes of every kind are refused with 409 and change nothing
    String courseRow = sql.one("SELECT c::text FROM course c WHERE id = " + course);
    String attendanceRows = sql.one("SELECT string_agg(t::text, '|' ORDER BY id) FROM attendance t WHERE course_id = " + course);
    List<HttpResponse<String>> refused = List.of(
      boot().patch("/api/admin/courses/" + course, "{\"schedule\":\"Mo 10-12\"}"),
      boot().patch("/api/admin/courses/" + course, "{\"seats\":2000}"),
      boot().patch("/api/admin/languages/" + language, "{\"nameEn\":\"Renamed\"}"),
      boot().post("/api/admin/courses", new JsonObject().put("languageId", language).put("level", "New").put("seats", 5).encode()),
      boot().post("/api/admin/attendances/9001/payments", "{\"amountCents\":6000,\"method\":\"cash\"}"),
      boot().post("/api/admin/attendances/9003/admit", "{}"),
      boot().delete("/api/admin/attendances/9002?notify=false"),
      boot().post("/api/admin/courses/" + course + "/attendances", "{\"applicantId\":903}"),
      boot().post("/api/admin/languages", "{\"nameDe\":\"Spät\",\"nameEn\":\"Late\",\"semesterId\":" + id + "}"));
    for (HttpResponse<String> x : refused) {
      assertEquals(409, x.statusCode(), x.uri() + " " + x.body());
      assertEquals("semesters.error.archived", json(x).getString("code"), x.body());
      assertTrue(json(x).getString("detail").contains("Zum Archivieren"), x.body());
    }
    // a move from an open semester into an archived course is a staff seat command into the archive
    sql.exec("INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (904, 'wim@example.org', 'wim@example.org', 'Wim', 'West', 3)",
      "INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret) VALUES (9004, 904, 41, 'waiting', 6000, 'secret-wim-aaaaaaaaaaaaaa')",
      "UPDATE course SET waiting_count = waiting_count + 1 WHERE id = 41");
    HttpResponse<String> move = boot().post("/api/admin/attendances/9004/move", "{\"courseId\":" + course + ",\"notify\":false}");
    assertEquals(409, move.statusCode(), move.body());
    // the page forms: a clear message, in German by default
    HttpResponse<String> form = boss.postForm("/admin/courses/" + course + "/settings", Map.of("schedule", "Di"), "/admin/semester");
    assertEquals(409, form.statusCode(), form.body());
    HttpResponse<String> grade = boss.postForm("/admin/courses/" + course + "/grades", Map.of("grade-9001", "90"), "/admin/semester");
    assertEquals(409, grade.statusCode(), grade.body());
    HttpResponse<String> mail = boss.postForm("/admin/mail", Map.of("course", String.valueOf(course), "subject", "Hallo", "body", "Text"), "/admin/semester");
    assertEquals(409, mail.statusCode(), mail.body());
    assertEquals(courseRow, sql.one("SELECT c::text FROM course c WHERE id = " + course));
    assertEquals(attendanceRows, sql.one("SELECT string_agg(t::text, '|' ORDER BY id) FROM attendance t WHERE course_id = " + course));
    assertEquals("41", sql.one("SELECT course_id FROM attendance WHERE id = 9004"));
    // reading stays possible
    assertEquals(200, boot().get("/api/admin/courses/" + course + "/attendances").statusCode());
    assertEquals(200, boss.page("/admin/semester?semester=" + id).statusCode());

    // the catalogue offers none of its languages any more; the database refuses a new attendance there
    waitUntil(10_000, "the catalogue drops the archived languages", () -> {
      try {
        JsonArray langs = new JsonObject(boot().get("/api/courses").body()).getJsonArray("languages");
        return langs.stream().noneMatch(o -> ((JsonObject) o).getLong("id") == language)
          && langs.stream().anyMatch(o -> ((JsonObject) o).getLong("id") == 1L);
      } catch (Exception e) {
        return false;
      }
    });
    // the copy's window is open (moved by 0 days), so only the archive stops this signup
    HttpResponse<String> signup = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new JsonObject().put("courseId", course).put("mail", "late@example.org")
        .put("firstName", "Late").put("lastName", "Comer").put("originId", 3).encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(signup.statusCode() >= 400 && signup.statusCode() < 500, signup.statusCode() + " " + signup.body());
    assertEquals(0, sql.count("SELECT count(*) FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail = 'late@example.org'"));
    sql.exec("INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (905, 'vic@example.org', 'vic@example.org', 'Vic', 'Vale', 3)");
    RuntimeException refusedInsert = assertThrows(RuntimeException.class, () -> sql.exec(
      "INSERT INTO attendance (applicant_id, course_id, state, secret) VALUES (905, " + course + ", 'pool', 'secret-vic-bbbbbbbbbbbbbb')"));
    assertTrue(String.valueOf(refusedInsert.getMessage()).contains("archived") || String.valueOf(refusedInsert.getCause()).contains("archived"),
      String.valueOf(refusedInsert));
  }

  @Test
  void theSemesterPageListsSemestersShowsTheChosenOnesLanguagesAndItsFormsCreateAndCopy() throws Exception {
    StaffClient boss = StaffClient.login(base, staff.oidc, "boss", "boss@uni.example");
    assertEquals(403, boss.csrf(false).postForm("/admin/semesters", Map.of("name", "Ohne Token", "startsOn", "2032-04-01", "endsOn", "2032-09-30"), null)
      .statusCode());
    boss.csrf(true);
    assertEquals(0, sql.count("SELECT count(*) FROM semester WHERE name = 'Ohne Token'"));
    HttpResponse<String> created = boss.postForm("/admin/semesters", Map.of("name", "Seite 2032", "startsOn", "2032-04-01", "endsOn", "2032-09-30"),
      "/admin/semester");
    assertEquals(303, created.statusCode(), created.body());
    long id = Long.parseLong(sql.one("SELECT id FROM semester WHERE name = 'Seite 2032'"));
    assertEquals("/admin/semester?semester=" + id + "&saved=1", created.headers().firstValue("Location").orElse(""));

    HttpResponse<String> current = boss.page("/admin/semester");
    assertEquals(200, current.statusCode());
    assertTrue(current.body().contains("id=\"semester-" + id + "\""), "every semester is listed");
    assertTrue(current.body().contains("id=\"language-1\""), "the current semester shows its languages");
    HttpResponse<String> empty = boss.page("/admin/semester?semester=" + id);
    assertFalse(empty.body().contains("id=\"language-1\""), "the new semester has no languages yet");
    assertTrue(empty.body().contains("name=\"semesterId\"") && empty.body().contains("<option value=\"" + id + "\" selected>"),
      "a new language goes into the semester shown, selectable");

    HttpResponse<String> copied = boss.postForm("/admin/semesters/" + first + "/copy", Map.of("name", "Seite Kopie", "startsOn",
      LocalDate.now().plusDays(600).toString(), "shiftDays", "7"), "/admin/semester");
    assertEquals(303, copied.statusCode(), copied.body());
    long copy = Long.parseLong(sql.one("SELECT id FROM semester WHERE name = 'Seite Kopie'"));
    HttpResponse<String> shown = boss.page("/admin/semester?semester=" + copy);
    long offen = Long.parseLong(sql.one("SELECT id FROM language WHERE semester_id = " + copy + " AND name_de = 'Offen'"));
    assertTrue(shown.body().contains("id=\"language-" + offen + "\"") && !shown.body().contains("id=\"language-1\""), "only the copy's languages");
    HttpResponse<String> bad = boss.postForm("/admin/semesters", Map.of("name", "Falsch", "startsOn", "2032-04-01", "endsOn", "2031-01-01"),
      "/admin/semester");
    assertEquals(422, bad.statusCode());
  }

  @Test
  void retentionAnonymisesThePeopleOfASemesterArchivedLongerThanTheRetentionTime() throws Exception {
    long id = copyOfFirst("Lange her", 500, 0).getLong("id");
    long course = Long.parseLong(sql.one("SELECT c.id FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = " + id
      + " AND c.level = 'Writing'"));
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES
        (801, 'only-old@example.org', 'only-old@example.org', 'Olga', 'Old', 3), (802, 'also-new@example.org', 'also-new@example.org', 'Nina', 'New', 3)""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES
        (8001, 801, %1$d, 'confirmed', 0, 'secret-olga-aaaaaaaaaaaaa', now()),
        (8002, 802, %1$d, 'confirmed', 0, 'secret-nina-aaaaaaaaaaaaa', now()),
        (8003, 802, 15, 'confirmed', 0, 'secret-nina-bbbbbbbbbbbbb', now())""".formatted(course),
      "UPDATE course SET confirmed_count = 2 WHERE id = " + course, "UPDATE course SET confirmed_count = confirmed_count + 1 WHERE id = 15");
    assertEquals(200, boot().post("/api/admin/semesters/" + id + "/archive", "{}").statusCode());
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, app.config());
    try {
      TestApp.await(new RetentionJob(pool, 30, 180).run(null));
      assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE id IN (801, 802) AND anonymised_at IS NOT NULL"),
        "archived just now: the retention time has not passed");
      sql.exec("UPDATE semester SET archived_at = now() - interval '31 days' WHERE id = " + id);
      TestApp.await(new RetentionJob(pool, 30, 180).run(null));
      assertEquals("anonymised-801@anonymised.invalid", sql.one("SELECT mail FROM applicant WHERE id = 801"));
      assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE id = 802 AND anonymised_at IS NOT NULL"),
        "someone with a signup in an open semester stays");
    } finally {
      TestApp.await(pool.close());
      TestApp.await(vertx.close());
    }
  }
}
