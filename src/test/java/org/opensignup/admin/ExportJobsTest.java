package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.db.Database;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffTestApp;
import org.opensignup.support.TestApp;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;

/**
 * Background exports end to end: started from the API and from the page's form, run by the export
 * worker, followed until done, downloaded and opened (XLSX with typed cells, CSV, a zip of PDFs);
 * only the requester and superusers may see or fetch them; an expired file answers 410 and the
 * cleanup drops it; a job left running by a dead process is marked failed.
 */
class ExportJobsTest {
  private static final int PEOPLE = 300;
  private static StaffTestApp staff;
  private static Sql sql;
  private static StaffClient cadmin;
  private static StaffClient other;
  private static StaffClient boss;
  private static StaffClient teacher;

  @BeforeAll
  static void start() throws Exception {
    staff = StaffTestApp.start(Map.of("admin.superusers", "boss", "exports.page-rows", "64", "jobs.lease-seconds", "3"));
    sql = staff.sql;
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, semester)
      SELECT 1000 + g, 'p' || g || '@example.org', 'p' || g || '@example.org', 'Zoë' || g, 'Größe' || g, 3, g % 12 + 1
      FROM generate_series(1, {people}) g""".replace("{people}", String.valueOf(PEOPLE)),
      """
      INSERT INTO attendance (applicant_id, course_id, state, fee_cents, amount_paid_cents, secret, confirmed_at)
      SELECT 1000 + g, CASE g % 3 WHEN 0 THEN 15 WHEN 1 THEN 18 ELSE 19 END, 'confirmed', 6000,
        CASE WHEN g % 2 = 0 THEN 6000 ELSE 0 END, 'secret-job-' || lpad(g::text, 14, '0'), now()
      FROM generate_series(1, {people}) g""".replace("{people}", String.valueOf(PEOPLE)),
      // someone in a course of the language the course admin does not manage: not in their export
      "INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (1, 'x@example.org', 'x@example.org', 'Xaver', 'Fremd', 3)",
      "INSERT INTO attendance (applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES (1, 11, 'confirmed', 6000, 'secret-xav-aaaaaaaaaaaaaa', now())",
      "UPDATE course c SET confirmed_count = (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state = 'confirmed')",
      "INSERT INTO app_user (id, subject) VALUES (1, 'cadmin'), (2, 'other'), (3, 'teach')",
      "SELECT setval('app_user_id_seq', 100)",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 15, 'course_admin'), (1, 18, 'course_admin'), (1, 19, 'course_admin'),"
        + " (2, 15, 'course_admin'), (3, 11, 'teacher')");
    cadmin = StaffClient.login(staff.base, staff.oidc, "cadmin", "cadmin@uni.example");
    other = StaffClient.login(staff.base, staff.oidc, "other", "other@uni.example");
    boss = StaffClient.login(staff.base, staff.oidc, "boss", "boss@uni.example");
    teacher = StaffClient.login(staff.base, staff.oidc, "teach", "teach@uni.example");
  }

  @AfterAll
  static void stop() {
    if (staff != null) staff.close();
  }

  private static JsonObject awaitDone(StaffClient who, String location) {
    JsonObject[] last = new JsonObject[1];
    waitUntil(60_000, "export " + location + " done", () -> {
      try {
        HttpResponse<String> r = who.get(location);
        assertEquals(200, r.statusCode(), r.body());
        last[0] = new JsonObject(r.body());
        assertNotEquals("failed", last[0].getString("state"), r.body());
        return "done".equals(last[0].getString("state"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return last[0];
  }

  @Test
  void aLanguageExportRunsInTheBackgroundAndItsXlsxHasTypedCells() throws Exception {
    HttpResponse<String> started = cadmin.post("/api/admin/exports",
      "{\"scope\":\"language\",\"languageId\":1,\"format\":\"xlsx\",\"columns\":[\"course\",\"lastName\",\"mail\",\"semester\",\"fee\",\"paid\",\"paymentState\"]}");
    assertEquals(202, started.statusCode(), started.body());
    String location = started.headers().firstValue("Location").orElseThrow();
    JsonObject job = new JsonObject(started.body());
    assertEquals("/api/admin/exports/" + job.getLong("id"), location);
    assertTrue(List.of("queued", "running", "done").contains(job.getString("state")), started.body());

    JsonObject done = awaitDone(cadmin, location);
    assertEquals(100, done.getInteger("progress"));
    assertEquals(PEOPLE, done.getInteger("rows"), "only the courses this course admin manages: " + done);
    assertNotNull(done.getString("expiresAt"));

    HttpResponse<byte[]> file = cadmin.getBytes(done.getString("file"));
    assertEquals(200, file.statusCode());
    assertTrue(file.headers().firstValue("Content-Type").orElse("").contains("spreadsheetml"), file.headers().toString());
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
      Sheet sheet = wb.getSheetAt(0);
      assertEquals(PEOPLE, sheet.getLastRowNum(), "a header and one row per attendance");
      Row head = sheet.getRow(0);
      assertEquals("Kurs", head.getCell(0).getStringCellValue(), "headers in the requester's language (German by default)");
      assertEquals("Gebühr (€)", head.getCell(4).getStringCellValue());
      int paid = 0;
      List<String> mails = new ArrayList<>();
      for (int i = 1; i <= PEOPLE; i++) {
        Row row = sheet.getRow(i);
        assertEquals(CellType.STRING, row.getCell(2).getCellType());
        mails.add(row.getCell(2).getStringCellValue());
        assertEquals(CellType.NUMERIC, row.getCell(3).getCellType(), "semester is a number");
        assertEquals(CellType.NUMERIC, row.getCell(4).getCellType(), "fee is a number");
        assertEquals(60.0, row.getCell(4).getNumericCellValue());
        if (row.getCell(5).getNumericCellValue() == 60.0) paid++;
        assertTrue(row.getCell(1).getStringCellValue().startsWith("Größe"), "umlauts intact");
      }
      assertEquals(PEOPLE / 2, paid);
      assertEquals(PEOPLE, mails.stream().distinct().count());
      assertFalse(mails.contains("x@example.org"), "a course this person does not manage stays out");
    }
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'export.job' AND actor = 'cadmin'"));

    // another staff member (course admin of one of the courses) sees neither the job nor its file
    assertEquals(403, other.get(location).statusCode());
    assertEquals(403, other.getBytes(location + "/file").statusCode());
    assertEquals(403, other.page("/admin/exports/" + done.getLong("id")).statusCode());
    // a superuser may fetch it
    assertEquals(200, boss.getBytes(location + "/file").statusCode());

    // a day later the file is gone: 410, and the cleanup drops it
    sql.exec("UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = " + done.getLong("id"));
    assertEquals(410, cadmin.getBytes(location + "/file").statusCode());
    assertEquals(410, cadmin.page("/admin/exports/" + done.getLong("id") + "/file").statusCode());
    Pool pool = Database.pool(staff.app.vertx(), staff.app.config());
    try {
      JsonObject cleaned = TestApp.await(new ExportJobs(pool).cleanup(conn -> Future.succeededFuture()));
      assertTrue(cleaned.getInteger("updated") >= 1, cleaned.encode());
      assertEquals(0, sql.count("SELECT count(*) FROM export_job WHERE id = " + done.getLong("id") + " AND file IS NOT NULL"));
      assertEquals(410, cadmin.getBytes(location + "/file").statusCode(), "the job stays known for a while");
      sql.exec("UPDATE export_job SET expires_at = now() - interval '8 days' WHERE id = " + done.getLong("id"));
      TestApp.await(new ExportJobs(pool).cleanup(conn -> Future.succeededFuture()));
      assertEquals(404, cadmin.get(location).statusCode(), "a week after expiry the row is deleted");
    } finally {
      TestApp.await(pool.close());
    }
  }

  @Test
  void theFormStartsACsvExportWhosePageShowsProgressAndOffersTheFile() throws Exception {
    HttpResponse<String> started = cadmin.postForm("/admin/exports/jobs",
      Map.of("scope", "language", "languageId", "1", "format", "csv", "column", "mail"), "/admin/exports");
    assertEquals(303, started.statusCode(), started.body());
    String page = started.headers().firstValue("Location").orElseThrow();
    assertTrue(page.matches("/admin/exports/\\d+"), page);
    HttpResponse<String> shown = cadmin.page(page);
    assertEquals(200, shown.statusCode(), shown.body());
    assertTrue(shown.body().contains("<progress") && shown.body().contains("/static/export-job.js"), shown.body());
    long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
    awaitDone(cadmin, "/api/admin/exports/" + id);
    assertTrue(cadmin.page(page).body().contains("href=\"/admin/exports/" + id + "/file\""), "the page offers the download when done");
    HttpResponse<byte[]> file = cadmin.getBytes(page + "/file");
    assertEquals(200, file.statusCode());
    String csv = new String(file.body(), StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("\uFEFFMail\r\n") || csv.startsWith("\uFEFFE-Mail\r\n"), csv.substring(0, 40));
    assertEquals(PEOPLE + 1, csv.split("\r\n").length);
    assertTrue(csv.contains("p17@example.org\r\n"));
  }

  @Test
  void aSemesterZipHoldsOneCourseListPdfPerCourse() throws Exception {
    // a semester of its own with one more language and course: not part of the current semester's export
    sql.exec("INSERT INTO semester (id, name, starts_on, ends_on) VALUES (900, 'Sommer 2020', '2020-04-01', '2020-09-30')",
      "INSERT INTO language (id, name_de, name_en, signup_begin, signup_end, semester_id) VALUES (900, 'Alt', 'Old', '2020-03-01', '2020-04-01', 900)",
      "INSERT INTO course (id, language_id, level, alternative, seats, price_cents) VALUES (900, 900, 'Z9', '', 5, 0)");
    HttpResponse<String> started = boss.post("/api/admin/exports", "{\"scope\":\"semester\",\"format\":\"zip\"}");
    assertEquals(202, started.statusCode(), started.body());
    JsonObject done = awaitDone(boss, started.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> file = boss.getBytes(done.getString("file"));
    assertEquals("application/zip", file.headers().firstValue("Content-Type").orElse(""));
    // the file is named after the semester it holds, even when the request left the semester to the default
    long current = sql.count("SELECT current_semester_id()");
    assertTrue(file.headers().firstValue("Content-Disposition").orElse("").contains("export-semester-" + current + "-"),
      file.headers().firstValue("Content-Disposition").orElse(""));
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.body()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] pdf = zip.readAllBytes();
        assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF"), e.getName());
        entries++;
      }
    }
    assertEquals(sql.count("SELECT count(*) FROM course") - 1, entries, "every course of the current semester");
    HttpResponse<String> older = boss.post("/api/admin/exports", "{\"scope\":\"semester\",\"semesterId\":900,\"format\":\"zip\"}");
    assertEquals(202, older.statusCode(), older.body());
    JsonObject olderDone = awaitDone(boss, older.headers().firstValue("Location").orElseThrow());
    assertEquals(0, olderDone.getInteger("rows"), "the earlier semester's one empty course");
    assertTrue(boss.getBytes(olderDone.getString("file")).headers().firstValue("Content-Disposition").orElse("").contains("export-semester-900-"));
    assertEquals(PEOPLE + 1, done.getInteger("rows"));
  }

  @Test
  void onlyTheRightPeopleMayStartWhatTheyAskFor() throws Exception {
    HttpResponse<String> semester = cadmin.post("/api/admin/exports", "{\"scope\":\"semester\",\"format\":\"csv\",\"columns\":[\"mail\"]}");
    assertEquals(403, semester.statusCode(), "the semester is for superusers");
    HttpResponse<String> teacherCsv = teacher.post("/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"csv\",\"columns\":[\"mail\"]}");
    assertEquals(403, teacherCsv.statusCode(), "a teacher manages no course: no data export");
    HttpResponse<String> teacherZip = teacher.post("/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"zip\"}");
    assertEquals(202, teacherZip.statusCode(), "but may print the lists of the course taught: " + teacherZip.body());
    JsonObject zipDone = awaitDone(teacher, teacherZip.headers().firstValue("Location").orElseThrow());
    assertEquals(1, zipDone.getInteger("rows"), "only course 11's list");
    HttpResponse<String> badFormat = cadmin.post("/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"pdf\"}");
    assertEquals(422, badFormat.statusCode());
    assertEquals("format", new JsonObject(badFormat.body()).getString("field"));
    HttpResponse<String> badColumn = cadmin.post("/api/admin/exports", "{\"scope\":\"language\",\"languageId\":1,\"format\":\"csv\",\"columns\":[\"tag\"]}");
    assertEquals(422, badColumn.statusCode());
    assertEquals(404, cadmin.post("/api/admin/exports", "{\"scope\":\"language\",\"languageId\":999,\"format\":\"csv\",\"columns\":[\"mail\"]}").statusCode());
    assertEquals(404, cadmin.get("/api/admin/exports/999999").statusCode());
    HttpResponse<String> noSemester = boss.post("/api/admin/exports", "{\"scope\":\"semester\",\"semesterId\":999,\"format\":\"zip\"}");
    assertEquals(404, noSemester.statusCode(), noSemester.body());
    assertEquals("semesterId", new JsonObject(noSemester.body()).getString("field"));
  }

  @Test
  void theCleanupRunsOnTheJobsSchedulerUnderItsLease() {
    waitUntil(30_000, "a recorded export-cleanup run", () ->
      sql.count("SELECT count(*) FROM harvest_run WHERE source = 'export-cleanup' AND status = 'ok'") >= 1);
  }

  @Test
  void aJobLeftRunningByADeadProcessIsMarkedFailed() {
    sql.exec("INSERT INTO export_job (id, requested_by, scope, params, state, worker, heartbeat_at, started_at) VALUES "
      + "(900001, 'cadmin', 'language', '{\"format\":\"csv\",\"columns\":[\"mail\"],\"courseIds\":[15]}', 'running', '1@gone/dead', now() - interval '1 hour', now() - interval '1 hour')");
    waitUntil(30_000, "the dead process's job marked failed", () -> "failed".equals(sql.one("SELECT state FROM export_job WHERE id = 900001")));
    assertTrue(sql.one("SELECT error FROM export_job WHERE id = 900001").startsWith("interrupted"));
    assertEquals("1", sql.one("SELECT count(*) FROM export_job WHERE id = 900001 AND expires_at > now() AND worker IS NULL"));
  }
}
