package org.opensignup.admin;

/** Every SQL statement of the staff area; prepared statements only, never built from input. */
final class AdminSql {
  private AdminSql() {}

  /**
   * The staff member behind an OIDC subject, created on the first visit; mail and name follow the
   * provider; a superuser listed in the configuration stays one in the database.
   */
  static final String UPSERT_STAFF = """
    WITH u AS (
      INSERT INTO app_user (subject, mail, name, superuser) VALUES ($1, $2, $3, $4)
      ON CONFLICT (subject) DO UPDATE SET mail = EXCLUDED.mail, name = EXCLUDED.name,
        superuser = app_user.superuser OR EXCLUDED.superuser
      RETURNING id, superuser)
    SELECT u.id, u.superuser, r.course_id, r.role FROM u LEFT JOIN course_role r ON r.user_id = u.id""";

  /** Courses with their counts, by language; the caller filters to the courses a person may see. */
  static final String COURSES = """
    SELECT c.id, c.level, c.alternative, c.seats, c.price_cents, l.id AS language_id, l.name_de, l.name_en,
      count(a.id) FILTER (WHERE a.state = 'confirmed') AS confirmed,
      count(a.id) FILTER (WHERE a.state IN ('waiting', 'offered')) AS waiting,
      count(a.id) FILTER (WHERE a.state = 'pool') AS pool
    FROM course c JOIN language l ON l.id = c.language_id LEFT JOIN attendance a ON a.course_id = c.id
    GROUP BY c.id, l.id ORDER BY l.name_de, c.level, c.alternative""";

  static final String COURSE = """
    SELECT c.id, c.level, c.alternative, c.seats, c.price_cents, l.name_de, l.name_en
    FROM course c JOIN language l ON l.id = c.language_id WHERE c.id = $1""";

  /** The attendance list; the waiting position counts only the waiting entries before this one. */
  static final String ATTENDANCES = """
    SELECT t.id, a.first_name, a.last_name, a.mail, t.state, t.fee_cents, t.amount_paid_cents, t.paid_at,
      t.registered_at, a.bouncing_since IS NOT NULL AS bouncing,
      CASE WHEN t.state = 'waiting' THEN row_number() OVER (PARTITION BY t.state = 'waiting' ORDER BY t.arrival) END AS position
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id
    WHERE t.course_id = $1
    ORDER BY CASE t.state WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 WHEN 'pool' THEN 3 ELSE 4 END,
      t.arrival""";

  static final String LOCK_ATTENDANCE = """
    SELECT id, fee_cents, amount_paid_cents, state FROM attendance WHERE id = $1 AND course_id = $2 FOR UPDATE""";

  /** paid_at marks a fee paid in full; a correction below the fee clears it again. */
  static final String ADD_PAYMENT = """
    UPDATE attendance SET amount_paid_cents = amount_paid_cents + $2,
      paid_at = CASE WHEN amount_paid_cents + $2 >= fee_cents THEN coalesce(paid_at, now()) END
    WHERE id = $1 RETURNING amount_paid_cents, paid_at""";

  static final String INSERT_PAYMENT = """
    INSERT INTO payment (attendance_id, amount_cents, recorded_by, note) VALUES ($1, $2, $3, $4) RETURNING id""";

  static final String AUDIT = """
    INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5)""";

  /** One row per applicant (the first of their attendances in the chosen courses). */
  static final String MAIL_RECIPIENTS = """
    SELECT DISTINCT ON (a.id) a.id, a.mail, a.locale, a.first_name, a.last_name
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id
    WHERE t.course_id = ANY($1) AND t.state = ANY($2) AND a.anonymised_at IS NULL
    ORDER BY a.id""";

  static final String FAILED_MAILS = """
    SELECT id, recipient, kind, lane, attempts, last_error, created_at FROM mail_outbox
    WHERE state = 'failed' ORDER BY id DESC LIMIT 500""";

  static final String BOUNCING = """
    SELECT a.id, a.first_name, a.last_name, a.mail, a.bouncing_since,
      (SELECT b.reason FROM mail_bounce b WHERE lower(b.recipient) = a.mail_key ORDER BY b.id DESC LIMIT 1) AS reason
    FROM applicant a WHERE a.bouncing_since IS NOT NULL ORDER BY a.bouncing_since DESC LIMIT 500""";

  static final String ROLES = """
    SELECT u.id AS user_id, u.subject, u.mail, u.name, u.superuser, r.course_id, r.role
    FROM app_user u LEFT JOIN course_role r ON r.user_id = u.id ORDER BY u.subject, r.course_id, r.role""";

  static final String FIND_USER = """
    SELECT id FROM app_user WHERE subject = $1 OR lower(mail) = lower($1) ORDER BY (subject = $1) DESC LIMIT 1""";

  static final String CREATE_USER = "INSERT INTO app_user (subject) VALUES ($1) RETURNING id";

  static final String COURSE_EXISTS = "SELECT 1 FROM course WHERE id = $1";

  static final String GRANT = "INSERT INTO course_role (user_id, course_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

  static final String REVOKE = "DELETE FROM course_role WHERE user_id = $1 AND course_id = $2 AND role = $3";
}
