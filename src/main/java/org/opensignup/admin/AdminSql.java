package org.opensignup.admin;

/** Every SQL statement of the staff area; prepared statements only, never built from input. */
final class AdminSql {
  private AdminSql() {}

  /**
   * The staff member behind an OIDC subject, created on the first visit; mail, name and the
   * configuration's superuser flag follow the provider and the configuration at every visit. The
   * flag granted on the roles page ({@code superuser}) is kept.
   */
  static final String UPSERT_STAFF = """
    INSERT INTO app_user (subject, mail, name, mail_verified, superuser_by_config) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (subject) DO UPDATE SET mail = EXCLUDED.mail, name = EXCLUDED.name, mail_verified = EXCLUDED.mail_verified,
      superuser_by_config = EXCLUDED.superuser_by_config
    RETURNING id, superuser OR superuser_by_config AS superuser""";

  /** Invitations to this verified address become roles of this user (and are gone). */
  static final String BIND_INVITATIONS = """
    WITH inv AS (DELETE FROM role_invitation WHERE mail_key = lower($2) RETURNING course_id, role, invited_by)
    INSERT INTO course_role (user_id, course_id, role) SELECT $1, course_id, role FROM inv
    ON CONFLICT DO NOTHING RETURNING course_id, role""";

  static final String STAFF_ROLES = "SELECT course_id, role FROM course_role WHERE user_id = $1";

  /** Courses with their counts, by language; the caller filters to the courses a person may see. */
  static final String COURSES = """
    SELECT c.id, c.level, c.alternative, c.seats, c.price_cents, l.id AS language_id, l.name_de, l.name_en,
      count(a.id) FILTER (WHERE a.state = 'confirmed') AS confirmed,
      count(a.id) FILTER (WHERE a.state IN ('waiting', 'offered')) AS waiting,
      count(a.id) FILTER (WHERE a.state = 'pool') AS pool
    FROM course c JOIN language l ON l.id = c.language_id LEFT JOIN attendance a ON a.course_id = c.id
    GROUP BY c.id, l.id ORDER BY l.name_de, c.level, c.alternative""";

  static final String COURSE = """
    SELECT c.id, c.language_id, c.level, c.alternative, c.seats, c.price_cents, l.name_de, l.name_en
    FROM course c JOIN language l ON l.id = c.language_id WHERE c.id = $1""";

  /** The attendance list; the waiting position counts only the waiting entries before this one. */
  static final String ATTENDANCES = """
    SELECT t.id, a.first_name, a.last_name, a.mail, t.state, t.fee_cents, t.amount_paid_cents, t.paid_at,
      t.registered_at, a.bouncing_since IS NOT NULL AS bouncing, t.origin_pending,
      CASE WHEN t.state = 'waiting' THEN row_number() OVER (PARTITION BY t.state = 'waiting' ORDER BY t.arrival) END AS position
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id
    WHERE t.course_id = $1
    ORDER BY CASE t.state WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 WHEN 'pool' THEN 3 ELSE 4 END,
      t.arrival""";

  /**
   * A pending attendance with what its fee depends on; "first course" as the signup rules count it
   * (no other running attendance of this applicant came before).
   */
  static final String LOCK_PENDING_ORIGIN = """
    SELECT t.id, t.applicant_id, t.fee_cents, t.discount_percent, t.origin_pending, c.price_cents, ap.discounted,
      coalesce(o.first_course_free, false) AS first_course_free, coalesce(o.discount_percent, 0) AS origin_discount, o.name_de,
      NOT EXISTS (SELECT 1 FROM attendance x WHERE x.applicant_id = t.applicant_id AND x.id <> t.id AND x.state <> 'cancelled'
                  AND x.arrival < t.arrival) AS first_course
    FROM attendance t JOIN course c ON c.id = t.course_id JOIN applicant ap ON ap.id = t.applicant_id
      LEFT JOIN origin o ON o.id = ap.origin_id
    WHERE t.id = $1 AND t.course_id = $2 FOR UPDATE OF t""";

  /** The origin confirmed: its discount applies now; paid_at follows the new fee. */
  static final String CONFIRM_ORIGIN = """
    UPDATE attendance SET fee_cents = $2, discount_percent = $3, origin_pending = false, origin_confirmed_at = now(),
      origin_confirmed_by = $4, paid_at = CASE WHEN amount_paid_cents >= $2 THEN coalesce(paid_at, now()) END
    WHERE id = $1""";

  static final String LOCK_ATTENDANCE = """
    SELECT id, fee_cents, amount_paid_cents, state FROM attendance WHERE id = $1 AND course_id = $2 FOR UPDATE""";

  /** paid_at marks a fee paid in full; a correction below the fee clears it again. */
  static final String ADD_PAYMENT = """
    UPDATE attendance SET amount_paid_cents = amount_paid_cents + $2,
      paid_at = CASE WHEN amount_paid_cents + $2 >= fee_cents THEN coalesce(paid_at, now()) END
    WHERE id = $1 RETURNING amount_paid_cents, paid_at""";

  static final String INSERT_PAYMENT = """
    INSERT INTO payment (attendance_id, amount_cents, recorded_by, note, paid_on) VALUES ($1, $2, $3, $4, $5) RETURNING id""";

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

  /** Staff with their roles and the roles' course names. */
  static final String ROLES = """
    SELECT u.id AS user_id, u.subject, u.mail, u.mail_verified, u.name, u.superuser, u.superuser_by_config,
      r.course_id, r.role, c.level, c.alternative, l.name_de, l.name_en
    FROM app_user u LEFT JOIN course_role r ON r.user_id = u.id LEFT JOIN course c ON c.id = r.course_id
      LEFT JOIN language l ON l.id = c.language_id
    ORDER BY coalesce(u.name, u.mail, u.subject), u.id, l.name_de, c.level, c.alternative, r.role""";

  static final String INVITATIONS = """
    SELECT i.mail_key, i.course_id, i.role, i.invited_by, i.invited_at, c.level, c.alternative, l.name_de, l.name_en
    FROM role_invitation i JOIN course c ON c.id = i.course_id JOIN language l ON l.id = c.language_id
    ORDER BY i.mail_key, l.name_de, c.level, c.alternative, i.role""";

  static final String FIND_USER_BY_SUBJECT = "SELECT id FROM app_user WHERE subject = $1";

  /** A mail address names a person only when their provider verified it. */
  static final String FIND_USER_BY_VERIFIED_MAIL = """
    SELECT id FROM app_user WHERE mail_verified AND lower(mail) = lower($1) ORDER BY id LIMIT 1""";

  static final String CREATE_USER = "INSERT INTO app_user (subject) VALUES ($1) RETURNING id";

  static final String INVITE = """
    INSERT INTO role_invitation (mail_key, course_id, role, invited_by) VALUES (lower($1), $2, $3, $4) ON CONFLICT DO NOTHING""";

  static final String UNINVITE = "DELETE FROM role_invitation WHERE mail_key = lower($1) AND course_id = $2 AND role = $3";

  static final String LOCK_USER = "SELECT id, subject, superuser, superuser_by_config FROM app_user WHERE id = $1 FOR UPDATE";

  static final String SET_SUPERUSER = "UPDATE app_user SET superuser = $2 WHERE id = $1";

  static final String COURSE_EXISTS = "SELECT 1 FROM course WHERE id = $1";

  static final String GRANT = "INSERT INTO course_role (user_id, course_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

  static final String REVOKE = "DELETE FROM course_role WHERE user_id = $1 AND course_id = $2 AND role = $3";
}
