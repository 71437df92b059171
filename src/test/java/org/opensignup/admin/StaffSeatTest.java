package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Staff seat changes through the API end to end: the request goes through the signup pipeline
 * (SeatCommand), whose answers, counters and mails the test checks in the database: raising seats
 * promotes with mails, a move keeps counts and order right (also under concurrent signups), admit in
 * manual mode, remove without mail, add, and a dry-run draw writes nothing.
 */
class StaffSeatTest {
  private static final String BOOTSTRAP = "seat-bootstrap-" + Long.toHexString(System.nanoTime());
  private static Application app;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("admin.bootstrap-token", BOOTSTRAP, "mail.poll-ms", "200"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static StaffClient staff() {
    return StaffClient.bearer(base, BOOTSTRAP);
  }

  /** A signup through the public API; answers the attendance id. */
  private static long signup(long courseId, String mail) throws Exception {
    HttpResponse<String> r = StaffClient.anonymous(base).post("/api/signups", new JsonObject().put("courseId", courseId).put("mail", mail)
      .put("firstName", "Test").put("lastName", mail.substring(0, mail.indexOf('@'))).put("originId", SignupFixture.EXTERNAL).encode());
    assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.statusCode() + " " + r.body());
    return Long.parseLong(sql.one("SELECT t.id FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail = '" + mail
      + "' AND t.course_id = " + courseId + " AND t.state <> 'cancelled'"));
  }

  private static String state(long attendanceId) {
    return sql.one("SELECT state FROM attendance WHERE id = " + attendanceId);
  }

  /** The counters the pipeline keeps equal the rows. */
  private static void countsMatchRows(long courseId) {
    assertEquals(sql.one("SELECT count(*) FILTER (WHERE state = 'confirmed') || '/' || count(*) FILTER (WHERE state IN ('waiting', 'offered')) FROM attendance WHERE course_id = " + courseId),
      sql.one("SELECT confirmed_count || '/' || waiting_count FROM course WHERE id = " + courseId), "counters of course " + courseId);
  }

  private static void awaitMail(long attendanceId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sql.count("SELECT count(*) FROM mail_outbox WHERE attendance_id = " + attendanceId + " AND state = 'sent' AND kind NOT IN ('signup.confirmed', 'signup.waiting', 'signup.pool', 'signup.manual')") == 0) {
      assertTrue(System.nanoTime() < deadline, "a mail about the change is sent: " + sql.column("SELECT kind || ' ' || state FROM mail_outbox WHERE attendance_id = " + attendanceId));
      Thread.sleep(100);
    }
  }

  @Test
  void raisingSeatsPromotesTheWaitingAtOnceWithMailsAndLoweringBelowTheConfirmedIsRefused() throws Exception {
    long course = SignupFixture.OPEN_A1; // 2 seats, waiting list of 2
    signup(course, "r1@example.org");
    signup(course, "r2@example.org");
    long waiting = signup(course, "r3@example.org");
    assertEquals("waiting", state(waiting));

    HttpResponse<String> r = staff().patch("/api/admin/courses/" + course, "{\"seats\":3}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(3, new JsonObject(r.body()).getInteger("seats"));
    assertEquals("confirmed", state(waiting));
    countsMatchRows(course);
    awaitMail(waiting);
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE course_id = " + course + " AND actor = 'bootstrap-token'"), "the pipeline's audit row");

    HttpResponse<String> low = staff().patch("/api/admin/courses/" + course, "{\"seats\":1,\"schedule\":\"never written\"}");
    assertEquals(409, low.statusCode(), low.body());
    assertEquals("application/problem+json", low.headers().firstValue("Content-Type").orElse(""));
    assertEquals("3|", sql.one("SELECT seats || '|' || schedule FROM course WHERE id = " + course), "nothing of a refused patch is written");
  }

  @Test
  void moveKeepsCountsAndWaitingOrderRightUnderConcurrentSignups() throws Exception {
    long from = SignupFixture.OPEN_BIG2, to = SignupFixture.OPEN_SMALL; // 1000 seats; 25 seats with a waiting list
    List<Long> movers = new ArrayList<>();
    for (int i = 0; i < 10; i++) movers.add(signup(from, "mv" + i + "@example.org"));
    for (int i = 0; i < 20; i++) signup(to, "stay" + i + "@example.org");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        int n = i;
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            signup(to, "rush" + n + "@example.org");
            return 201;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      for (long m : movers) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            return staff().post("/api/admin/attendances/" + m + "/move", "{\"courseId\":" + to + ",\"notify\":false}").statusCode();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      for (CompletableFuture<Integer> c : calls) assertEquals(200, c.get() == 201 ? 200 : c.get());
    } finally {
      pool.shutdown();
    }
    countsMatchRows(from);
    countsMatchRows(to);
    assertEquals(25, sql.count("SELECT count(*) FROM attendance WHERE state = 'confirmed' AND course_id = " + to));
    assertEquals(45, sql.count("SELECT count(*) FROM attendance WHERE state IN ('confirmed', 'waiting') AND course_id = " + to));
    assertEquals(0, sql.count("SELECT count(*) FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail LIKE 'mv%' AND t.course_id = " + from + " AND t.state <> 'cancelled'"));
    // nobody waiting arrived before someone who got a seat (the waiting list is in arrival order)
    assertEquals(0, sql.count("SELECT count(*) FROM attendance w, attendance c WHERE w.course_id = " + to + " AND c.course_id = " + to
      + " AND w.state = 'waiting' AND c.state = 'confirmed' AND w.arrival < c.arrival"));
  }

  @Test
  void admitInManualModeRemoveWithoutMailAndAddThroughThePipeline() throws Exception {
    long manual = signup(SignupFixture.MANUAL_COURSE, "manual@example.org");
    assertNotEquals("confirmed", state(manual), "manual mode gives no seat by itself");
    HttpResponse<String> admitted = staff().post("/api/admin/attendances/" + manual + "/admit", "{\"notify\":true}");
    assertEquals(200, admitted.statusCode(), admitted.body());
    assertEquals("confirmed", new JsonObject(admitted.body()).getString("state"));
    assertEquals("confirmed", state(manual));
    countsMatchRows(SignupFixture.MANUAL_COURSE);
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'staff.admitted' AND attendance_id = " + manual));

    long mails = sql.count("SELECT count(*) FROM mail_outbox WHERE attendance_id = " + manual);
    HttpResponse<String> removed = staff().delete("/api/admin/attendances/" + manual + "?notify=false");
    assertEquals(200, removed.statusCode(), removed.body());
    assertEquals("cancelled", state(manual));
    assertEquals(mails, sql.count("SELECT count(*) FROM mail_outbox WHERE attendance_id = " + manual), "no mail when told not to");
    countsMatchRows(SignupFixture.MANUAL_COURSE);

    long applicant = Long.parseLong(sql.one("SELECT applicant_id FROM attendance WHERE id = " + manual));
    HttpResponse<String> added = staff().post("/api/admin/courses/" + SignupFixture.OPEN_FREE + "/attendances", "{\"applicantId\":" + applicant + ",\"notify\":false}");
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("confirmed", new JsonObject(added.body()).getString("state"));
    countsMatchRows(SignupFixture.OPEN_FREE);
    assertEquals(404, staff().post("/api/admin/attendances/99999999/admit", "{}").statusCode());
  }

  @Test
  void dryRunDrawShowsTheOutcomeAndWritesNothing() throws Exception {
    List<Long> pool = new ArrayList<>();
    for (int i = 0; i < 5; i++) pool.add(signup(SignupFixture.LOTTERY_COURSE, "lot" + i + "@example.org"));
    for (long p : pool) assertEquals("pool", state(p));
    String before = sql.one("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM attendance WHERE course_id = " + SignupFixture.LOTTERY_COURSE);
    long mails = sql.count("SELECT count(*) FROM mail_outbox");
    HttpResponse<String> r = staff().post("/api/admin/languages/2/draw", "{\"dryRun\":true,\"seed\":42}");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject draw = new JsonObject(r.body()).getJsonObject("detail").getJsonArray("draws").getJsonObject(0);
    assertEquals(5, draw.getInteger("pool"), draw.encode());
    assertEquals(3, draw.getInteger("confirmed"), draw.encode());
    assertEquals(before, sql.one("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM attendance WHERE course_id = " + SignupFixture.LOTTERY_COURSE));
    assertEquals(0, sql.count("SELECT count(*) FROM lottery_draw WHERE language_id = 2"));
    assertEquals(mails, sql.count("SELECT count(*) FROM mail_outbox"));
  }
}
