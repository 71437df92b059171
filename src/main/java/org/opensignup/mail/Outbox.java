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

  /**
   * The ids of the {@link MailKind}s as string constants, for the writers of outbox rows. The kinds
   * themselves (and which lane each goes by) are listed once, in {@link MailKind}.
   */
  public static final class Kind {
    private Kind() {}

    public static final String CONFIRMED = MailKind.CONFIRMED.id();
    public static final String WAITING = MailKind.WAITING.id();
    public static final String POOL = MailKind.POOL.id();
    /** A signup waiting for staff to assign the seats (manual mode). */
    public static final String MANUAL = MailKind.MANUAL.id();
    public static final String PROMOTED = MailKind.PROMOTED.id();
    public static final String OFFER = MailKind.OFFER.id();
    public static final String SIGNED_OFF = MailKind.SIGNED_OFF.id();
    public static final String LOTTERY_WON = MailKind.LOTTERY_WON.id();
    public static final String LOTTERY_WAITING = MailKind.LOTTERY_WAITING.id();
    public static final String LOTTERY_LOST = MailKind.LOTTERY_LOST.id();
    public static final String BULK = MailKind.BULK.id();
    /** A confirmed seat's fee is still open; written by the harvest feature's reminder job. */
    public static final String REMINDER_UNPAID = MailKind.REMINDER_UNPAID.id();
    /** An offered seat was not taken in time and passed on. */
    public static final String OFFER_EXPIRED = MailKind.OFFER_EXPIRED.id();
    /** The applicant declined an offered seat. */
    public static final String OFFER_DECLINED = MailKind.OFFER_DECLINED.id();
    /** A repeated signup for a course the address already holds: the status link again (never in the HTTP answer). */
    public static final String ALREADY_SIGNED_UP = MailKind.ALREADY_SIGNED_UP.id();
    /** Staff added the applicant to a course (state confirmed or waiting). */
    public static final String STAFF_ADDED = MailKind.STAFF_ADDED.id();
    /** Staff gave a waiting, pool or offered entry a seat. */
    public static final String STAFF_ADMITTED = MailKind.STAFF_ADMITTED.id();
    /** Staff moved the attendance to another course (payload has fromCourse). */
    public static final String STAFF_MOVED = MailKind.STAFF_MOVED.id();
    /** Staff took the attendance off its course. */
    public static final String STAFF_REMOVED = MailKind.STAFF_REMOVED.id();
    /** Staff issued a preterm token to this address (payload: token, language?, expires, catalogueUrl). */
    public static final String TOKEN_ISSUED = MailKind.TOKEN_ISSUED.id();
    /** "My signups": a link listing every signup of the address (payload: firstName, lastName, listUrl). */
    public static final String SIGNUP_LIST = MailKind.SIGNUP_LIST.id();
  }

  /**
   * Columns: lane, kind, recipient, locale, payload, applicant_id, attendance_id. The payload is the
   * template model: {@code {firstName, lastName, course:{id?, name, language, schedule?, room?, teacher?,
   * firstDate?, lastDate?}, state, position?, feeCents, statusUrl, signoffUrl?, replyTo?, signOffUntil?, payBy?,
   * manual?, offerExpiresAt?, acceptUrl?, declineUrl?, subject?, body?}}. {@code replyTo} also becomes the mail's
   * Reply-To; a confirmed seat of a course with dates also gets a calendar file (see {@code CourseCalendar}).
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
