package org.opensignup.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a job is due, computed from the end of its previous run (stored as job_lease.last_tick). */
public sealed interface Schedule {
  /** The next due time after a run that ended at {@code lastTick}; null = never. */
  Instant next(Instant lastTick);

  /** Whether a job never run before is due at once (intervals) or waits for its first slot (cron). */
  boolean dueAtStart();

  /** Every {@code interval}, measured from the end of the previous run so an overrun cannot pile up. */
  record Every(Duration interval) implements Schedule {
    public Every {
      if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("an interval must be positive");
    }

    @Override public Instant next(Instant lastTick) { return lastTick.plus(interval); }
    @Override public boolean dueAtStart() { return true; }
    @Override public String toString() { return format(interval); }
  }

  /** At the slots of a cron expression in a time zone; slots missed while a run overran are skipped. */
  record Cron(CronExpression expression, ZoneId zone) implements Schedule {
    @Override public Instant next(Instant lastTick) { return expression.next(lastTick.atZone(zone)).toInstant(); }
    @Override public boolean dueAtStart() { return false; }
    @Override public String toString() { return expression.toString(); }
  }

  /** Only on demand (run-now, uploads). */
  record Never() implements Schedule {
    @Override public Instant next(Instant lastTick) { return null; }
    @Override public boolean dueAtStart() { return false; }
    @Override public String toString() { return "on demand"; }
  }

  static Schedule every(Duration interval) {
    return new Every(interval);
  }

  Pattern INTERVAL = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  /**
   * "15m", "30s", "2h", "1d", "500ms" are intervals; five space-separated fields are a cron
   * expression ("0 3 * * *" = daily at 03:00 in {@code zone}); "never" or "" = on demand only.
   */
  static Schedule parse(String text, ZoneId zone) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("never")) return new Never();
    Matcher m = INTERVAL.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      if (d.isZero()) throw new IllegalArgumentException("an interval must be positive, got '" + text + "'");
      return new Every(d);
    }
    if (t.contains(" ")) return new Cron(CronExpression.parse(t), zone);
    throw new IllegalArgumentException("expected an interval like 15m, 30s, 2h, 1d or a cron expression like '0 3 * * *', got '" + text + "'");
  }

  private static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
