package org.opensignup.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what staff send for languages and courses, the same for JSON and for forms (where every
 * value is a string and a datetime-local field has no zone). The first bad field is refused with 422
 * and its name, so both the API and the pages can say what to fix.
 */
public final class StaffInput {
  /** Form times without a zone are local to the language centre. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Pattern MAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Set<String> GER = Set.of("A1", "A2", "B1", "B2", "C1", "C2");
  public static final Set<String> PAYMENT_METHODS = Set.of("cash", "transfer", "card", "other");

  private StaffInput() {}

  public record Language(String nameDe, String nameEn, Instant signupBegin, Instant lotteryEnd, Instant fcfsBegin,
                         Instant signupEnd, boolean manualMode, String replyTo) {}

  public record Course(long languageId, String level, String alternative, String ger, String schedule, int seats,
                       int priceCents, int ratingLowest, int ratingHighest, boolean ratingGated, List<String> collision,
                       boolean hasWaitingList, int waitingCapFactor, String room, String teacher,
                       LocalDate firstDate, LocalDate lastDate) {}

  public static Language language(JsonObject j) {
    Instant begin = instant(j, "signupBegin"), lotteryEnd = instant(j, "lotteryEnd"), fcfs = instant(j, "fcfsBegin"),
      end = instant(j, "signupEnd");
    if (begin != null && lotteryEnd != null && lotteryEnd.isBefore(begin)) throw bad("lotteryEnd", "admin.input.error.order");
    if (lotteryEnd != null && fcfs != null && fcfs.isBefore(lotteryEnd)) throw bad("fcfsBegin", "admin.input.error.order");
    if (fcfs != null && end != null && !end.isAfter(fcfs)) throw bad("signupEnd", "admin.input.error.order");
    if (begin != null && end != null && !end.isAfter(begin)) throw bad("signupEnd", "admin.input.error.order");
    String replyTo = text(j, "replyTo", 0, 254);
    if (replyTo != null && replyTo.isEmpty()) replyTo = null;
    if (replyTo != null && !MAIL.matcher(replyTo).matches()) throw bad("replyTo", "admin.input.error.mail");
    return new Language(required(j, "nameDe", 120), required(j, "nameEn", 120), begin, lotteryEnd, fcfs, end,
      bool(j, "manualMode", false), replyTo);
  }

  public static Course course(JsonObject j) {
    Integer languageId = integer(j, "languageId", 1, Integer.MAX_VALUE);
    if (languageId == null) throw bad("languageId", "admin.input.error.required");
    String ger = text(j, "ger", 0, 2);
    if (ger != null && ger.isEmpty()) ger = null;
    if (ger != null && !GER.contains(ger)) throw bad("ger", "admin.input.error.ger");
    Integer seats = integer(j, "seats", 0, 10_000);
    if (seats == null) throw bad("seats", "admin.input.error.required");
    int lowest = orElse(integer(j, "ratingLowest", 0, 100), 0), highest = orElse(integer(j, "ratingHighest", 0, 100), 100);
    if (lowest > highest) throw bad("ratingHighest", "admin.input.error.order");
    LocalDate first = date(j, "firstDate"), last = date(j, "lastDate");
    if (first != null && last != null && last.isBefore(first)) throw bad("lastDate", "admin.input.error.order");
    return new Course(languageId, required(j, "level", 120), orElse(text(j, "alternative", 0, 60), ""), ger,
      orElse(text(j, "schedule", 0, 400), ""), seats, orElse(integer(j, "priceCents", 0, Euros.MAX_CENTS), 0), lowest, highest,
      bool(j, "ratingGated", false), levels(j, "collision"), bool(j, "hasWaitingList", true),
      orElse(integer(j, "waitingCapFactor", 0, 100), 3), orElse(text(j, "room", 0, 120), ""), orElse(text(j, "teacher", 0, 120), ""),
      first, last);
  }

  /** A refusal (422) naming the field; the message key says what is wrong. */
  public static Refusal bad(String field, String key, Object... args) {
    return new Refusal(422, key, field, args);
  }

  public static String required(JsonObject j, String field, int max) {
    String s = text(j, field, 1, max);
    if (s == null || s.isEmpty()) throw bad(field, "admin.input.error.required");
    return s;
  }

  /** A trimmed string of at most {@code max} characters, or null when absent. */
  public static String text(JsonObject j, String field, int min, int max) {
    Object v = j.getValue(field);
    if (v == null) return null;
    if (!(v instanceof String s)) throw bad(field, "admin.input.error.text", max);
    s = s.strip();
    if (s.length() > max || (s.length() < min && !s.isEmpty()) || s.chars().anyMatch(c -> c < 32 && c != '\n' && c != '\t')) {
      throw bad(field, "admin.input.error.text", max);
    }
    return s;
  }

  /** A whole number in range, from a JSON number or a form's digits; null when absent or empty. */
  public static Integer integer(JsonObject j, String field, int min, int max) {
    Object v = j.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) return null;
    long n;
    if (v instanceof Number num) {
      if (num.doubleValue() != Math.rint(num.doubleValue())) throw bad(field, "admin.input.error.number", min, max);
      n = num.longValue();
    } else if (v instanceof String s && s.strip().matches("-?\\d{1,10}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw bad(field, "admin.input.error.number", min, max);
    }
    if (n < min || n > max) throw bad(field, "admin.input.error.number", min, max);
    return (int) n;
  }

  /** A JSON boolean, or a form checkbox ("on"), "true"/"false". */
  public static boolean bool(JsonObject j, String field, boolean absent) {
    Object v = j.getValue(field);
    if (v == null) return absent;
    if (v instanceof Boolean b) return b;
    if (v instanceof String s) {
      switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "on", "1", "yes" -> { return true; }
        case "false", "off", "0", "no", "" -> { return false; }
        default -> { }
      }
    }
    throw bad(field, "admin.input.error.boolean");
  }

  /** ISO 8601 with offset ("2026-03-01T10:00:00Z"), or a form's local time ("2026-03-01T10:00") in {@link #ZONE}. */
  public static Instant instant(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) return null;
    if (v instanceof Instant i) return i;
    if (!(v instanceof String s)) throw bad(field, "admin.input.error.time");
    String t = s.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(t).atZone(ZONE).toInstant();
      } catch (DateTimeException e2) {
        throw bad(field, "admin.input.error.time");
      }
    }
  }

  /** A day, ISO 8601 ("2026-04-20"), as a form's date field sends it; blank or absent is none. */
  public static LocalDate date(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) return null;
    if (v instanceof LocalDate d) return d;
    if (!(v instanceof String s)) throw bad(field, "admin.input.error.date");
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeException e) {
      throw bad(field, "admin.input.error.date");
    }
  }

  public static String mail(JsonObject j, String field) {
    String m = text(j, field, 3, 254);
    if (m == null || m.isEmpty()) throw bad(field, "admin.input.error.required");
    if (!MAIL.matcher(m).matches()) throw bad(field, "admin.input.error.mail");
    return m;
  }

  /** Levels that collide: a JSON array of strings or a comma-separated form field. */
  private static List<String> levels(JsonObject j, String field) {
    Object v = j.getValue(field);
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    List<?> items;
    if (v instanceof JsonArray a) items = a.getList();
    else if (v instanceof List<?> l) items = l;
    else if (v instanceof String s) items = s.isBlank() ? List.of() : List.of(s.split(","));
    else throw bad(field, "admin.input.error.levels");
    for (Object o : items) {
      if (!(o instanceof String s) || s.isBlank() || s.strip().length() > 120) throw bad(field, "admin.input.error.levels");
      out.add(s.strip());
    }
    if (out.size() > 50) throw bad(field, "admin.input.error.levels");
    return out;
  }

  private static <T> T orElse(T v, T absent) {
    return v == null ? absent : v;
  }
}
