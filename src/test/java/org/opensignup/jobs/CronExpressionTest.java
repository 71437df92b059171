package org.opensignup.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.*;

class CronExpressionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ZonedDateTime at(String local) {
    return java.time.LocalDateTime.parse(local).atZone(BERLIN);
  }

  private static String next(String cron, String after) {
    return CronExpression.parse(cron).next(at(after)).toLocalDateTime().toString();
  }

  @Test
  void dailyAtATimeFiresOncePerDay() {
    assertEquals("2025-03-10T03:00", next("0 3 * * *", "2025-03-10T02:59:30"));
    assertEquals("2025-03-11T03:00", next("0 3 * * *", "2025-03-10T03:00"));
  }

  @Test
  void stepsRangesAndListsMatch() {
    assertEquals("2025-03-10T10:15", next("*/15 * * * *", "2025-03-10T10:01"));
    assertEquals("2025-03-10T11:00", next("*/15 * * * *", "2025-03-10T10:45"));
    assertEquals("2025-03-10T09:05", next("5,35 9-17 * * *", "2025-03-10T08:00"));
    assertEquals("2025-03-10T17:35", next("5,35 9-17 * * *", "2025-03-10T17:05"));
    assertEquals("2025-03-11T09:05", next("5,35 9-17 * * *", "2025-03-10T17:35"));
    assertEquals("2025-03-10T10:20", next("20/20 * * * *", "2025-03-10T10:00"));
  }

  @Test
  void weekdaysAndSundayAsSevenMatch() {
    // 2025-03-10 is a Monday
    assertEquals("2025-03-14T08:00", next("0 8 * * 5", "2025-03-10T12:00"));
    assertEquals("2025-03-16T08:00", next("0 8 * * 7", "2025-03-10T12:00"));
    assertEquals("2025-03-16T08:00", next("0 8 * * 0", "2025-03-10T12:00"));
    assertEquals("2025-03-11T08:00", next("0 8 * * 1-5", "2025-03-10T12:00"));
  }

  @Test
  void dayOfMonthAndMonthMatchAndRestrictedDaysAreOred() {
    assertEquals("2025-04-01T00:00", next("0 0 1 * *", "2025-03-10T12:00"));
    assertEquals("2025-10-01T06:30", next("30 6 1 4,10 *", "2025-04-01T07:00"));
    assertEquals("2028-02-29T00:00", next("0 0 29 2 *", "2025-03-01T00:00"));
    // day 15 or any Friday, whichever comes first (classic cron)
    assertEquals("2025-03-14T00:00", next("0 0 15 * 5", "2025-03-10T12:00"));
  }

  @Test
  void aTimeInTheSpringGapIsMovedForward() {
    // 2025-03-30 02:30 does not exist in Berlin
    ZonedDateTime n = CronExpression.parse("30 2 * * *").next(at("2025-03-30T00:00"));
    assertTrue(n.isAfter(at("2025-03-30T00:00")));
    assertEquals(30, n.getDayOfMonth());
  }

  @Test
  void badExpressionsNameTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 3 * *")).getMessage().contains("5 fields"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("60 3 * * *")).getMessage().contains("minute"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 x * * *")).getMessage().contains("hour"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 3 5-1 * *")).getMessage().contains("backwards"));
    assertTrue(assertThrows(IllegalStateException.class, () -> CronExpression.parse("0 0 31 2 *").next(at("2025-01-01T00:00"))).getMessage().contains("never"));
  }

  @Test
  void schedulesParseIntervalsAndCron() {
    assertEquals(new Schedule.Every(Duration.ofMinutes(15)), Schedule.parse("15m", BERLIN));
    assertEquals(new Schedule.Every(Duration.ofMillis(500)), Schedule.parse("500ms", BERLIN));
    assertEquals(new Schedule.Every(Duration.ofDays(1)), Schedule.parse("1d", BERLIN));
    assertInstanceOf(Schedule.Cron.class, Schedule.parse("0 3 * * *", BERLIN));
    assertInstanceOf(Schedule.Never.class, Schedule.parse("", BERLIN));
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("15 minutes", BERLIN));
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("0m", BERLIN));
    Instant last = Instant.parse("2025-03-10T10:00:00Z");
    assertEquals(last.plusSeconds(900), Schedule.parse("15m", BERLIN).next(last));
  }
}
