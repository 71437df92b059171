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
  }

  /**
   * Columns: lane, kind, recipient, locale, payload, applicant_id, attendance_id. The payload is the
   * template model: {@code {firstName, lastName, course:{name, language}, state, position?, feeCents,
   * statusUrl, signoffUrl?, offerExpiresAt?, acceptUrl?, declineUrl?, subject?, body?}}.
   */
  public static final String INSERT = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id, attendance_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  public static Tuple row(Lane lane, String kind, String recipient, String locale, JsonObject payload, Long applicantId, Long attendanceId) {
    return Tuple.of(lane.dbValue(), kind, recipient, locale, payload, applicantId, attendanceId);
  }
}
