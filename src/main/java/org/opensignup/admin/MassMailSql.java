package org.opensignup.admin;

/** The statements of the mass mail; prepared statements only, never built from input. */
final class MassMailSql {
  private MassMailSql() {}

  /** Languages and their courses with counts, for the choice of recipients; the caller filters by role. */
  static final String TARGETS = """
    SELECT c.id, c.level, c.alternative, l.id AS language_id, l.name_de, l.name_en, l.reply_to,
      count(a.id) FILTER (WHERE a.state = 'confirmed') AS confirmed,
      count(a.id) FILTER (WHERE a.state IN ('waiting', 'offered')) AS waiting
    FROM course c JOIN language l ON l.id = c.language_id LEFT JOIN attendance a ON a.course_id = c.id
    GROUP BY c.id, l.id ORDER BY l.name_de, c.level, c.alternative""";

  /** The distinct reply-to addresses of the languages of the courses in $1. */
  static final String REPLY_TO = """
    SELECT DISTINCT l.reply_to FROM course c JOIN language l ON l.id = c.language_id
    WHERE c.id = ANY($1) AND l.reply_to IS NOT NULL ORDER BY l.reply_to""";

  /**
   * One row per applicant of courses $1 in states $2 (or, with $3, confirmed and not paid in full);
   * an applicant in two chosen courses gets one mail. Anonymised applicants get none.
   */
  private static final String RECIPIENTS = """
    SELECT DISTINCT ON (a.id) a.id, a.mail, a.locale, a.first_name, a.last_name
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id
    WHERE t.course_id = ANY($1) AND a.anonymised_at IS NULL
      AND (t.state = ANY($2) OR ($3 AND t.state = 'confirmed' AND t.amount_paid_cents < t.fee_cents))
    ORDER BY a.id""";

  static final String COUNT_RECIPIENTS = "SELECT count(*) AS n FROM (" + RECIPIENTS + ") r";

  static final String INSERT_DRAFT = """
    INSERT INTO mass_mail (created_by, course_ids, states, subject, body, sender_name, reply_to, cc, bcc, locale)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";

  /** Any change to a draft withdraws its test send: what is sent must be what was tested. */
  static final String UPDATE_DRAFT = """
    UPDATE mass_mail SET course_ids = $2, states = $3, subject = $4, body = $5, sender_name = $6, reply_to = $7,
      cc = $8, bcc = $9, locale = $10, tested_at = NULL
    WHERE id = $1 AND queued_at IS NULL RETURNING id""";

  static final String LOAD = """
    SELECT id, created_by, created_at, course_ids, states, subject, body, sender_name, reply_to, cc, bcc, locale,
      tested_at, queued_at, recipients
    FROM mass_mail WHERE id = $1""";

  static final String LOCK = "SELECT id, tested_at, queued_at FROM mass_mail WHERE id = $1 FOR UPDATE";

  static final String ATTACHMENTS = """
    SELECT m.position, m.filename, m.content_type, b.size FROM mass_mail_attachment m JOIN mail_blob b ON b.id = m.blob_id
    WHERE m.mass_mail_id = $1 ORDER BY m.position""";

  /** Stores a file once: a second upload of the same bytes finds the first (the no-op update returns its id). */
  static final String UPSERT_BLOB = """
    INSERT INTO mail_blob (sha256, size, content) VALUES ($1, $2, $3)
    ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING id""";

  static final String ADD_ATTACHMENT = """
    INSERT INTO mass_mail_attachment (mass_mail_id, position, blob_id, filename, content_type)
    VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM mass_mail_attachment WHERE mass_mail_id = $1), $2, $3, $4)""";

  static final String REMOVE_ATTACHMENTS = "DELETE FROM mass_mail_attachment WHERE mass_mail_id = $1 AND position = ANY($2)";

  static final String ATTACHED_BYTES = """
    SELECT coalesce(sum(b.size), 0) AS n FROM mass_mail_attachment m JOIN mail_blob b ON b.id = m.blob_id WHERE m.mass_mail_id = $1""";

  static final String STAFF_MAIL = "SELECT mail FROM app_user WHERE id = $1";

  /** The mails to the recipients: payload $4 plus each one's names; $5 the mass mail. */
  static final String QUEUE = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id, mass_mail_id)
    SELECT 'bulk', 'bulk', r.mail, r.locale, $4::jsonb || jsonb_build_object('firstName', r.first_name, 'lastName', r.last_name),
      r.id, $5
    FROM (""" + RECIPIENTS + ") r";

  /** One copy for each Cc and Bcc address ($2): they read it once, not once per recipient. */
  static final String QUEUE_COPIES = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, mass_mail_id)
    SELECT 'bulk', 'bulk', x.address, $3, $4::jsonb, $1 FROM unnest($2::text[]) AS x(address)""";

  /** A test send to the staff member ($2); on the transactional lane, so it arrives while they wait. */
  static final String QUEUE_TEST = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload) VALUES ('transactional', 'bulk', $1, $2, $3) RETURNING id""";

  /** Every mail of mass mail $1 links to the mass mail's files. */
  static final String LINK_ATTACHMENTS = """
    INSERT INTO mail_attachment (outbox_id, filename, content_type, blob_id)
    SELECT o.id, m.filename, m.content_type, m.blob_id
    FROM mail_outbox o JOIN mass_mail_attachment m ON m.mass_mail_id = o.mass_mail_id
    WHERE o.mass_mail_id = $1
    ORDER BY o.id, m.position""";

  /** The test mail (outbox row $2) links to the files of mass mail $1. */
  static final String LINK_TEST_ATTACHMENTS = """
    INSERT INTO mail_attachment (outbox_id, filename, content_type, blob_id)
    SELECT $2, m.filename, m.content_type, m.blob_id FROM mass_mail_attachment m WHERE m.mass_mail_id = $1 ORDER BY m.position""";

  static final String MARK_TESTED = "UPDATE mass_mail SET tested_at = now() WHERE id = $1";

  static final String MARK_QUEUED = "UPDATE mass_mail SET queued_at = now(), recipients = $2 WHERE id = $1";

  static final String PROGRESS = "SELECT state, count(*) AS n FROM mail_outbox WHERE mass_mail_id = $1 GROUP BY state";

  /** Failed mails, and pending ones that already failed once (retrying), with their last error. */
  static final String FAILURES = """
    SELECT recipient, state, attempts, last_error FROM mail_outbox
    WHERE mass_mail_id = $1 AND (state = 'failed' OR (state = 'pending' AND last_error IS NOT NULL))
    ORDER BY state, recipient LIMIT 500""";

  static final String RECENT = """
    SELECT id, subject, created_by, created_at, queued_at, recipients, course_ids FROM mass_mail
    ORDER BY id DESC LIMIT 50""";

  static final String AUDIT = """
    INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, 'mass_mail', $3, $4)""";
}
