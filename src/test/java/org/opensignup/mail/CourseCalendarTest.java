package org.opensignup.mail;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Schedules read as weekly meetings (or not at all), and the calendar file's escaping, folding and zone rules. */
class CourseCalendarTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "Mo 17:30–19:00                 | MONDAY            | 17:30 | 19:00",
    "Mi 9:45-11:15                  | WEDNESDAY         | 09:45 | 11:15",
    "Mon, Wed 9.45 to 11.15         | MONDAY WEDNESDAY  | 09:45 | 11:15",
    "Dienstag und Donnerstag 18:00 bis 19:30 Uhr | TUESDAY THURSDAY | 18:00 | 19:30",
    "Fr. 14:00 – 15:30              | FRIDAY            | 14:00 | 15:30"})
  void weeklyMeetingsAreRead(String text, String days, String start, String end) {
    WeeklySchedule s = WeeklySchedule.parse(text).orElseThrow(() -> new AssertionError("not read: " + text));
    assertEquals(1, s.slots().size());
    WeeklySchedule.Slot slot = s.slots().get(0);
    Set<DayOfWeek> expected = java.util.Arrays.stream(days.split(" ")).map(DayOfWeek::valueOf).collect(java.util.stream.Collectors.toSet());
    assertEquals(expected, slot.days());
    assertEquals(LocalTime.parse(start), slot.start());
    assertEquals(LocalTime.parse(end), slot.end());
  }

  @Test
  void twoMeetingsWithTheirOwnTimes() {
    WeeklySchedule s = WeeklySchedule.parse("Di 14:00–15:30; Do 10:00–11:30").orElseThrow();
    assertEquals(2, s.slots().size());
    assertEquals(LocalTime.of(10, 0), s.slots().get(1).start());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"nach Vereinbarung", "Blockkurs 3.–7. März", "Mo 19:00–17:30", "Mo 25:00–26:00",
    "Xy 10:00–11:00", "Mo 17:30–19:00 online", "''"})
  void anythingElseGivesNoCalendar(String text) {
    assertTrue(WeeklySchedule.parse(text).isEmpty(), text);
  }

  @Test
  void noDatesOrNoReadableScheduleMeansNoFile() {
    JsonObject course = new JsonObject().put("id", 1).put("name", "A1").put("schedule", "Mo 17:30–19:00");
    assertTrue(CourseCalendar.of(new JsonObject().put("course", course)).isEmpty(), "no first date");
    assertTrue(CourseCalendar.of(new JsonObject().put("course", course.copy().put("firstDate", "2027-04-12").put("schedule", "nach Vereinbarung"))).isEmpty());
    assertTrue(CourseCalendar.of(new JsonObject().put("course", course.copy().put("firstDate", "2027-04-12").put("lastDate", "2027-01-01"))).isEmpty());
  }

  @Test
  void textIsEscapedAndLongLinesFoldedBetweenCharacters() {
    assertEquals("a\\, b\\; c\\\\ d\\ne", CourseCalendar.text("a, b; c\\ d\ne"));
    StringBuilder out = new StringBuilder();
    CourseCalendar.fold("DESCRIPTION:" + "ü".repeat(60), out);
    for (String line : out.toString().split("\r\n")) {
      assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, line);
      assertFalse(line.contains("\uFFFD"));
    }
    assertEquals("DESCRIPTION:" + "ü".repeat(60), out.toString().replace("\r\n ", "").strip());
  }

  @ParameterizedTest
  @CsvSource({"25, SUNDAY, MARCH, BYDAY=-1SU", "8, SUNDAY, MARCH, BYDAY=2SU", "1, SUNDAY, NOVEMBER, BYDAY=1SU",
    "-1, SUNDAY, OCTOBER, BYDAY=-1SU", "3, FRIDAY, APRIL, 'BYDAY=FR;BYMONTHDAY=3,4,5,6,7,8,9'"})
  void yearlyTransitionDays(int dom, DayOfWeek dow, Month month, String rrule) {
    ZoneOffsetTransitionRule r = ZoneOffsetTransitionRule.of(month, dom, dow, LocalTime.of(2, 0), false,
      ZoneOffsetTransitionRule.TimeDefinition.WALL, ZoneOffset.ofHours(1), ZoneOffset.ofHours(1), ZoneOffset.ofHours(2));
    assertEquals(rrule, CourseCalendar.yearlyDay(r));
  }
}
