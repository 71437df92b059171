package org.opensignup.jobs;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * The scheduled jobs' settings, checked together at start-up (AppConfig.validate calls {@link #validate}).
 * {@code seatJobsInterval} paces the lottery draw and offer expiry (signup.jobs-interval-seconds);
 * {@code seatRequestTimeout} is how long such a tick waits for the signup verticle's answer: half the
 * lease, so the lease claimed for the tick outlives the request even if no renewal gets through.
 */
public record JobsSettings(Duration poll, Duration lease, ZoneId zone, int keepRunsDays,
                           Schedule retentionSchedule, int anonymiseAfterDays,
                           Schedule reminderSchedule, int unpaidAfterDays, int unpaidEveryDays,
                           Duration seatJobsInterval) {

  public static final String RETENTION = "retention";
  public static final String REMINDER_UNPAID = "reminder-unpaid";
  public static final String LOTTERY_DRAW = "lottery-draw";
  public static final String OFFER_EXPIRY = "offer-expiry";
  /** Drops the files of expired background exports (admin/ExportJobs). */
  public static final String EXPORT_CLEANUP = "export-cleanup";
  /** The built-in job names; their leases share job_lease with harvest sources, which may not take them. */
  public static final Set<String> NAMES = Set.of(RETENTION, REMINDER_UNPAID, LOTTERY_DRAW, OFFER_EXPIRY, EXPORT_CLEANUP);

  /** Registered in META-INF/services: runs {@link #validate} whenever a configuration is loaded. */
  public static final class Check implements org.opensignup.config.ConfigCheck {
    @Override
    public void check(AppConfig config) {
      validate(config);
    }
  }

  public static void validate(AppConfig config) {
    from(config);
  }

  public static JobsSettings from(AppConfig config) {
    Duration poll = Duration.ofMillis(config.integer("jobs.poll-ms", 20, 3_600_000));
    Duration lease = Duration.ofSeconds(config.integer("jobs.lease-seconds", 1, 86_400));
    ZoneId zone = zone(config);
    int keep = config.integer("harvest.keep-runs-days", 1, 100_000);
    Schedule retention = schedule(config, "retention.schedule", zone);
    int anonymiseAfter = config.integer("retention.anonymise-after-days", 0, 100_000);
    Schedule reminder = schedule(config, "reminder.unpaid-schedule", zone);
    int unpaidAfter = config.integer("reminder.unpaid-after-days", 0, 3650);
    int unpaidEvery = config.integer("reminder.unpaid-every-days", 1, 3650);
    Duration seatJobs = Duration.ofSeconds(config.integer("signup.jobs-interval-seconds", 1, 3600));
    return new JobsSettings(poll, lease, zone, keep, retention, anonymiseAfter, reminder, unpaidAfter, unpaidEvery, seatJobs);
  }

  /** Half the lease: see the class comment. */
  public Duration seatRequestTimeout() {
    return lease.dividedBy(2);
  }

  /** The time zone of cron expressions, shared with the harvest sources (harvest.time-zone). */
  public static ZoneId zone(AppConfig config) {
    try {
      return ZoneId.of(config.string("harvest.time-zone"));
    } catch (DateTimeException e) {
      throw new ConfigException("harvest.time-zone", "unknown time zone '" + config.string("harvest.time-zone") + "' (e.g. Europe/Berlin)");
    }
  }

  private static Schedule schedule(AppConfig config, String key, ZoneId zone) {
    try {
      return Schedule.parse(config.string(key), zone);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }
}
