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
   * The same request, sent to the partition of its course ({@code courseId mod partitions}): each signup
   * verticle instance serves one partition (and the shared address above), so batches of different
   * instances lock different courses and run side by side instead of queueing for the same rows.
   */
  public static String signupPartition(long courseId, int partitions) {
    return SIGNUP_SUBMIT + "." + Math.floorMod(courseId, partitions);
  }

  /**
   * Request/reply: {@code {secret}} -> {@code {secret, state, position?, feeCents, amountPaidCents, course:{id, name,
   * language:{de,en}}, firstName, lastName, locale, registeredAt, confirmedAt?, offerExpiresAt?, canSignOff,
   * signOffUntil?}}; fails 404 for an unknown secret.
   */
  public static final String SIGNUP_STATUS = "opensignup.signup.status";

  /**
   * Request/reply, served by SignupVerticle: every seat change that is not a new signup (sign-off,
   * offers, expiry, lottery draw, staff admit/remove/move/add/seats). Body {@link SeatCommand#toJson()},
   * reply {@link SeatCommand.SeatResult#toJson()}; refusals as {@link BusFailure}.
   */
  public static final String SEAT_COMMAND = "opensignup.signup.seat";

  /** The same command, sent on to the partition of its course by whichever signup verticle received it. */
  public static String seatPartition(long courseId, int partitions) {
    return SEAT_COMMAND + "." + Math.floorMod(courseId, partitions);
  }

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

  /**
   * Request/reply, served by MailVerticle: a bounce (DSN) for an outbox mail.
   * Request: {@code {returnPath?: "bounce+{outboxId}@domain", recipient?, reason?}} (at least one of
   * returnPath and recipient). Reply: {@code {bounceId, outboxId?, recipient, applicantId?}}; the
   * applicant is marked bouncing. Fails 400 when neither names a mail, 404 for an unknown outbox id.
   */
  public static final String MAIL_BOUNCE = "opensignup.mail.bounce";

  /**
   * Request/reply, served by HarvestVerticle: runs an import source
   * now, whatever its schedule (scheduled jobs such as retention run in jobs/JobsVerticle). Request {@code {source}}. Reply, also when the run itself failed:
   * {@code {runId, job, status: ok|failed, rowsRead, inserted, updated, removed, startedAt, finishedAt,
   * error?}}. Refusals: 404 "source|harvest.unknownSource", 409 "source|harvest.busy" (a run is going on).
   */
  public static final String HARVEST_RUN_NOW = "opensignup.harvest.run-now";

  /**
   * Request/reply, served by HarvestVerticle, for health and admin pages. Request {@code {}}. Reply:
   * {@code {sources:[{name, kind: approvals|registrations, fetched, url?, schedule, lastStatus: ok|failed|never,
   * lastRunAt?, lastFinishedAt?, lastError?, lastCounts?:{rowsRead, inserted, updated, removed},
   * failuresInRow, unhealthy, running}], jobs:[same without kind, fetched, url, unhealthy],
   * unhealthyAfter, unhealthy:[source names], healthy}}. A source is unhealthy when its last
   * {@code harvest.unhealthy-after} finished runs all failed; /health/ready can fold in {@code healthy}.
   */
  public static final String HARVEST_STATUS = "opensignup.harvest.status";

  /**
   * Request/reply, served by HarvestVerticle: run history for admins, newest first. Request
   * {@code {source?, limit?: 1..1000 (50)}}. Reply {@code {runs:[{id, source, node, status: running|ok|failed,
   * startedAt, finishedAt?, rowsRead, inserted, updated, removed, error?}]}}.
   */
  public static final String HARVEST_RUNS = "opensignup.harvest.runs";

  /**
   * Request/reply, served by HarvestVerticle: imports an uploaded file for a configured source (its
   * column mapping and replace/merge rules apply), as a recorded run. Request {@code {source,
   * format?: csv|json (the source's), content: base64 of the file}}. Reply as HARVEST_RUN_NOW; a broken
   * file gives status failed and error "line 4, column 'points': ...". Refusals: 404
   * "source|harvest.unknownSource", 400 "format|harvest.badFormat", "content|harvest.badUpload",
   * "content|harvest.emptyUpload", 409 "source|harvest.busy".
   */
  public static final String HARVEST_UPLOAD = "opensignup.harvest.upload";
}
