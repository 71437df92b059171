package org.opensignup.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.SeatCommand;
import org.opensignup.db.Database;
import org.opensignup.mail.Outbox;
import org.opensignup.support.Db;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.jobs.ScheduledJobsTest.applicant;

/** A run whose lease was taken over, or lapsed, writes nothing more (retention and reminders). */
class LeaseFencingTest {
  private static final SeatCommand.Fence RETENTION = new SeatCommand.Fence(JobsSettings.RETENTION, "node-a/1234abcd#1");
  private static final SeatCommand.Fence REMINDER = new SeatCommand.Fence(JobsSettings.REMINDER_UNPAID, "node-a/1234abcd#2");

  private Db db;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void setUp() {
    db = Db.fresh(Map.of());
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db.config);
  }

  @AfterEach
  void tearDown() {
    TestApp.await(pool.close());
    TestApp.await(vertx.close());
  }

  /** The lease row as the scheduler leaves it when {@code fence}'s run has claimed it. */
  private void leaseHeldBy(SeatCommand.Fence fence) {
    db.exec("INSERT INTO job_lease (job, holder, lease_until, last_tick) VALUES ('" + fence.job() + "', '" + fence.holder()
      + "', now() + interval '1 minute', now() - interval '1 day') ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until");
  }

  private void takenOverBy(String job, String holder) {
    db.exec("UPDATE job_lease SET holder = '" + holder + "', lease_until = now() + interval '1 minute' WHERE job = '" + job + "'");
  }

  private static Throwable failure(io.vertx.core.Future<?> f) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestApp.await(f));
    return e.getCause();
  }

  private long anonymised() {
    return db.count("SELECT count(*) FROM applicant WHERE anonymised_at IS NOT NULL");
  }

  @Test
  void retentionWhoseLeaseWasTakenOverBeforeTheWriteAnonymisesNobodyAndPrunesNothing() {
    for (int i = 0; i < 3; i++) applicant(db, "old" + i + "@example.org", 500, false);
    db.exec("INSERT INTO harvest_run (source, started_at, finished_at, status) VALUES ('ancient', now() - interval '400 days', now() - interval '400 days', 'ok')");
    leaseHeldBy(RETENTION);
    takenOverBy(RETENTION.job(), "node-b/99999999#1");

    assertInstanceOf(JobScheduler.LeaseLostException.class, failure(new RetentionJob(pool, 400, 180).run(RETENTION)));
    assertEquals(0, anonymised());
    assertEquals(1, db.count("SELECT count(*) FROM harvest_run WHERE source = 'ancient'"), "run history not pruned either");
    assertEquals(0, db.count("SELECT count(*) FROM audit_log"));

    // the same run holding its lease does write: the check above is what stopped it
    leaseHeldBy(RETENTION);
    JsonObject done = TestApp.await(new RetentionJob(pool, 400, 180).run(RETENTION));
    assertEquals(3, done.getInteger("anonymised"));
    assertEquals(1, done.getInteger("runsPruned"));
  }

  @Test
  void retentionWhoseLeaseIsTakenOverMidRunStopsAfterTheBatchThatHeldIt() {
    for (int i = 0; i < 3; i++) applicant(db, "old" + i + "@example.org", 500, false);
    db.exec("INSERT INTO harvest_run (source, started_at, finished_at, status) VALUES ('ancient', now() - interval '400 days', now() - interval '400 days', 'ok')");
    leaseHeldBy(RETENTION);
    // another node takes the lease over as soon as the first batch has written (inside that batch's
    // transaction, which still held the lease when it checked)
    db.exec("""
      CREATE FUNCTION steal_retention_lease() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE job_lease SET holder = 'node-b/99999999#1' WHERE job = 'retention';
        RETURN NULL;
      END $$""");
    db.exec("CREATE TRIGGER steal AFTER UPDATE ON applicant FOR EACH STATEMENT EXECUTE FUNCTION steal_retention_lease()");

    assertInstanceOf(JobScheduler.LeaseLostException.class, failure(new RetentionJob(pool, 400, 180, 1).run(RETENTION)));
    assertEquals(1, anonymised(), "the first batch, written under the lease, stays; no batch after the takeover");
    assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE actor = 'retention'"));
    assertEquals(1, db.count("SELECT count(*) FROM harvest_run WHERE source = 'ancient'"), "not pruned after the takeover");
  }

  @Test
  void reminderRunWithoutItsLeaseWritesNoMail() {
    db.exec("INSERT INTO language (name_de, name_en) VALUES ('Schwedisch', 'Swedish')");
    db.exec("INSERT INTO course (language_id, level, seats, price_cents, confirmed_count) "
      + "SELECT id, 'Schwedisch A1', 10, 5000, 1 FROM language WHERE name_de = 'Schwedisch'");
    long unpaid = applicant(db, "unpaid@example.org", 20, false);
    db.exec("INSERT INTO attendance (applicant_id, course_id, state, fee_cents, amount_paid_cents, secret, confirmed_at) "
      + "SELECT " + unpaid + ", id, 'confirmed', 5000, 0, 'secret-unpaid-0123456789', now() - interval '20 days' FROM course");
    UnpaidReminderJob job = new UnpaidReminderJob(vertx, pool, "https://signup.example.org", 14, 7);
    String reminders = "SELECT count(*) FROM mail_outbox WHERE kind = '" + Outbox.Kind.REMINDER_UNPAID + "'";

    leaseHeldBy(REMINDER);
    takenOverBy(REMINDER.job(), "node-b/99999999#5");
    assertInstanceOf(JobScheduler.LeaseLostException.class, failure(job.run(REMINDER)));
    assertEquals(0, db.count(reminders), "taken over: no mail");

    leaseHeldBy(REMINDER);
    db.exec("UPDATE job_lease SET lease_until = now() - interval '1 second' WHERE job = '" + REMINDER.job() + "'");
    assertInstanceOf(JobScheduler.LeaseLostException.class, failure(job.run(REMINDER)));
    assertEquals(0, db.count(reminders), "lapsed (still named, but no longer renewed): no mail");

    leaseHeldBy(REMINDER);
    assertEquals(1, TestApp.await(job.run(REMINDER)).getInteger("reminded"));
    assertEquals(1, db.count(reminders), "held: the mail is written");
  }
}
