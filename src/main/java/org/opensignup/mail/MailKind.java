package org.opensignup.mail;

import java.util.Optional;

/**
 * Every kind of mail the outbox can carry, with the lane it goes by unless the writer says otherwise.
 * Each kind needs a text template (which also sets the subject) and an HTML template per language
 * under {@code mail/{de,en}/}; the mail verticle refuses to start when one is missing, so a kind
 * added here without its templates cannot reach production.
 */
public enum MailKind {
  CONFIRMED("signup.confirmed"),
  WAITING("signup.waiting"),
  POOL("signup.pool"),
  /** A signup in a language whose seats staff assign by hand: on their list, not in a queue for free seats. */
  MANUAL("signup.manual"),
  SIGNED_OFF("signup.signed-off"),
  /** A repeated signup: the status link again, since the HTTP answer no longer carries it. */
  ALREADY_SIGNED_UP("signup.already"),
  PROMOTED("waiting.promoted"),
  OFFER("waiting.offer"),
  OFFER_EXPIRED("waiting.offer-expired"),
  OFFER_DECLINED("waiting.offer-declined"),
  LOTTERY_WON("lottery.won"),
  LOTTERY_WAITING("lottery.waiting"),
  LOTTERY_LOST("lottery.lost"),
  REMINDER_UNPAID("reminder.unpaid"),
  STAFF_ADDED("staff.added"),
  STAFF_ADMITTED("staff.admitted"),
  /** Payload also has {@code fromCourse:{name, language}}. */
  STAFF_MOVED("staff.moved"),
  STAFF_REMOVED("staff.removed"),
  /** Staff issued a preterm token to this address; payload {token, language?, expires, catalogueUrl}. */
  TOKEN_ISSUED("token.issued"),
  /** "My signups": payload {firstName, lastName, listUrl}, a signed link to every signup of the address. */
  SIGNUP_LIST("signup.list"),
  BULK("bulk", Outbox.Lane.BULK);

  private final String id;
  private final Outbox.Lane lane;

  MailKind(String id) {
    this(id, Outbox.Lane.TRANSACTIONAL);
  }

  MailKind(String id, Outbox.Lane lane) {
    this.id = id;
    this.lane = lane;
  }

  /** The name stored in {@code mail_outbox.kind} and used for the template files. */
  public String id() {
    return id;
  }

  /** The lane this kind goes by by default: everything an applicant waits for is transactional. */
  public Outbox.Lane lane() {
    return lane;
  }

  public static Optional<MailKind> byId(String id) {
    for (MailKind k : values()) {
      if (k.id.equals(id)) return Optional.of(k);
    }
    return Optional.empty();
  }
}
