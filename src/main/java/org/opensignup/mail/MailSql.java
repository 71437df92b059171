package org.opensignup.mail;

/** Every SQL statement of the mail feature. */
final class MailSql {
  private MailSql() {}

  static final String STATS = "SELECT state, count(*) AS n FROM mail_outbox GROUP BY state";

  /** Channel of the NOTIFY sent by the V3 trigger on every insert into mail_outbox; payload: the lane. */
  static final String CHANNEL = "opensignup_mail";

  /**
   * Claims up to $2 due rows of lane $1 for $4 seconds for node $3. SKIP LOCKED lets competing senders
   * take disjoint rows without waiting; a row whose claim lapsed (its sender died) is due again.
   * The attempt is counted here, so a crash mid-send still counts against mail.max-attempts.
   */
  static final String CLAIM = """
    UPDATE mail_outbox o
       SET claimed_until = now() + $4 * interval '1 second', claimed_by = $3, attempts = o.attempts + 1
     WHERE o.id IN (SELECT id FROM mail_outbox
                     WHERE state = 'pending' AND lane = $1 AND next_attempt_at <= now()
                       AND (claimed_until IS NULL OR claimed_until < now())
                     ORDER BY next_attempt_at, id
                     LIMIT $2
                     FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.lane, o.kind, o.recipient, o.locale, o.payload, o.attempts""";

  /** Marks the rows with the ids in $1 as sent. */
  static final String MARK_SENT = """
    UPDATE mail_outbox SET state = 'sent', sent_at = now(), claimed_until = NULL, claimed_by = NULL, last_error = NULL
     WHERE id = ANY($1) AND state = 'pending'""";

  /**
   * Gives row $1 back for another try in $2 milliseconds, remembering the error $3. With $4 true the
   * attempt is not counted: the relay was unreachable, which says nothing about this mail, and an
   * outage of a few hours must not use up every mail's attempts.
   */
  static final String RETRY = """
    UPDATE mail_outbox
       SET next_attempt_at = now() + $2 * interval '1 millisecond', claimed_until = NULL, claimed_by = NULL, last_error = $3,
           attempts = CASE WHEN $4 THEN greatest(attempts - 1, 0) ELSE attempts END
     WHERE id = $1 AND state = 'pending'""";

  /** Gives up on row $1 with error $2: shown to admins, never retried. */
  static final String MARK_FAILED = """
    UPDATE mail_outbox SET state = 'failed', claimed_until = NULL, claimed_by = NULL, last_error = $2
     WHERE id = $1 AND state = 'pending'""";

  /** Records a bounce for outbox row $1 (may be null) and recipient $2 with reason $3. */
  static final String INSERT_BOUNCE = """
    INSERT INTO mail_bounce (outbox_id, recipient, reason)
    VALUES ((SELECT id FROM mail_outbox WHERE id = $1), $2, $3)
    RETURNING id, outbox_id""";

  /**
   * Marks the applicant of outbox row $1, or else the applicant with address $2, as bouncing
   * (keeping the first date); $2 is a MailKey. Returns the applicant ids.
   */
  static final String MARK_BOUNCING = """
    UPDATE applicant a SET bouncing_since = coalesce(a.bouncing_since, now())
     WHERE a.id = coalesce((SELECT applicant_id FROM mail_outbox WHERE id = $1),
                           (SELECT id FROM applicant WHERE mail_key = $2))
    RETURNING a.id""";

  /** The recipient of outbox row $1, for bounces that name only the return path. */
  static final String RECIPIENT_OF = "SELECT recipient FROM mail_outbox WHERE id = $1";

  /** The attachment links of the outbox rows with the ids in $1, in the order they were attached. */
  static final String ATTACHMENT_LINKS = """
    SELECT outbox_id, blob_id, filename, content_type FROM mail_attachment WHERE outbox_id = ANY($1) ORDER BY outbox_id, id""";

  /** The bytes of the blobs with the ids in $1. */
  static final String BLOBS = "SELECT id, content FROM mail_blob WHERE id = ANY($1)";
}
