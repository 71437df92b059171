package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.mail.Outbox;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.signup.SignupApiClient.applicant;
import static org.opensignup.support.TestApp.await;
import static org.opensignup.support.TestApp.awaitFailure;

/**
 * Every seat change through the one pipeline (SeatCommand): staff actions with mails, counts recounted from
 * the rows, audit rows; the lottery decided on the database's clock after the locks; nothing waits forever.
 */
@ExtendWith(VertxExtension.class)
class SeatPipelineTest {
  private static Application app;
  private static Sql sql;
  private static SignupApiClient api;

  @BeforeAll
  static void start(Vertx vertx) {
    app = TestApp.start(Map.of("signup.lock-timeout-ms", "3000", "signup.jobs-interval-seconds", "3600"));
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    api = new SignupApiClient(vertx, app.config().httpPort());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject seat(SeatCommand cmd) {
    return await(app.vertx().eventBus().<JsonObject>request(Bus.SEAT_COMMAND, cmd.toJson())).body();
  }

  private static ReplyException refused(SeatCommand cmd) {
    return (ReplyException) awaitFailure(app.vertx().eventBus().request(Bus.SEAT_COMMAND, cmd.toJson()));
  }

  private static long attendance(String mail, long course) {
    return Long.parseLong(sql.one("SELECT a.id FROM attendance a JOIN applicant p ON p.id = a.applicant_id WHERE p.mail_key = '"
      + mail + "' AND a.course_id = " + course));
  }

  private static String counts(long course) {
    return sql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + course);
  }

  private static String rowCounts(long course) {
    return sql.one("SELECT count(*) FILTER (WHERE state IN ('confirmed', 'offered')) || '|' || count(*) FILTER (WHERE state = 'waiting')"
      + " FROM attendance WHERE course_id = " + course);
  }

  @Test
  void raisingSeatsPromotesTheWaitingAtOnceWithMailsAndAnAuditRow() {
    sql.exec("UPDATE course SET seats = 1 WHERE id = " + SignupFixture.OPEN_NO_WAITLIST,
      "UPDATE course SET has_waiting_list = true WHERE id = " + SignupFixture.OPEN_NO_WAITLIST);
    for (int i = 0; i < 4; i++) assertEquals(201, api.signup(applicant(SignupFixture.OPEN_NO_WAITLIST, "raise" + i + "@example.org")).statusCode());
    assertEquals("1|3", counts(SignupFixture.OPEN_NO_WAITLIST));

    JsonObject r = seat(new SeatCommand.SetSeats(SignupFixture.OPEN_NO_WAITLIST, 3, "Sam Staff"));
    assertEquals(2, r.getJsonObject("detail").getInteger("promoted"));
    assertEquals("3|1", counts(SignupFixture.OPEN_NO_WAITLIST));
    assertEquals("confirmed", sql.one("SELECT state FROM attendance WHERE id = " + attendance("raise1@example.org", SignupFixture.OPEN_NO_WAITLIST)),
      "the oldest waiting entries get the new seats");
    assertEquals("waiting", sql.one("SELECT state FROM attendance WHERE id = " + attendance("raise3@example.org", SignupFixture.OPEN_NO_WAITLIST)));
    assertEquals(2, sql.count("SELECT count(*) FROM mail_outbox m JOIN attendance a ON a.id = m.attendance_id WHERE m.kind = '"
      + Outbox.Kind.PROMOTED + "' AND a.course_id = " + SignupFixture.OPEN_NO_WAITLIST));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'set-seats' AND actor = 'Sam Staff' AND after->>'seats' = '3'"));

    ReplyException below = refused(new SeatCommand.SetSeats(SignupFixture.OPEN_NO_WAITLIST, 2, "Sam Staff"));
    assertEquals(409, below.failureCode(), "fewer seats than confirmed is refused");
  }

  @Test
  void aMoveKeepsBothCoursesCountsRightAndPromotesInTheOldCourse() {
    long from = SignupFixture.OPEN_A1;     // 2 seats, waiting cap 2
    long to = SignupFixture.OPEN_A1_PARALLEL;
    for (int i = 0; i < 3; i++) assertEquals(201, api.signup(applicant(from, "mover" + i + "@example.org")).statusCode());
    assertEquals("2|1", counts(from));
    long moving = attendance("mover0@example.org", from);

    JsonObject r = seat(new SeatCommand.Move(moving, to, true, "Sam Staff"));
    assertEquals("confirmed", r.getString("state"));
    assertEquals(rowCounts(from), counts(from));
    assertEquals(rowCounts(to), counts(to));
    assertEquals("2|0", counts(from), "the waiting entry took the freed seat");
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'staff.moved' AND payload->'fromCourse'->>'name' = 'A1 1'"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'move' AND entity_id = " + moving));

    assertEquals(409, refused(new SeatCommand.Move(moving, to, true, "Sam Staff")).failureCode(), "already in that course");
  }

  @Test
  void manualModeGivesSeatsOnlyByAdmitAndTheWaitingListHasItsCap() {
    long course = SignupFixture.MANUAL_COURSE; // 10 seats, cap 3 x 10
    sql.exec("UPDATE course SET seats = 1, waiting_cap_factor = 2 WHERE id = " + course);
    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> r = api.signup(applicant(course, "manual" + i + "@example.org"));
      assertEquals("waiting", r.bodyAsJsonObject().getString("state"));
    }
    HttpResponse<Buffer> over = api.signup(applicant(course, "manual-over@example.org"));
    assertEquals(409, over.statusCode(), "the cap (2 x 1 seat) holds in manual mode too: " + over.bodyAsString());
    assertEquals("signup.error.full", over.bodyAsJsonObject().getString("code"));

    long first = attendance("manual0@example.org", course);
    assertEquals("confirmed", seat(new SeatCommand.Admit(first, true, "Sam Staff")).getString("state"));
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'staff.admitted'"));
    long second = attendance("manual1@example.org", course);
    assertEquals(409, refused(new SeatCommand.Admit(second, true, "Sam Staff")).failureCode(), "no free seat left");
    assertEquals("1|1", counts(course));
  }

  @Test
  void addAndRemoveByStaffRecountAndMailOnlyWhenAsked() {
    assertEquals(201, api.signup(applicant(SignupFixture.OPEN_BIG, "added@example.org")).statusCode());
    long applicantId = Long.parseLong(sql.one("SELECT id FROM applicant WHERE mail_key = 'added@example.org'"));
    JsonObject added = seat(new SeatCommand.Add(applicantId, SignupFixture.OPEN_FREE, false, "Sam Staff"));
    assertEquals("confirmed", added.getString("state"));
    assertEquals(0, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'staff.added'"), "no mail when not asked");
    JsonObject removed = seat(new SeatCommand.Remove(added.getLong("attendanceId"), true, "Sam Staff"));
    assertEquals("cancelled", removed.getString("state"));
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'staff.removed'"));
    assertEquals(rowCounts(SignupFixture.OPEN_FREE), counts(SignupFixture.OPEN_FREE));
  }

  @Test
  void aDeclinedOfferGetsItsOwnMailNotTheSignOffOne() {
    sql.exec("UPDATE course SET seats = 1 WHERE id = " + SignupFixture.OPEN_SMALL);
    HttpResponse<Buffer> holder = api.signup(applicant(SignupFixture.OPEN_SMALL, "holder@example.org"));
    HttpResponse<Buffer> next = api.signup(applicant(SignupFixture.OPEN_SMALL, "next@example.org"));
    assertEquals("waiting", next.bodyAsJsonObject().getString("state"));
    // an offer, made by hand here so the test needs no offer-hours setting
    long nextId = attendance("next@example.org", SignupFixture.OPEN_SMALL);
    seat(new SeatCommand.SignOff(holder.bodyAsJsonObject().getString("secret")));
    assertEquals("confirmed", sql.one("SELECT state FROM attendance WHERE id = " + nextId));
    sql.exec("UPDATE attendance SET state = 'offered', offer_expires_at = now() + interval '1 hour' WHERE id = " + nextId);
    seat(new SeatCommand.Decline(next.bodyAsJsonObject().getString("secret")));
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'waiting.offer-declined' AND attendance_id = " + nextId));
    assertEquals(0, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'signup.signed-off' AND attendance_id = " + nextId));
  }

  @Test
  void anExpiredOfferPassesOnWithTheExpiredMail() {
    sql.exec("UPDATE course SET seats = 1 WHERE id = " + SignupFixture.OPEN_BIG2);
    api.signup(applicant(SignupFixture.OPEN_BIG2, "slow@example.org"));
    long slow = attendance("slow@example.org", SignupFixture.OPEN_BIG2);
    sql.exec("UPDATE attendance SET state = 'offered', offer_expires_at = now() - interval '1 second' WHERE id = " + slow);
    JsonObject r = seat(new SeatCommand.ExpireOffers(null));
    assertEquals(1, r.getJsonObject("detail").getInteger("expired"));
    assertEquals("cancelled", sql.one("SELECT state FROM attendance WHERE id = " + slow));
    assertEquals(1, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'waiting.offer-expired' AND attendance_id = " + slow));
  }

  @Test
  void aJobRunThatLostItsLeaseWritesNothing() {
    // the app's jobs verticle has created the row already: take it over as another node would
    sql.exec("INSERT INTO job_lease (job, holder, lease_until) VALUES ('offer-expiry', 'node-b', now() + interval '1 minute') "
      + "ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until");
    sql.exec("UPDATE course SET seats = 1 WHERE id = " + SignupFixture.OPEN_BIG3);
    api.signup(applicant(SignupFixture.OPEN_BIG3, "fenced@example.org"));
    long id = attendance("fenced@example.org", SignupFixture.OPEN_BIG3);
    sql.exec("UPDATE attendance SET state = 'offered', offer_expires_at = now() - interval '1 second' WHERE id = " + id);
    ReplyException lost = refused(new SeatCommand.ExpireOffers(new SeatCommand.Fence("offer-expiry", "node-a")));
    assertEquals(409, lost.failureCode());
    assertEquals("offered", sql.one("SELECT state FROM attendance WHERE id = " + id), "node-a no longer holds the lease: nothing written");
    seat(new SeatCommand.ExpireOffers(new SeatCommand.Fence("offer-expiry", "node-b")));
    assertEquals("cancelled", sql.one("SELECT state FROM attendance WHERE id = " + id), "the holder's run writes");
  }

  @Test
  void aDryRunDrawShowsTheResultAndWritesNothingTheDrawThenGivesTheSame() {
    long lang = 7;
    sql.exec("INSERT INTO language (id, name_de, name_en, signup_begin, lottery_end, fcfs_begin, signup_end) VALUES (" + lang
      + ", 'Dry', 'Dry', now() - interval '1 hour', now() + interval '1 hour', now() + interval '2 hours', now() + interval '1 day')",
      "INSERT INTO course (id, language_id, level, seats, waiting_cap_factor) VALUES (71, " + lang + ", 'D1', 2, 1)");
    for (int i = 0; i < 6; i++) assertEquals("pool", api.signup(applicant(71, "dry" + i + "@example.org")).bodyAsJsonObject().getString("state"));
    JsonObject dry = seat(new SeatCommand.Draw(lang, 99L, true, "Sam Staff", null)).getJsonObject("detail").getJsonArray("draws").getJsonObject(0);
    assertEquals(2, dry.getInteger("confirmed"));
    assertEquals(2, dry.getInteger("waiting"));
    assertEquals(2, dry.getInteger("lost"));
    assertEquals(6, sql.count("SELECT count(*) FROM attendance WHERE state = 'pool' AND course_id = 71"), "a dry run writes nothing");
    assertEquals(0, sql.count("SELECT count(*) FROM lottery_draw WHERE language_id = " + lang));

    JsonObject real = seat(new SeatCommand.Draw(lang, 99L, false, "Sam Staff", null)).getJsonObject("detail").getJsonArray("draws").getJsonObject(0);
    assertEquals(dry.getJsonArray("courses"), real.getJsonArray("courses"), "the same seed gives the same draw");
    assertEquals("2|2", counts(71));
    // after the draw no pool entry is taken, although the lottery window has not ended
    HttpResponse<Buffer> late = api.signup(applicant(71, "after-draw@example.org"));
    assertEquals(409, late.statusCode(), late.bodyAsString());
  }

  @Test
  void firstComeFirstServedOpensOnlyOnceTheDrawHasCommitted() {
    long lang = 8;
    sql.exec("INSERT INTO language (id, name_de, name_en, signup_begin, lottery_end, fcfs_begin, signup_end) VALUES (" + lang
      + ", 'NoPause', 'NoPause', now() - interval '1 hour', now() - interval '1 second', now() - interval '1 second', now() + interval '1 day')",
      "INSERT INTO course (id, language_id, level, seats) VALUES (81, " + lang + ", 'N1', 2)");
    HttpResponse<Buffer> early = api.signup(applicant(81, "early-fcfs@example.org"));
    assertEquals(409, early.statusCode(), "the pool waits for its draw, so nobody takes a seat before it: " + early.bodyAsString());
    assertEquals("signup.error.drawing", early.bodyAsJsonObject().getString("code"));
    seat(new SeatCommand.Draw(lang, 1L, false, null, null));
    assertEquals("confirmed", api.signup(applicant(81, "after-fcfs@example.org")).bodyAsJsonObject().getString("state"));
  }

  @Test
  void aSignupQueuedBehindTheDrawIsDecidedOnTheClockOfItsLocksAndNeverJoinsADrawnPool() throws Exception {
    long lang = 9;
    sql.exec("INSERT INTO language (id, name_de, name_en, signup_begin, lottery_end, fcfs_begin, signup_end) VALUES (" + lang
      + ", 'Race', 'Race', now() - interval '1 hour', now() + interval '1 second', now() + interval '1 day', now() + interval '2 days')",
      "INSERT INTO course (id, language_id, level, seats) VALUES (91, " + lang + ", 'R1', 5)");
    try (Connection draw = DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "")) {
      draw.setAutoCommit(false);
      // a draw in progress holds the language and its courses
      draw.createStatement().execute("SELECT id FROM language WHERE id = " + lang + " FOR UPDATE");
      draw.createStatement().execute("SELECT id FROM course WHERE language_id = " + lang + " FOR UPDATE");
      Future<HttpResponse<Buffer>> queued = api.signupAsync(applicant(91, "queued@example.org"));
      // the lottery window ends while the signup waits for the locks; then the draw commits
      while (!sql.one("SELECT (now() > lottery_end)::text FROM language WHERE id = " + lang).startsWith("t")) {
        Thread.sleep(20); // polling the database's clock, not a fixed wait
      }
      draw.createStatement().execute("UPDATE language SET lottery_drawn_at = now() WHERE id = " + lang);
      draw.commit();
      HttpResponse<Buffer> answer = await(queued);
      assertEquals(409, answer.statusCode(), "decided after the locks, when the pool was drawn: " + answer.bodyAsString());
    }
    assertEquals(0, sql.count("SELECT count(*) FROM attendance WHERE course_id = 91 AND state = 'pool'"), "no pool row after the draw");
  }

  @Test
  void oneRequestTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsAccepted() {
    io.vertx.sqlclient.Pool pool = org.opensignup.db.Database.pool(app.vertx(), app.config());
    try {
      SignupStore store = new SignupStore(pool, org.opensignup.auth.TagHasher.from(app.config()), new Allocator.Limits(2),
        new MailModel.Terms("http://x", 3, 14), new SeatChanges.Timeouts(2000, 10000));
      java.util.List<SignupRequest> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        // number 20 slipped past the door (built directly): its address breaks the database's check
        String mail = i == 20 ? "no-at-sign" : "batch" + i + "@example.org";
        batch.add(new SignupRequest(SignupFixture.OPEN_BIG, mail, "Bat", "Ch", null, SignupFixture.EXTERNAL, null, null, null, "en",
          null, null, false));
      }
      SignupStore.Result result = await(store.process(batch));
      for (int i = 0; i < 40; i++) {
        Outcome o = result.outcomes().get(i);
        if (i == 20) assertEquals(422, ((Outcome.Refused) o).status(), "the culprit gets a 4xx");
        else assertInstanceOf(Outcome.Accepted.class, o, "request " + i + " is not harmed by another");
      }
      assertEquals(39, sql.count("SELECT count(*) FROM applicant WHERE mail_key LIKE 'batch%'"));
      assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail = 'no-at-sign'"), "nothing half-written");
    } finally {
      await(pool.close());
    }
  }

  @Test
  void aStuckTransactionMakesSignupsAnswer503WithRetryAfterNotWaitForever() throws Exception {
    try (Connection stuck = DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "")) {
      stuck.setAutoCommit(false);
      stuck.createStatement().execute("SELECT id FROM course WHERE id = " + SignupFixture.OPEN_A2_COLLIDES + " FOR UPDATE");
      HttpResponse<Buffer> r = api.signup(applicant(SignupFixture.OPEN_A2_COLLIDES, "stuck@example.org"));
      assertEquals(503, r.statusCode(), r.bodyAsString());
      assertNotNull(r.getHeader("Retry-After"));
      stuck.rollback();
    }
    assertEquals(201, api.signup(applicant(SignupFixture.OPEN_A2_COLLIDES, "stuck@example.org")).statusCode(), "and it works once the lock is gone");
  }
}
