package org.opensignup.admin;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffClient;
import org.opensignup.support.StaffTestApp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;

/** The PDF documents, opened with PDFBox and read back: names in several scripts, courses, dates, results. */
class DocumentsTest {
  private static final long A = SignupFixture.OPEN_A1, B = SignupFixture.OPEN_A1_PARALLEL;

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
    sql.exec("UPDATE course SET ger = 'B1', schedule = 'Mo + Mi 18:00–19:30, Raum 2.04' WHERE id = 11",
      """
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id, locale) VALUES
        (1, 'juergen@example.org', 'juergen@example.org', 'Jürgen', 'Größe', 3, 'de'), (2, 'zoe@example.org', 'zoe@example.org', 'Zoë', 'Brontë', 3, 'en'),
        (3, 'dmitri@example.org', 'dmitri@example.org', 'Дмитрий', 'Иванов', 3, 'de'), (4, 'sokratis@example.org', 'sokratis@example.org', 'Σωκράτης', 'Παπαδόπουλος', 3, 'de'),
        (5, 'cara@example.org', 'cara@example.org', 'Cara', 'Wartend', 3, 'de'), (6, 'bea@example.org', 'bea@example.org', 'Bea', 'Beispiel', 3, 'de')""",
      """
      INSERT INTO attendance (id, applicant_id, course_id, state, fee_cents, amount_paid_cents, paid_at, secret, confirmed_at,
                              grade, grade_points, grade_points_max, result) VALUES
        (101, 1, 11, 'confirmed', 6000, 6000, now(), 'secret-ann-aaaaaaaaaaaaaa', now(), 84, 42, 50, 'passed'),
        (102, 2, 11, 'confirmed', 6000, 2000, NULL, 'secret-ben-aaaaaaaaaaaaaa', now(), NULL, NULL, NULL, 'attended'),
        (103, 3, 11, 'confirmed', 6000, 0, NULL, 'secret-dmi-aaaaaaaaaaaaaa', now(), NULL, NULL, NULL, NULL),
        (104, 4, 11, 'confirmed', 6000, 0, NULL, 'secret-sok-aaaaaaaaaaaaaa', now(), NULL, NULL, NULL, NULL),
        (105, 5, 11, 'waiting', 6000, 0, NULL, 'secret-car-aaaaaaaaaaaaaa', NULL, NULL, NULL, NULL, NULL),
        (106, 6, 12, 'confirmed', 6000, 0, NULL, 'secret-bea-bbbbbbbbbbbbbb', now(), NULL, NULL, NULL, NULL)""",
      """
      INSERT INTO payment (attendance_id, amount_cents, paid_at, recorded_by, note) VALUES
        (102, 1500, '2026-10-01 10:00+02', 'boss', 'bar'), (102, 500, '2026-10-08 10:00+02', 'boss', 'Überweisung')""",
      "UPDATE applicant SET semester = 3, degree_id = 1 WHERE id = 1",
      "UPDATE attendance SET graded_at = '2026-12-18 12:00+01' WHERE id = 101",
      "INSERT INTO app_user (id, subject) VALUES (1, 'teach'), (2, 'cadmin'), (3, 'teachb')",
      "SELECT setval('app_user_id_seq', 100)",
      "INSERT INTO course_role (user_id, course_id, role) VALUES (1, 11, 'teacher'), (2, 12, 'course_admin'), (3, 12, 'teacher')");
  }

  @AfterAll
  static void stop() {
    if (staff != null) staff.close();
  }

  @Test
  void courseListPrintsTheParticipantsInEveryScriptButNotTheWaitingList() throws Exception {
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    String text = pdfText(teacher, "/admin/courses/" + A + "/list.pdf?lang=de", 1);
    for (String s : List.of("Teilnehmerliste", "Offen A1 1 (B1)", "Mo + Mi 18:00–19:30", "Größe, Jürgen", "Brontë, Zoë", "Иванов, Дмитрий",
      "Παπαδόπουλος, Σωκράτης", "juergen@example.org", "Teilnehmende: 4")) {
      assertTrue(text.contains(s), "'" + s + "' in:\n" + text);
    }
    assertFalse(text.contains("Wartend"), "waiting people are not on the course list");
    assertTrue(text.contains("20.00 / 60.00"), "Zoë's open fee: " + text);
    String en = pdfText(teacher, "/admin/courses/" + A + "/list.pdf?lang=en", 1);
    assertTrue(en.contains("Course list") && en.contains("Open A1 1") && en.contains("Participants: 4"), en);
  }

  @Test
  void presenceListHasAColumnPerSessionDate() throws Exception {
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    // Mondays and Wednesdays from 5 to 16 October 2026
    String text = pdfText(teacher, "/admin/courses/" + A + "/presence.pdf?lang=de&from=2026-10-05&to=2026-10-16&weekday=1&weekday=3", 1);
    assertTrue(text.contains("Anwesenheitsliste"), text);
    for (String d : List.of("05.10.", "07.10.", "12.10.", "14.10.")) assertTrue(text.contains(d), d + " in " + text);
    assertFalse(text.contains("06.10."), "a Tuesday is no session");
    assertTrue(text.contains("Иванов, Дмитрий") && text.contains("Größe, Jürgen"));
    // 26 sessions need three pages of twelve date columns
    String many = pdfText(teacher, "/admin/courses/" + A + "/presence.pdf?lang=en&from=2026-10-05&to=2027-01-06&weekday=1&weekday=3", 3);
    assertTrue(many.contains("Attendance sheet") && many.contains("05/10") && many.contains("06/01"), many);
    HttpResponse<String> bad = teacher.get("/admin/courses/" + A + "/presence.pdf?lang=de&from=2026-13-01&to=2026-10-16&weekday=1");
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("JJJJ-MM-TT"));
  }

  @Test
  void languageListHasEveryCourseThePersonMayRead() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    String all = pdfText(boss, "/admin/languages/1/list.pdf?lang=de", -1);
    assertTrue(all.contains("Offen A1 1") && all.contains("Offen A1 2") && all.contains("Beispiel, Bea") && all.contains("Größe, Jürgen"), all);
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    String own = pdfText(teacher, "/admin/languages/1/presence.pdf?lang=de", 1);
    assertTrue(own.contains("Offen A1 1") && !own.contains("Offen A1 2") && !own.contains("Beispiel"), own);
    assertEquals(404, boss.get("/admin/languages/999/list.pdf").statusCode());
  }

  @Test
  void teacherGetsTheListsOfTheirCoursesAsOneZipFromTheCoursePage() throws Exception {
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    String page = teacher.get("/admin/courses/" + A).body();
    assertTrue(page.contains("id=\"doc-zip\"") && page.contains("name=\"languageId\" value=\"1\""), page);
    HttpResponse<String> started = teacher.postForm("/admin/exports/jobs",
      List.of(Map.entry("scope", "language"), Map.entry("languageId", "1"), Map.entry("format", "zip")), "/admin/courses/" + A);
    assertEquals(303, started.statusCode(), started.body());
    String job = started.headers().firstValue("Location").orElseThrow();
    List<HttpResponse<byte[]>> got = new java.util.ArrayList<>();
    waitUntil(60_000, "the zip of " + job, () -> {
      try {
        HttpResponse<byte[]> r = teacher.getBytes(job + "/file");
        if (r.statusCode() != 200) return false;
        got.add(r);
        return true;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    HttpResponse<byte[]> file = got.get(0);
    List<String> entries = new java.util.ArrayList<>();
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(file.body()))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) entries.add(e.getName());
    }
    // the teacher teaches course A only: the other course of the language is not in their zip
    assertEquals(1, entries.size(), entries.toString());
    assertTrue(entries.get(0).startsWith(A + "-"), entries.toString());
  }

  @Test
  void certificatesOnlyForAGradeOrAttendedWithLevelAndResult() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    String text = pdfText(boss, "/admin/courses/" + A + "/certificates.pdf?lang=de", 2);
    assertTrue(text.contains("Teilnahmebescheinigung"), text);
    assertTrue(text.contains("Jürgen Größe") && text.contains("Zoë Brontë"), text);
    assertFalse(text.contains("Дмитрий"), "no grade, no certificate");
    assertTrue(text.contains("Referenzrahmen: B1"), text);
    assertTrue(text.contains("84 % (42 von 50 Punkten), bestanden"), text);
    assertTrue(text.contains("Ergebnis: teilgenommen"), text);
    String one = pdfText(boss, "/admin/attendances/101/certificate.pdf?lang=en", 1);
    assertTrue(one.contains("Certificate of Participation") && one.contains("84 % (42 of 50 points), passed") && one.contains("Open A1 1"), one);
    HttpResponse<String> none = boss.get("/admin/attendances/103/certificate.pdf");
    assertEquals(422, none.statusCode());
    assertEquals(422, boss.get("/admin/courses/" + B + "/certificates.pdf").statusCode(), "nobody graded in B");
  }

  @Test
  void receiptListsThePaymentsAndWhatIsStillOpen() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    String text = pdfText(boss, "/admin/attendances/102/receipt.pdf?lang=de", 1);
    for (String s : List.of("Quittung", "Zoë Brontë", "Offen A1 1", "Kursgebühr: 60.00 €", "01.10.2026", "15.00 €", "08.10.2026", "Überweisung",
      "Erhalten: 20.00 €", "Noch offen: 40.00 €")) {
      assertTrue(text.contains(s), "'" + s + "' in:\n" + text);
    }
  }

  @Test
  void everyDocumentDoorChecksTheRole() throws Exception {
    List<String> lists = List.of("/admin/courses/" + A + "/list.pdf", "/admin/courses/" + A + "/presence.pdf", "/admin/languages/1/list.pdf");
    List<String> managed = List.of("/admin/courses/" + A + "/certificates.pdf", "/admin/attendances/101/certificate.pdf", "/admin/attendances/102/receipt.pdf");
    StaffClient anonymous = StaffClient.anonymous(base);
    StaffClient applicant = staff.login("student-" + System.nanoTime(), "student@uni.example");
    StaffClient otherTeacher = staff.login("teachb", "teachb@uni.example");
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    StaffClient otherAdmin = staff.login("cadmin", "cadmin@uni.example");
    StaffClient boss = staff.login("boss", "boss@uni.example");
    for (String p : concat(lists, managed)) {
      HttpResponse<String> a = anonymous.noRedirects.send(HttpRequest.newBuilder(URI.create(base + p)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(302, a.statusCode(), "anonymous " + p);
      assertEquals(401, anonymous.getJson(p).statusCode(), "anonymous JSON " + p);
      assertEquals(403, applicant.get(p).statusCode(), "applicant " + p);
      assertEquals(200, boss.getBytes(p).statusCode(), "superuser " + p);
    }
    for (String p : List.of(lists.get(0), lists.get(1))) {
      assertEquals(403, otherTeacher.get(p).statusCode(), "teacher of another course " + p);
      assertEquals(403, otherAdmin.get(p).statusCode(), "admin of another course " + p);
      assertEquals(200, teacher.getBytes(p).statusCode(), "teacher " + p);
    }
    for (String p : managed) {
      assertEquals(403, teacher.get(p).statusCode(), "teacher " + p);
      assertEquals(403, otherAdmin.get(p).statusCode(), "admin of another course " + p);
    }
    assertEquals(200, otherAdmin.getBytes("/admin/attendances/106/receipt.pdf").statusCode(), "course admin, own course");
  }

  // --- exports ----------------------------------------------------------------------------------

  @Test
  void xlsxExportHasTheChosenColumnsWithNumbersAsNumbers() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    HttpResponse<byte[]> r = boss.getBytes("/admin/exports/file?lang=de&format=xlsx&language=1&column=lastName&column=origin&column=degree"
      + "&column=semester&column=fee&column=paid&column=paymentState&column=grade");
    assertEquals(200, r.statusCode(), new String(r.body()));
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
      var sheet = wb.getSheetAt(0);
      List<String> head = new java.util.ArrayList<>();
      sheet.getRow(0).forEach(c -> head.add(c.getStringCellValue()));
      assertEquals(List.of("Nachname", "Herkunft", "Abschluss", "Fachsemester", "Gebühr (€)", "Bezahlt (€)", "Zahlungsstand", "Note (%)"), head);
      assertEquals(7, sheet.getPhysicalNumberOfRows(), "header, five in A (the waiting one too), Bea in B");
      var juergen = sheet.getRow(2);
      assertEquals("Größe", juergen.getCell(0).getStringCellValue());
      assertEquals("Externe", juergen.getCell(1).getStringCellValue());
      assertEquals("Bachelor", juergen.getCell(2).getStringCellValue());
      assertEquals(org.apache.poi.ss.usermodel.CellType.NUMERIC, juergen.getCell(3).getCellType());
      assertEquals(3.0, juergen.getCell(3).getNumericCellValue());
      assertEquals(60.0, juergen.getCell(4).getNumericCellValue());
      assertEquals(60.0, juergen.getCell(5).getNumericCellValue());
      assertEquals("bezahlt", juergen.getCell(6).getStringCellValue());
      assertEquals(84.0, juergen.getCell(7).getNumericCellValue());
      assertEquals("Brontë", sheet.getRow(1).getCell(0).getStringCellValue());
      assertEquals("teilweise bezahlt", sheet.getRow(1).getCell(6).getStringCellValue());
    }
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'export.xlsx' AND actor = 'boss'"));
  }

  @Test
  void gradeExportForTheCampusSystemHasDocumentedColumns() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    HttpResponse<String> r = boss.get("/admin/exports/grades.csv?course=" + A);
    assertEquals(200, r.statusCode(), r.body());
    List<String> lines = List.of(r.body().replace("\uFEFF", "").split("\r\n"));
    assertEquals("mail;lastName;firstName;language;course;cefr;grade;points;pointsMax;result;gradedAt", lines.get(0));
    assertTrue(lines.contains("juergen@example.org;Größe;Jürgen;Offen;A1 1;B1;84;42;50;passed;2026-12-18"), lines.toString());
    assertTrue(lines.contains("zoe@example.org;Brontë;Zoë;Offen;A1 1;B1;;;;attended;"), lines.toString());
    assertEquals(5, lines.size(), "header and the four confirmed, not the waiting one");
  }

  @Test
  void exportDoorsCheckTheRoleAndTheInput() throws Exception {
    StaffClient teacher = staff.login("teach", "teach@uni.example");
    StaffClient otherAdmin = staff.login("cadmin", "cadmin@uni.example");
    StaffClient boss = staff.login("boss", "boss@uni.example");
    StaffClient applicant = staff.login("student-" + System.nanoTime(), "student@uni.example");
    String courseA = "/admin/exports/file?format=csv&column=mail&course=" + A;
    assertEquals(401, StaffClient.anonymous(base).getJson(courseA).statusCode());
    assertEquals(403, applicant.get(courseA).statusCode());
    assertEquals(403, teacher.get("/admin/exports").statusCode(), "teachers do not export");
    assertEquals(403, teacher.get(courseA).statusCode());
    assertEquals(403, otherAdmin.get(courseA).statusCode(), "another course's admin");
    assertEquals(403, otherAdmin.get("/admin/exports/file?format=csv&column=mail&all=1").statusCode(), "the whole semester: superusers");
    assertEquals(403, otherAdmin.get("/admin/exports/grades.csv?course=" + A).statusCode());
    HttpResponse<String> own = otherAdmin.get("/admin/exports/file?format=csv&column=mail&language=1");
    assertEquals(200, own.statusCode(), "a language: the courses of it one manages");
    assertTrue(own.body().contains("bea@example.org") && !own.body().contains("juergen@"), own.body());
    assertEquals(200, otherAdmin.get("/admin/exports").statusCode());
    assertEquals(422, boss.get("/admin/exports/file?format=csv&column=matriculation&course=" + A).statusCode());
    assertEquals(422, boss.get("/admin/exports/file?format=pdf&column=mail&course=" + A).statusCode());
    assertEquals(422, boss.get("/admin/exports/file?format=csv&column=mail").statusCode());
    HttpResponse<String> all = boss.get("/admin/exports/file?format=csv&column=mail&column=course&all=1");
    assertEquals(200, all.statusCode());
    assertTrue(all.body().contains("bea@example.org") && all.body().contains("juergen@example.org"));
  }

  // --- statistics -------------------------------------------------------------------------------

  @Test
  void statisticsNumbersMatchTheDatabase() throws Exception {
    StaffClient boss = staff.login("boss", "boss@uni.example");
    HttpResponse<String> csv = boss.get("/admin/stats.csv?lang=de");
    assertEquals(200, csv.statusCode());
    List<String> lines = List.of(csv.body().replace("\uFEFF", "").split("\r\n"));
    for (long course : List.of(A, B)) {
      String expected = sql.one("SELECT 'course;' || l.name_de || ' ' || c.level || ' ' || c.alternative || ';' || c.seats || ';'"
        + " || count(t.id) FILTER (WHERE t.state = 'confirmed') || ';' || greatest(0, c.seats - count(t.id) FILTER (WHERE t.state = 'confirmed'))"
        + " || ';' || count(t.id) FILTER (WHERE t.state IN ('waiting', 'offered')) || ';' || count(t.id) FILTER (WHERE t.state = 'pool')"
        + " FROM course c JOIN language l ON l.id = c.language_id LEFT JOIN attendance t ON t.course_id = c.id WHERE c.id = " + course + " GROUP BY l.id, c.id");
      assertTrue(lines.contains(expected), expected + " in " + lines);
    }
    assertTrue(lines.contains("course;Offen A1 1;2;4;0;1;0"), "the seeded numbers themselves: " + lines);
    assertTrue(lines.contains("origin;Externe;" + sql.one("SELECT count(DISTINCT applicant_id) FROM attendance WHERE state <> 'cancelled'")), lines.toString());
    assertTrue(lines.contains("degree;Bachelor;1") && lines.contains("semester;3;1"), lines.toString());
    assertTrue(lines.contains("payments;count;" + sql.one("SELECT count(*) FROM payment")));
    assertTrue(lines.contains("payments;received-euro-cents;" + sql.one("SELECT sum(amount_cents) FROM payment")));
    assertTrue(lines.contains("payments;open-euro-cents;"
      + sql.one("SELECT sum(fee_cents - amount_paid_cents) FROM attendance WHERE state = 'confirmed' AND amount_paid_cents < fee_cents")));
    assertTrue(lines.contains("payments;unpaid-attendances;4"), lines.toString());
    long perMinute = lines.stream().filter(l -> l.startsWith("signups-per-minute;")).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(';') + 1))).sum();
    assertEquals(sql.count("SELECT count(*) FROM attendance"), perMinute, "every seeded signup is in the opening hour");

    HttpResponse<String> page = boss.get("/admin/stats?lang=de");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<svg") && page.body().contains("<title>Plätze je Kurs (belegt / gesamt)</title>"), "charts drawn on the server");
    assertTrue(page.body().contains("<td>Offen A1 1</td><td>2</td><td>4</td><td>0</td><td>1</td><td>0</td>"), "and each as a table");
    assertFalse(page.body().contains("<script src=\"http"), "no chart script from elsewhere");
    assertEquals(403, staff.login("cadmin", "cadmin@uni.example").get("/admin/stats").statusCode());
    assertEquals(403, staff.login("teach", "teach@uni.example").get("/admin/stats.csv").statusCode());
    assertEquals(401, StaffClient.anonymous(base).getJson("/admin/stats").statusCode());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Fetches a PDF, checks it is one and has the pages expected (-1: any), and returns its text. */
  private static String pdfText(StaffClient s, String path, int pages) throws Exception {
    HttpResponse<byte[]> r = s.getBytes(path);
    assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
    assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
    try (PDDocument doc = Loader.loadPDF(r.body())) {
      if (pages >= 0) assertEquals(pages, doc.getNumberOfPages(), path);
      return new PDFTextStripper().getText(doc);
    }
  }
}
