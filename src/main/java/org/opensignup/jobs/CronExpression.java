package org.opensignup.jobs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression: minute hour day-of-month month day-of-week. Fields take {@code *},
 * numbers, ranges {@code a-b}, steps {@code *}/{@code n} or {@code a-b/n}, and comma lists; day-of-week
 * is 0-7 (0 and 7 are Sunday). As in classic cron, when both day fields are restricted a day matches
 * if either does.
 */
public final class CronExpression {
  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean dayRestricted;
  private final boolean weekdayRestricted;

  private CronExpression(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                         boolean dayRestricted, boolean weekdayRestricted) {
    this.text = text;
    this.minutes = minutes;
    this.hours = hours;
    this.days = days;
    this.months = months;
    this.weekdays = weekdays;
    this.dayRestricted = dayRestricted;
    this.weekdayRestricted = weekdayRestricted;
  }

  /** Parses the expression; an {@link IllegalArgumentException} says which field is wrong and why. */
  public static CronExpression parse(String text) {
    String[] f = text.strip().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday), got " + f.length + ": '" + text + "'");
    }
    BitSet weekdays = field(f[4], 0, 7, "day of week");
    // 7 is another name for Sunday
    if (weekdays.get(7)) {
      weekdays.set(0);
      weekdays.clear(7);
    }
    return new CronExpression(text.strip(), field(f[0], 0, 59, "minute"), field(f[1], 0, 23, "hour"),
      field(f[2], 1, 31, "day of month"), field(f[3], 1, 12, "month"), weekdays, !f[2].equals("*"), !f[4].equals("*"));
  }

  private static BitSet field(String spec, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",", -1)) {
      if (part.isEmpty()) throw new IllegalArgumentException(name + ": empty list element in '" + spec + "'");
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, name + " step");
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        from = number(range.substring(0, range.indexOf('-')), min, max, name);
        to = number(range.substring(range.indexOf('-') + 1), min, max, name);
        if (from > to) throw new IllegalArgumentException(name + ": range " + range + " runs backwards");
      } else {
        from = number(range, min, max, name);
        // "5/15" means from 5 to the end in steps of 15
        to = slash >= 0 ? max : from;
      }
      for (int i = from; i <= to; i += step) bits.set(i);
    }
    return bits;
  }

  private static int number(String s, int min, int max, String name) {
    try {
      int n = Integer.parseInt(s);
      if (n < min || n > max) throw new IllegalArgumentException(name + ": " + n + " is outside " + min + "-" + max);
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + s + "' is not a number");
    }
  }

  /** The first matching minute strictly after {@code after}, in the given zone. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate date = t.toLocalDate();
    LocalTime from = t.toLocalTime();
    ZoneId zone = after.getZone();
    // at most a few years ahead: "30 2 29 2 *" is rare but valid; an impossible one (31 Feb) gives up
    for (int i = 0; i < 366 * 8; i++) {
      if (months.get(date.getMonthValue()) && dayMatches(date)) {
        LocalTime time = firstTime(from);
        if (time != null) {
          ZonedDateTime candidate = ZonedDateTime.of(date, time, zone);
          // a time skipped by a DST gap is moved forward by the zone rules; still after "after"
          if (candidate.isAfter(after)) return candidate;
        }
      }
      date = date.plusDays(1);
      from = LocalTime.MIDNIGHT;
    }
    throw new IllegalStateException("cron expression '" + text + "' never matches");
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = days.get(date.getDayOfMonth());
    int dow = date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue();
    boolean dowMatch = weekdays.get(dow);
    if (dayRestricted && weekdayRestricted) return dom || dowMatch;
    return dom && dowMatch;
  }

  private LocalTime firstTime(LocalTime from) {
    for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
      int startMinute = h == from.getHour() ? from.getMinute() : 0;
      int m = minutes.nextSetBit(startMinute);
      if (m >= 0) return LocalTime.of(h, m);
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
