package org.opensignup.admin;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffClient;
import org.opensignup.support.StaffTestApp;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Grades: entered by teachers, imported from a sheet by course admins (preview, apply, broken sheets), audited. */
class GradesTest {
  private static final long A = SignupFixture.OPEN_A1;
  private static final String GRADES = "/admin/courses/" + A + "/grades";

  private static StaffTestApp staff;
  private static Application app;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    staff = StaffTestApp.start(Map.of("admin.superusers", "boss"));
    app = staff.app;
    base = staff.base;
    sql = staff.sql;
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'juergen@example.org', 'juergen@example.org', 'Jürgen', 'Größe', 3, 'de'), (2, 'Zoe@Example.org', 'zoe@example.org', 'Zoë', 'Brontë', 3, 'en'),
        (3, 'dmitri@example.org', 'dmitri@example.org', 'Дмитрий', 'Иванов', 3, 'de'), (4, 'cara@example.org', 'cara@example.org', 'Cara', 'Wartend', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES
        (101, 1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now()),
        (102, 2, 11, 'confirmed', 6000, 'secret-ben-aaaaaaaaaaaaaa', now()),
        (103, 3, 11, 'confirmed', 6000, 'secret-dmi-aaaaaaaaaaaaaa', now()),
        (104, 4, 11, 'waiting', 6000, 'secret-car-aaaaaaaaaaaaaa', NULL)""",
      "INSERT INTO app_user (id, subject) VALUES (1, 'teach'), (2, 'cadmin'), (3, 'cadminb'), (4, 'teachb')",
      "SELECT setval('app_user_id_seq', 100)",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 11, 'course_admin'), (3, 12, 'course_admin'), (4, 12, 'teacher')");
  }

  @BeforeEach
  void clearGrades() {
    sql.exec("UPDATE attendance SET grade = NULL, grade_points = NULL, grade_points_max = NULL, result = NULL, graded_at = NULL, graded_by = NULL",
      "DELETE FROM audit_log WHERE action = 'grade.set'");
  }

  @AfterAll
  static void stop() {
    if (staff != null) staff.close();
  }

  private static List<Map.Entry<String, String>> row(long id, String grade, String points, String max, String result) {
    return List.of(Map.entry("g-" + id, grade), Map.entry("p-" + id, points), Map.entry("m-" + id, max), Map.entry("r-" + id, result));
  }

  @Test
  void teacherEntersGradesAndEveryChangeIsAudited() throws Exception {
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    HttpResponse<String> page = teacher.get(GRADES);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Größe, Jürgen") && !page.body().contains("Wartend"), "confirmed only");
    List<Map.Entry<String, String>> form = new ArrayList<>(row(101, "84", "", "", "passed"));
    form.addAll(row(102, "", "", "", "attended"));
    form.addAll(row(103, "", "42,5", "50", ""));
    HttpResponse<String> r = teacher.postForm(GRADES, form, GRADES);
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("84||passed|teach", sql.one("SELECT grade || '|' || coalesce(grade_points::text, '') || '|' || result || '|' || graded_by FROM attendance WHERE id = 101"));
    assertEquals("attended", sql.one("SELECT result FROM attendance WHERE id = 102"));
    assertEquals("85|42.50|50.00", sql.one("SELECT grade || '|' || grade_points || '|' || grade_points_max FROM attendance WHERE id = 103"));
    assertEquals(3, sql.count("SELECT count(*) FROM audit_log WHERE action = 'grade.set' AND actor = 'teach' AND course_id = " + A));
    assertEquals("84", sql.one("SELECT after->>'grade' FROM audit_log WHERE action = 'grade.set' AND entity_id = 101"));
    assertTrue(teacher.get(GRADES + "?saved=3").body().contains("Gespeichert: 3 Noten geändert."));

    // the same form again changes nothing and writes no audit row
    assertEquals(303, teacher.postForm(GRADES, form, GRADES).statusCode());
    assertEquals(3, sql.count("SELECT count(*) FROM audit_log WHERE action = 'grade.set'"));

    // one bad field refuses the whole form, naming the person
    List<Map.Entry<String, String>> bad = new ArrayList<>(row(101, "70", "", "", ""));
    bad.addAll(row(103, "", "60", "50", ""));
    HttpResponse<String> refused = teacher.postForm(GRADES, bad, GRADES);
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("Дмитрий Иванов: Es sind mehr Punkte als die Höchstpunktzahl."), refused.body());
    assertEquals("84", sql.one("SELECT grade FROM attendance WHERE id = 101"));
  }

  @Test
  void certificateOnlyOnceAGradeOrAttendedIsSet() throws Exception {
    StaffClient admin = staff.login("cadmin", "cadmin@uni.example");
    assertEquals(422, admin.get("/admin/attendances/103/certificate.pdf").statusCode());
    assertEquals(303, admin.postForm(GRADES, row(103, "", "", "", "attended"), GRADES).statusCode());
    HttpResponse<byte[]> pdf = admin.getBytes("/admin/attendances/103/certificate.pdf");
    assertEquals(200, pdf.statusCode());
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains("Дмитрий Иванов"));
    }
  }

  @Test
  void sheetImportShowsThePreviewThenAppliesInOneGo() throws Exception {
    StaffClient admin = staff.login("cadmin", "cadmin@uni.example");
    String csv = "mail;grade;points;pointsMax;result\njuergen@example.org;91;;;passed\nzoe@example.org;;;;attended\n";
    HttpResponse<String> preview = upload(admin, "noten.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, preview.statusCode(), preview.body());
    assertTrue(preview.body().contains("Größe, Jürgen") && preview.body().contains("91 %, passed") && preview.body().contains("Brontë, Zoë"), preview.body());
    assertNull(sql.one("SELECT grade FROM attendance WHERE id = 101"), "a preview writes nothing");
    HttpResponse<String> applied = admin.postForm(GRADES + "/apply", List.of(Map.entry("changes", hidden(preview.body()))), GRADES);
    assertEquals(303, applied.statusCode(), applied.body());
    assertEquals("91|passed", sql.one("SELECT grade || '|' || result FROM attendance WHERE id = 101"));
    assertEquals("attended", sql.one("SELECT result FROM attendance WHERE id = 102"), "matched by mail whatever its case");
    assertEquals(2, sql.count("SELECT count(*) FROM audit_log WHERE action = 'grade.set' AND details->>'source' = 'sheet'"));

    // the same as XLSX, with numbers as number cells
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      var sheet = wb.createSheet();
      var head = sheet.createRow(0);
      head.createCell(0).setCellValue("mail");
      head.createCell(1).setCellValue("points");
      head.createCell(2).setCellValue("pointsMax");
      var one = sheet.createRow(1);
      one.createCell(0).setCellValue("dmitri@example.org");
      one.createCell(1).setCellValue(30);
      one.createCell(2).setCellValue(40);
      wb.write(xlsx);
    }
    HttpResponse<String> p2 = upload(admin, "noten.xlsx", xlsx.toByteArray());
    assertEquals(200, p2.statusCode(), p2.body());
    assertTrue(p2.body().contains("75 %, 30 / 40"), p2.body());
    assertEquals(303, admin.postForm(GRADES + "/apply", List.of(Map.entry("changes", hidden(p2.body()))), GRADES).statusCode());
    assertEquals("75", sql.one("SELECT grade FROM attendance WHERE id = 103"));
  }

  @Test
  void aBrokenSheetChangesNothingAndSaysWhere() throws Exception {
    StaffClient admin = staff.login("cadmin", "cadmin@uni.example");
    Map<String, String> cases = Map.of(
      "mail,grade\njuergen@example.org,80\nzoe@example.org,lots\n", "Zeile 3: Die Note ist eine ganze Zahl von 0 bis 100",
      "mail;grade\nnobody@example.org;80\n", "Zeile 2: „nobody@example.org“ ist in diesem Kurs nicht bestätigt angemeldet.",
      "mail;grade\ncara@example.org;80\n", "Zeile 2: „cara@example.org“ ist in diesem Kurs nicht bestätigt",
      "name;grade\nJürgen;80\n", "Zeile 1: Es fehlt die Spalte mail",
      "mail;note\njuergen@example.org;80\n", "Zeile 1: Unbekannte Spalte „note“.",
      "mail;grade\njuergen@example.org;80\nJuergen@example.org;81\n", "Zeile 3: „juergen@example.org“ steht zweimal in der Liste.");
    for (var c : cases.entrySet()) {
      HttpResponse<String> r = upload(admin, "noten.csv", c.getKey().getBytes(StandardCharsets.UTF_8));
      assertEquals(422, r.statusCode(), c.getKey());
      assertTrue(r.body().contains(c.getValue()), c.getValue() + " in " + r.body());
    }
    HttpResponse<String> garbage = upload(admin, "noten.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8));
    assertEquals(422, garbage.statusCode());
    assertTrue(garbage.body().contains("lässt sich nicht lesen"));
    // a tampered apply with one attendance of another course refuses everything
    HttpResponse<String> foreign = admin.postForm(GRADES + "/apply", List.of(Map.entry("changes",
      "{\"101\":{\"g\":\"50\"},\"104\":{\"g\":\"50\"}}")), GRADES);
    assertEquals(422, foreign.statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM attendance WHERE grade IS NOT NULL"));
    assertEquals(0, sql.count("SELECT count(*) FROM audit_log WHERE action = 'grade.set'"));
  }

  @Test
  void everyGradeDoorChecksTheRole() throws Exception {
    StaffClient anonymous = StaffClient.anonymous(base);
    HttpResponse<String> a = anonymous.noRedirects.send(HttpRequest.newBuilder(URI.create(base + GRADES)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, a.statusCode());
    assertEquals(401, anonymous.getJson(GRADES).statusCode());
    assertEquals(401, anonymous.postMultipart(GRADES + "/import", List.of(), List.of(), "").statusCode());
    StaffClient applicant = staff.login("student-" + System.nanoTime(), "student@uni.example");
    StaffClient otherTeacher = staff.login("teachb", "teachb@uni.example");
    StaffClient otherAdmin = staff.login("cadminb", "cadminb@uni.example");
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    StaffClient boss = staff.login("boss", "boss@uni.example");
    for (StaffClient s : List.of(applicant, otherTeacher, otherAdmin)) assertEquals(403, s.get(GRADES).statusCode());
    assertEquals(403, otherAdmin.postForm(GRADES, row(101, "10", "", "", ""), "/admin").statusCode());
    assertEquals(200, teacher.get(GRADES).statusCode());
    assertEquals(200, boss.get(GRADES).statusCode());
    assertFalse(teacher.get(GRADES).body().contains("/grades/import"), "no import form for a teacher");
    assertEquals(403, upload(teacher, "noten.csv", "mail;grade\njuergen@example.org;80\n".getBytes(StandardCharsets.UTF_8)).statusCode());
    assertEquals(403, teacher.postForm(GRADES + "/apply", List.of(Map.entry("changes", "{\"101\":{\"g\":\"50\"}}")), GRADES).statusCode());
    // CSRF: a form without the page's token is refused
    assertEquals(403, teacher.postMultipart(GRADES, row(101, "10", "", "", ""), List.of(), "forged").statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM attendance WHERE grade IS NOT NULL"));
  }

  private static HttpResponse<String> upload(StaffClient s, String name, byte[] content) throws Exception {
    String csrf = StaffClient.csrfIn(s.get(GRADES).body());
    return s.postMultipart(GRADES + "/import", List.of(), List.of(new StaffClient.Part("file", name, "application/octet-stream", content)), csrf);
  }

  /** The previewed changes the page carries to the apply form. */
  private static String hidden(String html) {
    var m = java.util.regex.Pattern.compile("name=\"changes\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), "apply form in the preview");
    return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
