package org.opensignup.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The periodic housekeeping on one {@link JobScheduler}: retention and unpaid-fee reminders on their
 * schedules, the lottery draw and offer expiry every signup.jobs-interval-seconds. Deployed once per
 * process; with several processes (or instances) the job leases let each tick run once in all.
 */
public final class JobsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(JobsVerticle.class);

  private Pool pool;
  private JobScheduler scheduler;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    JobsSettings settings = JobsSettings.from(config);
    pool = Database.pool(vertx, config);
    scheduler = new JobScheduler(vertx, pool, settings.poll(), settings.lease());

    RetentionJob retention = new RetentionJob(pool, settings.anonymiseAfterDays(), settings.keepRunsDays());
    scheduler.register(JobsSettings.RETENTION, settings.retentionSchedule(),
      () -> retention.run(scheduler.fence(JobsSettings.RETENTION)));
    UnpaidReminderJob reminders = new UnpaidReminderJob(vertx, pool, config.publicUrl(), settings.unpaidAfterDays(),
      settings.unpaidEveryDays());
    scheduler.register(JobsSettings.REMINDER_UNPAID, settings.reminderSchedule(),
      () -> reminders.run(scheduler.fence(JobsSettings.REMINDER_UNPAID)));
    org.opensignup.admin.ExportJobs exports = new org.opensignup.admin.ExportJobs(pool);
    scheduler.register(JobsSettings.EXPORT_CLEANUP, Schedule.every(java.time.Duration.ofMinutes(15)),
      () -> exports.cleanup(conn -> JobScheduler.checkLease(conn, scheduler.fence(JobsSettings.EXPORT_CLEANUP))));

    // every few seconds: unrecorded, or they would flood the run history
    Schedule seatTick = Schedule.every(settings.seatJobsInterval());
    for (SeatJob job : List.of(SeatJob.lotteryDraw(vertx, settings.seatRequestTimeout()), SeatJob.offerExpiry(vertx, settings.seatRequestTimeout()))) {
      scheduler.registerUnrecorded(job.job(), seatTick, () -> job.run(scheduler.fence(job.job())));
    }
    return scheduler.start().onSuccess(v -> log.info("jobs {} on scheduler {}", scheduler.names(), scheduler.id()));
  }

  /** The scheduler of this instance (tests). */
  public JobScheduler scheduler() {
    return scheduler;
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = scheduler == null ? Future.succeededFuture() : scheduler.stop();
    return stopped.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
