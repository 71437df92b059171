package org.opensignup.signup;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The template model of a signup mail (see mail/Outbox for the shape): who, which course with what a
 * participant needs to find it (schedule, room, teacher, first and last day), the language's contact
 * (also the mail's Reply-To), the fee, and for a seat the deadlines to sign off and to pay.
 */
final class MailModel {
  private MailModel() {}

  /**
   * What the rules promise around a seat: sign-off is possible {@code signoffDays} after confirmation,
   * the fee is due {@code paymentDueDays} after it (0: no date is named).
   */
  record Terms(String publicUrl, int signoffDays, int paymentDueDays) {}

  /**
   * A course as the mails show it, read from a row with the columns level, alternative, name_de,
   * name_en, schedule, room, teacher, first_date, last_date, reply_to (and id or course_id).
   */
  record CourseFacts(long id, String name, String languageDe, String languageEn, String schedule, String room,
                     String teacher, LocalDate firstDate, LocalDate lastDate, String replyTo, int seats, Instant lotteryEnd) {

    static CourseFacts of(Row r, long id) {
      String alt = r.getString("alternative");
      String level = r.getString("level");
      return new CourseFacts(id, alt == null || alt.isEmpty() ? level : level + " " + alt, r.getString("name_de"),
        r.getString("name_en"), r.getString("schedule"), r.getString("room"), r.getString("teacher"),
        r.getLocalDate("first_date"), r.getLocalDate("last_date"), r.getString("reply_to"), r.getInteger("seats"),
        r.getOffsetDateTime("lottery_end") == null ? null : r.getOffsetDateTime("lottery_end").toInstant());
    }

    JsonObject json(String locale) {
      JsonObject c = new JsonObject().put("id", id).put("name", name).put("language", "en".equals(locale) ? languageEn : languageDe)
        .put("seats", seats);
      putText(c, "schedule", schedule);
      putText(c, "room", room);
      putText(c, "teacher", teacher);
      if (firstDate != null) c.put("firstDate", firstDate.toString());
      if (lastDate != null) c.put("lastDate", lastDate.toString());
      return c;
    }

    private static void putText(JsonObject o, String key, String value) {
      if (value != null && !value.isBlank()) o.put(key, value.strip());
    }
  }

  /**
   * {@code confirmedAt}: when the seat became the applicant's (null while there is none); {@code waitingOf}: how
   * many wait for the course (with {@code position}, "place N of M").
   */
  static JsonObject of(String firstName, String lastName, CourseFacts course, String locale, String state, Integer position,
                       Integer waitingOf, int feeCents, Instant confirmedAt, Terms terms, String secret) {
    String status = terms.publicUrl() + "/status/" + secret;
    JsonObject m = new JsonObject()
      .put("firstName", firstName)
      .put("lastName", lastName)
      .put("course", course.json(locale))
      .put("state", state)
      .put("position", position)
      .put("waitingOf", position == null ? null : waitingOf)
      .put("feeCents", feeCents)
      .put("statusUrl", status)
      .put("signoffUrl", status + "#signoff");
    if (course.replyTo() != null && !course.replyTo().isBlank()) m.put("replyTo", course.replyTo());
    // the pool is drawn when the lottery window ends
    if ("pool".equals(state) && course.lotteryEnd() != null) m.put("drawAt", course.lotteryEnd().toString());
    if ("confirmed".equals(state) && confirmedAt != null) {
      m.put("signOffUntil", confirmedAt.plus(Duration.ofDays(terms.signoffDays())).toString());
      if (feeCents > 0 && terms.paymentDueDays() > 0) m.put("payBy", confirmedAt.plus(Duration.ofDays(terms.paymentDueDays())).toString());
    }
    return m;
  }
}
