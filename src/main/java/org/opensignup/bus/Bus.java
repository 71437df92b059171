package org.opensignup.bus;

/**
 * Every event-bus address of OpenSignup and the shape of its messages. All bodies are JsonObjects,
 * so they cross cluster nodes without codecs. Failures are replied as {@code ReplyException}s whose
 * failure code is an HTTP status and whose message is the problem text (see {@link BusFailure}).
 */
public final class Bus {
  private Bus() {}

  /**
   * Request/reply, served by SignupVerticle.
   * Request: {@code {courseId, applicant:{mail, firstName, lastName, tag?, originId?, degreeId?,
   * graduationId?, semester?, locale}, pretermToken?, idempotencyKey?, internal:boolean}}.
   * Reply: {@code {secret, state: confirmed|waiting|pool, position?, feeCents, courseId, replayed}}.
   */
  public static final String SIGNUP_SUBMIT = "opensignup.signup.submit";

  /**
   * Request/reply: {@code {secret}} -> {@code {secret, state, position?, feeCents, amountPaidCents, course:{id, name,
   * language:{de,en}}, firstName, lastName, locale, registeredAt, confirmedAt?, offerExpiresAt?, canSignOff,
   * signOffUntil?}}; fails 404 for an unknown secret.
   */
  public static final String SIGNUP_STATUS = "opensignup.signup.status";

  /**
   * Request/reply: {@code {secret, action: signoff|accept|decline}} -> {@code {state}}. Sign-off frees
   * the seat and gives it to the oldest waiting entry; accept/decline answer an offered seat.
   */
  public static final String SIGNUP_CHANGE = "opensignup.signup.change";

  /**
   * Request/reply, for staff and tests: {@code {languageId?, seed?}} -> {@code {draws:[{languageId, seed,
   * pool, confirmed, waiting}]}}. Without languageId, draws every language whose lottery window has ended.
   */
  public static final String LOTTERY_DRAW = "opensignup.signup.lottery-draw";

  /**
   * Publish: {@code {courseId, remote?:true}} after any change of a course's counts (the HTTP verticles
   * read the counts themselves). {@code remote} marks a change relayed from another node through Redis
   * (redis/SeatsRelayVerticle), which therefore does not send it out again.
   */
  public static final String SEATS_CHANGED = "opensignup.seats.changed";

  /** Publish, no body: outbox rows were committed; mail verticles look for work now. */
  public static final String MAIL_WAKEUP = "opensignup.mail.wakeup";

  /** Request/reply: {@code {}} -> {@code {pending, sent, failed}} counts of the outbox. */
  public static final String MAIL_STATS = "opensignup.mail.stats";

  /** Request/reply: {@code {source}} -> run summary {@code {runId, status, rowsRead, inserted, updated, removed, error?}}. */
  public static final String HARVEST_RUN_NOW = "opensignup.harvest.run-now";

  /** Request/reply: {@code {}} -> {@code {sources:[{name, lastStatus, failuresInRow}]}} for health and admin pages. */
  public static final String HARVEST_STATUS = "opensignup.harvest.status";
}
