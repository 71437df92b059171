package org.opensignup.harvest;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.Bus;
import org.opensignup.db.Database;
import org.opensignup.mail.Outbox;
import org.opensignup.support.TestApp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The retention and unpaid-fee reminder jobs against real PostgreSQL. */
class ScheduledJobsTest {
  private static Vertx vertx;
  private static Db db;
  private static Pool pool;

  @BeforeAll
  static void setUp() {
    db = Db.fresh(Map.of());
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db.config);
  }

  @AfterAll
  static void tearDown() {
    TestApp.await(pool.close());
    TestApp.await(vertx.close());
  }

  private static long applicant(String mail, int daysSinceSignup, boolean anonymised) {
    db.exec("INSERT INTO applicant (mail, mail_key, first_name, last_name, phone, tag_hash, last_signup_at, anonymised_at) VALUES ('" + mail
      + "', '" + mail + "', 'Ada', 'Lovelace', '+49 721 1', decode(md5('" + mail + "') || md5('" + mail + "'), 'hex'), now() - interval '"
      + daysSinceSignup + " days', " + (anonymised ? "now() - interval '1 day'" : "NULL") + ")");
    return db.count("SELECT id FROM applicant WHERE mail = '" + mail + "'");
  }

  @Test
  void retentionAnonymisesOnlyApplicantsWhoseLastSignupIsOld() {
    long old = applicant("old@example.org", 500, false);
    long recent = applicant("recent@example.org", 10, false);
    long done = applicant("done@example.org", 900, true);
    db.exec("INSERT INTO mail_outbox (lane, kind, recipient, payload, applicant_id, state, sent_at) VALUES "
      + "('transactional', 'signup.confirmed', 'old@example.org', '{\"firstName\":\"Ada\"}', " + old + ", 'sent', now()), "
      + "('bulk', 'bulk', 'old@example.org', '{\"firstName\":\"Ada\"}', " + old + ", 'pending', NULL)");
    db.exec("INSERT INTO harvest_run (source, started_at, finished_at, status) VALUES ('ancient', now() - interval '400 days', now() - interval '400 days', 'ok')");

    JsonObject result = TestApp.await(new RetentionJob(pool, 400, 180).run());
    assertEquals(1, result.getInteger("anonymised"), result.encode());
    assertEquals(1, result.getInteger("runsPruned"));

    Map<String, Object> a = db.rows("SELECT mail, first_name, last_name, phone, tag_hash, anonymised_at FROM applicant WHERE id = " + old).get(0);
    assertEquals("anonymised-" + old + "@anonymised.invalid", a.get("mail"));
    assertEquals("–", a.get("first_name"));
    assertEquals("–", a.get("last_name"));
    assertNull(a.get("phone"));
    assertNull(a.get("tag_hash"));
    assertNotNull(a.get("anonymised_at"));
    assertEquals("recent@example.org", db.rows("SELECT mail FROM applicant WHERE id = " + recent).get(0).get("mail"));
    assertEquals("done@example.org", db.rows("SELECT mail FROM applicant WHERE id = " + done).get(0).get("mail"), "already anonymised: left alone");

    assertEquals(0, db.count("SELECT count(*) FROM mail_outbox WHERE recipient = 'old@example.org' OR (applicant_id = " + old + " AND payload <> '{}')"));
    assertEquals(0, db.count("SELECT count(*) FROM mail_outbox WHERE state = 'pending' AND applicant_id = " + old), "a pending mail to the person is not sent");
    assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE actor = 'retention' AND action = 'anonymise' AND entity = 'applicant' AND entity_id = " + old));
    assertEquals(0, TestApp.await(new RetentionJob(pool, 400, 180).run()).getInteger("anonymised"), "a second run finds nothing");
    assertEquals(0, TestApp.await(new RetentionJob(pool, 0, 180).run()).getInteger("anonymised"), "0 days turns it off");
  }

  @Test
  void unpaidFeesGetOneReminderPerPeriodInTheOutbox() {
    db.exec("INSERT INTO language (name_de, name_en) VALUES ('Schwedisch', 'Swedish')");
    db.exec("INSERT INTO course (language_id, level, alternative, seats, price_cents, confirmed_count) "
      + "SELECT id, 'Schwedisch A1', 'Mo', 10, 5000, 3 FROM language WHERE name_de = 'Schwedisch'");
    long course = db.count("SELECT id FROM course WHERE level = 'Schwedisch A1'");
    long unpaid = applicant("unpaid@example.org", 20, false);
    long paid = applicant("paid@example.org", 20, false);
    long fresh = applicant("fresh@example.org", 2, false);
    db.exec("UPDATE applicant SET locale = 'en' WHERE id = " + unpaid);
    String insert = "INSERT INTO attendance (applicant_id, course_id, state, fee_cents, amount_paid_cents, secret, confirmed_at) VALUES ";
    db.exec(insert + "(" + unpaid + ", " + course + ", 'confirmed', 5000, 1000, 'secret-unpaid-0123456789', now() - interval '20 days')");
    db.exec(insert + "(" + paid + ", " + course + ", 'confirmed', 5000, 5000, 'secret-paid-000123456789', now() - interval '20 days')");
    db.exec(insert + "(" + fresh + ", " + course + ", 'confirmed', 5000, 0, 'secret-fresh-00123456789', now() - interval '2 days')");

    AtomicInteger wakeups = new AtomicInteger();
    TestApp.await(vertx.eventBus().consumer(Bus.MAIL_WAKEUP, m -> wakeups.incrementAndGet()).completion());
    UnpaidReminderJob job = new UnpaidReminderJob(vertx, pool, "https://signup.example.org", 14, 7);
    assertEquals(1, TestApp.await(job.run()).getInteger("reminded"));
    List<Map<String, Object>> mails = db.rows("SELECT lane, kind, recipient, locale, payload::text AS payload FROM mail_outbox WHERE kind = '"
      + Outbox.Kind.REMINDER_UNPAID + "'");
    assertEquals(1, mails.size());
    Map<String, Object> m = mails.get(0);
    assertEquals("transactional", m.get("lane"));
    assertEquals("unpaid@example.org", m.get("recipient"));
    assertEquals("en", m.get("locale"));
    JsonObject payload = new JsonObject((String) m.get("payload"));
    assertEquals(4000, payload.getInteger("openCents"));
    assertEquals("Schwedisch A1 Mo", payload.getJsonObject("course").getString("name"));
    assertEquals("Swedish", payload.getJsonObject("course").getString("language"));
    assertEquals("https://signup.example.org/status/secret-unpaid-0123456789", payload.getString("statusUrl"));

    assertEquals(0, TestApp.await(job.run()).getInteger("reminded"), "not again within 7 days");
    db.exec("UPDATE mail_outbox SET created_at = now() - interval '8 days' WHERE kind = '" + Outbox.Kind.REMINDER_UNPAID + "'");
    assertEquals(1, TestApp.await(job.run()).getInteger("reminded"), "again after 7 days");
    long deadline = System.currentTimeMillis() + 2000;
    while (wakeups.get() < 2 && System.currentTimeMillis() < deadline) Thread.onSpinWait();
    assertEquals(2, wakeups.get(), "mail verticles are woken after each run that wrote mails");
  }
}
