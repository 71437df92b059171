package org.opensignup.mail;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A course's schedule text read as weekly meetings: "Mo 17:30–19:00", "Mon, Wed 9:45-11:15",
 * "Di 14:00–15:30; Do 10:00–11:30", German or English day names. Text that is not wholly such
 * meetings ("nach Vereinbarung", "Blockkurs 3.–7. März") reads as nothing: a calendar entry built
 * from a guess would send people to the wrong room at the wrong time.
 */
record WeeklySchedule(List<Slot> slots) {

  /** Meetings on each of {@code days}, from {@code start} to {@code end}. */
  record Slot(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    /** The first meeting on or after {@code from}. */
    LocalDateTime firstOnOrAfter(LocalDate from) {
      LocalDate d = from;
      while (!days.contains(d.getDayOfWeek())) d = d.plusDays(1);
      return d.atTime(start);
    }
  }

  private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
    Map.entry("mo", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY), Map.entry("montag", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
    Map.entry("di", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("dienstag", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
    Map.entry("mi", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("mittwoch", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
    Map.entry("do", DayOfWeek.THURSDAY), Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("donnerstag", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
    Map.entry("fr", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("freitag", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
    Map.entry("sa", DayOfWeek.SATURDAY), Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("samstag", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
    Map.entry("so", DayOfWeek.SUNDAY), Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sonntag", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));

  private static final String DAY = "([a-z]+)\\.?";
  private static final String TIME = "(\\d{1,2})[:.](\\d{2})";
  /** One meeting: days joined by , / + & und and, then a time range. */
  private static final Pattern SLOT = Pattern.compile(
    "(" + DAY + "(?:\\s*(?:,|/|\\+|&|\\bund\\b|\\band\\b)\\s*" + DAY + ")*)\\s*,?\\s+" + TIME + "\\s*(?:uhr\\s*)?-\\s*" + TIME + "(?:\\s*uhr)?");
  private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:;|,|\\bund\\b|\\band\\b)?\\s*");

  static Optional<WeeklySchedule> parse(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    String s = text.toLowerCase(Locale.ROOT).replace('\u2013', '-').replace('\u2014', '-').replace('\u2012', '-')
      .replaceAll("\\s+(?:bis|to|until)\\s+", " - ").strip();
    Matcher m = SLOT.matcher(s);
    List<Slot> slots = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      // whatever lies between two meetings must be a separator, nothing else
      if (!SEPARATOR.matcher(s.substring(at, m.start())).matches()) return Optional.empty();
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String word : m.group(1).split("[^a-z]+")) {
        if (word.isEmpty() || word.equals("und") || word.equals("and")) continue;
        DayOfWeek d = DAYS.get(word);
        if (d == null) return Optional.empty();
        days.add(d);
      }
      LocalTime start = time(m.group(m.groupCount() - 3), m.group(m.groupCount() - 2));
      LocalTime end = time(m.group(m.groupCount() - 1), m.group(m.groupCount()));
      if (days.isEmpty() || start == null || end == null || !end.isAfter(start)) return Optional.empty();
      slots.add(new Slot(days, start, end));
      at = m.end();
    }
    if (slots.isEmpty() || !SEPARATOR.matcher(s.substring(at)).matches()) return Optional.empty();
    return Optional.of(new WeeklySchedule(List.copyOf(slots)));
  }

  private static LocalTime time(String h, String m) {
    int hour = Integer.parseInt(h);
    int minute = Integer.parseInt(m);
    return hour > 23 || minute > 59 ? null : LocalTime.of(hour, minute);
  }

  /** The first meeting on or after {@code from}, over all slots. */
  LocalDateTime firstOnOrAfter(LocalDate from) {
    return slots.stream().map(s -> s.firstOnOrAfter(from)).min(LocalDateTime::compareTo).orElseThrow();
  }
}
