package org.opensignup.mail;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * How other features put a mail into the outbox: inside their own transaction, with
 * {@link #INSERT} and a tuple from {@link #row}, then publish {@code Bus.MAIL_WAKEUP} after commit.
 * (A trigger also NOTIFYs every mail verticle on commit, so the wake-up is a second path, and a
 * poll every {@code mail.poll-ms} the third.) Each row becomes one mail with the Message-ID
 * {@code <outbox-{id}@domain>}; a row is sent at least once and, barring a crash mid-send, once.
 */
public final class Outbox {
  private Outbox() {}

  /** Transactional mails always leave before bulk mails. */
  public enum Lane {
    TRANSACTIONAL, BULK;

    public String dbValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Mail kinds; each has a template pair (text and HTML) per language. */
  public static final class Kind {
    private Kind() {}

    public static final String CONFIRMED = "signup.confirmed";
    public static final String WAITING = "signup.waiting";
    public static final String POOL = "signup.pool";
    public static final String PROMOTED = "waiting.promoted";
    public static final String OFFER = "waiting.offer";
    public static final String SIGNED_OFF = "signup.signed-off";
    public static final String LOTTERY_WON = "lottery.won";
    public static final String LOTTERY_WAITING = "lottery.waiting";
    public static final String LOTTERY_LOST = "lottery.lost";
    public static final String BULK = "bulk";
    /** A confirmed seat's fee is still open; written by the harvest feature's reminder job. */
    public static final String REMINDER_UNPAID = "reminder.unpaid";
    /** An offered seat was not taken in time and passed on. */
    public static final String OFFER_EXPIRED = "waiting.offer-expired";
    /** The applicant declined an offered seat. */
    public static final String OFFER_DECLINED = "waiting.offer-declined";
    /** A repeated signup for a course the address already holds: the status link again (never in the HTTP answer). */
    public static final String ALREADY_SIGNED_UP = "signup.already";
    /** Staff added the applicant to a course (state confirmed or waiting). */
    public static final String STAFF_ADDED = "staff.added";
    /** Staff gave a waiting, pool or offered entry a seat. */
    public static final String STAFF_ADMITTED = "staff.admitted";
    /** Staff moved the attendance to another course (payload has fromCourse). */
    public static final String STAFF_MOVED = "staff.moved";
    /** Staff took the attendance off its course. */
    public static final String STAFF_REMOVED = "staff.removed";
    /** "My signups": a link listing every signup of the address (payload: firstName, lastName, listUrl). */
    public static final String SIGNUP_LIST = "signup.list";
  }

  /**
   * Columns: lane, kind, recipient, locale, payload, applicant_id, attendance_id. The payload is the
   * template model: {@code {firstName, lastName, course:{name, language}, state, position?, feeCents,
   * statusUrl, signoffUrl?, offerExpiresAt?, acceptUrl?, declineUrl?, subject?, body?}}.
   */
  public static final String INSERT = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id, attendance_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  /** Many rows in one statement: the same columns as arrays ($5 as text[] of JSON), for batch writers. */
  public static final String INSERT_MANY = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id, attendance_id)
    SELECT lane, kind, recipient, locale, payload::jsonb, applicant_id, attendance_id
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
           AS u(lane, kind, recipient, locale, payload, applicant_id, attendance_id)""";

  /** Turns rows made by {@link #row} into the one tuple of arrays {@link #INSERT_MANY} takes. */
  public static Tuple many(java.util.List<Tuple> rows) {
    int n = rows.size();
    String[] lane = new String[n], kind = new String[n], recipient = new String[n], locale = new String[n], payload = new String[n];
    Long[] applicant = new Long[n], attendance = new Long[n];
    for (int i = 0; i < n; i++) {
      Tuple r = rows.get(i);
      lane[i] = r.getString(0);
      kind[i] = r.getString(1);
      recipient[i] = r.getString(2);
      locale[i] = r.getString(3);
      payload[i] = ((JsonObject) r.getValue(4)).encode();
      applicant[i] = r.getLong(5);
      attendance[i] = r.getLong(6);
    }
    return Tuple.of(lane, kind, recipient, locale, payload, applicant, attendance);
  }

  public static Tuple row(Lane lane, String kind, String recipient, String locale, JsonObject payload, Long applicantId, Long attendanceId) {
    return Tuple.of(lane.dbValue(), kind, recipient, locale, payload, applicantId, attendanceId);
  }
}
