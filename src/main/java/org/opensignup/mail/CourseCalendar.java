package org.opensignup.mail;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A course's meetings as an iCalendar file (RFC 5545): one weekly series per slot of the schedule,
 * from the course's first to its last day, in the configured time zone (with its VTIMEZONE, so the
 * 17:30 meeting stays at 17:30 across the change to summer time). Built only from a schedule that
 * reads as weekly meetings and a first day; without them there is no file.
 */
record CourseCalendar(long courseId, String summary, String location, String teacher, String statusUrl,
                      WeeklySchedule schedule, LocalDate firstDate, LocalDate lastDate) {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** From a mail payload's {@code course} (see {@link Outbox#INSERT}); empty when it names no dates to build from. */
  static Optional<CourseCalendar> of(JsonObject payload) {
    JsonObject c = payload == null ? null : payload.getJsonObject("course");
    if (c == null || c.getString("firstDate") == null) return Optional.empty();
    Optional<WeeklySchedule> schedule = WeeklySchedule.parse(c.getString("schedule"));
    if (schedule.isEmpty()) return Optional.empty();
    try {
      LocalDate first = LocalDate.parse(c.getString("firstDate"));
      LocalDate last = c.getString("lastDate") == null ? null : LocalDate.parse(c.getString("lastDate"));
      if (last != null && last.isBefore(first)) return Optional.empty();
      String name = c.getString("name", "");
      String language = c.getString("language", "");
      String summary = language.isEmpty() ? name : name + " (" + language + ")";
      return Optional.of(new CourseCalendar(c.getLong("id", 0L), summary, c.getString("room"), c.getString("teacher"),
        payload.getString("statusUrl"), schedule.get(), first, last));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The first meeting, local time. */
  LocalDateTime firstMeeting() {
    return schedule.firstOnOrAfter(firstDate);
  }

  /** The file's text: CRLF line ends, lines folded at 75 octets, TEXT values escaped. */
  String ics(ZoneId zone, String lang, String uidDomain, Instant stamp) {
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VCALENDAR");
    lines.add("VERSION:2.0");
    lines.add("PRODID:-//OpenSignup//Course calendar//" + lang.toUpperCase(Locale.ROOT));
    lines.add("CALSCALE:GREGORIAN");
    lines.add("METHOD:PUBLISH");
    timeZone(zone, lines);
    int n = 0;
    for (WeeklySchedule.Slot slot : schedule.slots()) {
      LocalDateTime start = slot.firstOnOrAfter(firstDate);
      if (lastDate != null && start.toLocalDate().isAfter(lastDate)) continue;
      lines.add("BEGIN:VEVENT");
      lines.add("UID:course-" + courseId + "-" + (++n) + "@" + uidDomain);
      lines.add("DTSTAMP:" + UTC.format(stamp));
      lines.add("DTSTART;TZID=" + zone.getId() + ":" + LOCAL.format(start));
      lines.add("DTEND;TZID=" + zone.getId() + ":" + LOCAL.format(start.toLocalDate().atTime(slot.end())));
      if (lastDate != null) {
        // UNTIL is in UTC when DTSTART names a zone (RFC 5545 3.3.10): the end of the last day there
        Instant until = lastDate.atTime(23, 59, 59).atZone(zone).toInstant();
        lines.add("RRULE:FREQ=WEEKLY;BYDAY=" + byDay(slot) + ";UNTIL=" + UTC.format(until));
      }
      lines.add("SUMMARY:" + text(summary));
      if (location != null && !location.isBlank()) lines.add("LOCATION:" + text(location));
      List<String> about = new ArrayList<>();
      if (teacher != null && !teacher.isBlank()) about.add(("de".equals(lang) ? "Lehrkraft: " : "Teacher: ") + teacher);
      if (statusUrl != null) about.add(("de".equals(lang) ? "Anmeldestatus: " : "Signup status: ") + statusUrl);
      if (!about.isEmpty()) lines.add("DESCRIPTION:" + text(String.join("\n", about)));
      lines.add("END:VEVENT");
    }
    lines.add("END:VCALENDAR");
    StringBuilder out = new StringBuilder();
    for (String line : lines) fold(line, out);
    return out.toString();
  }

  private static String byDay(WeeklySchedule.Slot slot) {
    return slot.days().stream().sorted().map(CourseCalendar::day).collect(Collectors.joining(","));
  }

  private static String day(DayOfWeek d) {
    return d.name().substring(0, 2);
  }

  /**
   * The zone's VTIMEZONE from its current rules: one STANDARD and one DAYLIGHT part for a zone with
   * summer time, each recurring yearly as the rule says; a zone without rules is its fixed offset.
   */
  private static void timeZone(ZoneId zone, List<String> lines) {
    var rules = zone.getRules();
    lines.add("BEGIN:VTIMEZONE");
    lines.add("TZID:" + zone.getId());
    List<ZoneOffsetTransitionRule> transitions = rules.getTransitionRules();
    if (transitions.isEmpty()) {
      ZoneOffset now = rules.getOffset(Instant.now());
      lines.add("BEGIN:STANDARD");
      lines.add("DTSTART:19700101T000000");
      lines.add("TZOFFSETFROM:" + offset(now));
      lines.add("TZOFFSETTO:" + offset(now));
      lines.add("END:STANDARD");
    } else {
      for (ZoneOffsetTransitionRule r : transitions) {
        boolean daylight = !r.getOffsetAfter().equals(r.getStandardOffset());
        String part = daylight ? "DAYLIGHT" : "STANDARD";
        lines.add("BEGIN:" + part);
        // the onset in the local time before the change, as RFC 5545 3.6.5 wants it
        lines.add("DTSTART:" + LOCAL.format(r.createTransition(1970).getDateTimeBefore()));
        lines.add("RRULE:FREQ=YEARLY;BYMONTH=" + r.getMonth().getValue() + ";" + yearlyDay(r));
        lines.add("TZOFFSETFROM:" + offset(r.getOffsetBefore()));
        lines.add("TZOFFSETTO:" + offset(r.getOffsetAfter()));
        lines.add("END:" + part);
      }
    }
    lines.add("END:VTIMEZONE");
  }

  /** The day of a yearly transition rule in RRULE terms. */
  static String yearlyDay(ZoneOffsetTransitionRule r) {
    int dom = r.getDayOfMonthIndicator();
    DayOfWeek dow = r.getDayOfWeek();
    if (dow == null) return "BYMONTHDAY=" + dom;
    String d = day(dow);
    Month m = r.getMonth();
    // "the first Sunday on or after the 8th" is the 2nd Sunday; "on or after the 25th" of a 31-day month the last
    if (dom > 0 && (dom - 1) % 7 == 0 && dom <= 22) return "BYDAY=" + ((dom - 1) / 7 + 1) + d;
    if (dom > 0 && m != Month.FEBRUARY && dom == m.maxLength() - 6) return "BYDAY=-1" + d;
    if (dom < 0 && (-dom - 1) % 7 == 0) return "BYDAY=-" + ((-dom - 1) / 7 + 1) + d;
    // otherwise exactly what the rule says: that weekday among the seven days it may fall on
    List<String> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) days.add(String.valueOf(dom > 0 ? dom + i : dom - i));
    return "BYDAY=" + d + ";BYMONTHDAY=" + String.join(",", days);
  }

  private static String offset(ZoneOffset o) {
    int total = o.getTotalSeconds();
    int abs = Math.abs(total);
    String hhmm = String.format(Locale.ROOT, "%02d%02d", abs / 3600, abs % 3600 / 60);
    return (total < 0 ? "-" : "+") + hhmm + (abs % 60 != 0 ? String.format(Locale.ROOT, "%02d", abs % 60) : "");
  }

  /** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped. */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case ';' -> b.append("\\;");
        case ',' -> b.append("\\,");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** RFC 5545 3.1: lines longer than 75 octets go on in lines that start with a space; never inside a character. */
  static void fold(String line, StringBuilder out) {
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }

  /** The first meeting as an instant-bearing time for the templates. */
  ZonedDateTime firstMeeting(ZoneId zone) {
    return firstMeeting().atZone(zone);
  }
}
