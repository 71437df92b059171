package org.opensignup.admin;

/**
 * SQL of the staff area's semester work (languages, courses, applicants, tokens, payment desk, audit
 * log); prepared statements only, never built from input. Seat changes are not here: they go through
 * the signup pipeline (bus/SeatCommand).
 */
final class StaffSql {
  private StaffSql() {}

  static final String LANGUAGE_COLUMNS = """
    id, name_de, name_en, reply_to, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode, lottery_drawn_at, semester_id""";

  static final String LANGUAGES = "SELECT " + LANGUAGE_COLUMNS + " FROM language ORDER BY name_de";

  static final String LANGUAGE_FOR_UPDATE = "SELECT " + LANGUAGE_COLUMNS + " FROM language WHERE id = $1 FOR UPDATE";

  /** $9 the semester; null: the current one (V13). */
  static final String INSERT_LANGUAGE = """
    INSERT INTO language (name_de, name_en, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode, reply_to, semester_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, current_semester_id())) RETURNING id""";

  static final String UPDATE_LANGUAGE = """
    UPDATE language SET name_de = $2, name_en = $3, signup_begin = $4, lottery_end = $5, fcfs_begin = $6, signup_end = $7,
      manual_mode = $8, reply_to = $9 WHERE id = $1""";

  static final String COURSE_COLUMNS = """
    c.id, c.language_id, c.level, c.alternative, c.ger, c.schedule, c.seats, c.price_cents, c.rating_lowest, c.rating_highest,
    c.rating_gated, c.collision, c.has_waiting_list, c.waiting_cap_factor, c.room, c.teacher, c.confirmed_count, c.waiting_count,
    c.closed_at, c.first_date, c.last_date""";

  static final String COURSES = "SELECT " + COURSE_COLUMNS + " FROM course c ORDER BY c.language_id, c.level, c.alternative";

  static final String COURSE = "SELECT " + COURSE_COLUMNS + " FROM course c WHERE c.id = $1";

  static final String COURSE_FOR_UPDATE = "SELECT " + COURSE_COLUMNS + " FROM course c WHERE c.id = $1 FOR UPDATE";

  static final String INSERT_COURSE = """
    INSERT INTO course (language_id, level, alternative, ger, schedule, seats, price_cents, rating_lowest, rating_highest,
      rating_gated, collision, has_waiting_list, waiting_cap_factor, room, teacher, first_date, last_date)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id""";

  /** Everything but the seats (they change only through the pipeline) and the counters. */
  static final String UPDATE_COURSE = """
    UPDATE course SET language_id = $2, level = $3, alternative = $4, ger = $5, schedule = $6, price_cents = $7,
      rating_lowest = $8, rating_highest = $9, rating_gated = $10, collision = $11, has_waiting_list = $12,
      waiting_cap_factor = $13, room = $14, teacher = $15, first_date = $16, last_date = $17 WHERE id = $1""";

  /** Only a course nobody ever signed up for (cancelled signups too keep their history). */
  static final String DELETE_EMPTY_COURSE = """
    DELETE FROM course c WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.course_id = c.id)""";

  /** The trigram index's expression (V7): the planner uses the index only for this very expression. */
  private static final String SEARCH_TEXT = "lower(a.first_name || ' ' || a.last_name || ' ' || a.mail)";

  /**
   * Applicants whose name or mail contains $1 (a LIKE pattern), or whose tag hashes to $2; $3 limits
   * to applicants of these courses (null: all). At most 500 candidates are ranked (names starting with
   * the query, $6, first; then trigram similarity to $4), so a broad query of two letters costs no more
   * than a narrow one: the answer is the best of those 500, and typing on narrows it.
   */
  static final String SEARCH_APPLICANTS = """
    SELECT m.id, m.first_name, m.last_name, m.mail, m.locale, m.bouncing FROM (
      SELECT a.id, a.first_name, a.last_name, a.mail, a.locale, a.bouncing_since IS NOT NULL AS bouncing,
        """ + SEARCH_TEXT + """
     AS search
      FROM applicant a
      WHERE a.anonymised_at IS NULL AND (""" + SEARCH_TEXT + """
     LIKE $1 OR a.tag_hash = $2)
        AND ($3::bigint[] IS NULL OR EXISTS (SELECT 1 FROM attendance t WHERE t.applicant_id = a.id AND t.course_id = ANY($3)))
      LIMIT 500) m
    ORDER BY (lower(m.last_name) LIKE $6 OR lower(m.first_name) LIKE $6 OR lower(m.mail) LIKE $6) DESC, similarity(m.search, $4) DESC, m.id
    LIMIT $5""";

  static final String APPLICANT = """
    SELECT a.id, a.first_name, a.last_name, a.mail, a.phone, a.locale, a.semester, a.origin_id, a.created_at,
      a.bouncing_since IS NOT NULL AS bouncing, a.anonymised_at FROM applicant a WHERE a.id = $1""";

  static final String ATTENDANCES_OF = """
    SELECT t.id, t.applicant_id, t.course_id, t.state, t.fee_cents, t.amount_paid_cents, t.registered_at, t.confirmed_at,
      t.cancelled_at, t.offer_expires_at, c.level, c.alternative, c.language_id, l.name_de, l.name_en
    FROM attendance t JOIN course c ON c.id = t.course_id JOIN language l ON l.id = c.language_id
    WHERE t.applicant_id = ANY($1) ORDER BY t.applicant_id, t.registered_at, t.id""";

  static final String MAILS_OF = """
    SELECT id, kind, lane, state, recipient, created_at, sent_at, last_error FROM mail_outbox
    WHERE applicant_id = $1 ORDER BY id DESC LIMIT 200""";

  static final String ATTENDANCE = """
    SELECT t.id, t.applicant_id, t.course_id, t.state, t.fee_cents, t.amount_paid_cents FROM attendance t WHERE t.id = $1""";

  static final String LOCK_ATTENDANCE = """
    SELECT id, applicant_id, course_id, fee_cents, amount_paid_cents, state FROM attendance WHERE id = $1 FOR UPDATE""";

  static final String INSERT_PAYMENT = """
    INSERT INTO payment (attendance_id, amount_cents, recorded_by, note, method, paid_on) VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id, paid_at""";

  static final String PAYMENTS_OF = """
    SELECT id, attendance_id, amount_cents, paid_at, paid_on, recorded_by, note, method FROM payment WHERE attendance_id = ANY($1)
    ORDER BY paid_on, id""";

  /**
   * The payment desk: confirmed attendances whose paid amount differs from the fee, and cancelled
   * ones with money paid (refund due); filters by language, course, the courses one manages (null:
   * all) and how long ago they were confirmed.
   */
  static final String OPEN_PAYMENTS = """
    SELECT t.id, t.applicant_id, a.first_name, a.last_name, a.mail, t.course_id, c.level, c.alternative, c.language_id,
      l.name_de, l.name_en, t.state, t.fee_cents, t.amount_paid_cents, t.confirmed_at, t.cancelled_at, t.secret
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id JOIN course c ON c.id = t.course_id
      JOIN language l ON l.id = c.language_id
    WHERE ((t.state = 'confirmed' AND t.amount_paid_cents <> t.fee_cents) OR (t.state = 'cancelled' AND t.amount_paid_cents > 0))
      AND ($1::bigint IS NULL OR c.language_id = $1) AND ($2::bigint IS NULL OR t.course_id = $2)
      AND ($3::bigint[] IS NULL OR t.course_id = ANY($3))
      AND ($4::integer IS NULL OR coalesce(t.confirmed_at, t.registered_at) <= now() - make_interval(days => $4))
      AND ($5::text IS NULL OR lower(a.first_name || ' ' || a.last_name || ' ' || a.mail) LIKE $5 OR t.secret = $6)
    ORDER BY coalesce(t.confirmed_at, t.registered_at), t.id LIMIT 1000""";

  static final String INSERT_TOKEN = """
    INSERT INTO preterm_token (token, mail_key, language_id, expires_at, issued_by) VALUES ($1, $2, $3, $4, $5)
    RETURNING id, created_at""";

  static final String TOKENS = """
    SELECT p.id, p.mail_key, p.language_id, l.name_de, l.name_en, p.expires_at, p.used_at, p.used_by, a.first_name, a.last_name,
      p.created_at, p.issued_by, p.revoked_at
    FROM preterm_token p LEFT JOIN language l ON l.id = p.language_id LEFT JOIN applicant a ON a.id = p.used_by
    ORDER BY p.created_at DESC, p.id DESC LIMIT 1000""";

  /** A revoked token also expires now, so the signup pipeline refuses it by its expiry alone. */
  static final String REVOKE_TOKEN = """
    UPDATE preterm_token SET revoked_at = now(), expires_at = least(expires_at, now())
    WHERE id = $1 AND revoked_at IS NULL AND used_at IS NULL RETURNING mail_key, language_id""";

  static final String TOKEN_EXISTS = "SELECT used_at IS NOT NULL AS used FROM preterm_token WHERE id = $1";

  static final String INSERT_API_TOKEN = """
    INSERT INTO api_token (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id, created_at""";

  static final String API_TOKENS_OF = """
    SELECT id, name, created_at, last_used_at, revoked_at FROM api_token WHERE user_id = $1 ORDER BY id DESC""";

  static final String REVOKE_API_TOKEN = """
    UPDATE api_token SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL""";

  /** The staff member behind a token with their roles (one row per role). */
  static final String API_TOKEN_STAFF = """
    SELECT t.id AS token_id, u.id, u.subject, u.mail, u.name, u.superuser, u.superuser_by_config, r.course_id, r.role
    FROM api_token t JOIN app_user u ON u.id = t.user_id LEFT JOIN course_role r ON r.user_id = u.id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL""";

  /** At most one write a minute per token, so a busy script does not rewrite the row on every call. */
  static final String TOUCH_API_TOKEN = """
    UPDATE api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""";

  static final String AUDIT = """
    INSERT INTO audit_log (actor, action, entity, entity_id, applicant_id, course_id, before, after)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  static final String AUDIT_LIST = """
    SELECT id, at, actor, action, entity, entity_id, applicant_id, course_id, before, after FROM audit_log
    WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR entity = $2) AND ($3::bigint IS NULL OR applicant_id = $3)
      AND ($4::bigint IS NULL OR course_id = $4) AND ($5::text IS NULL OR action LIKE $5)
    ORDER BY id DESC LIMIT $6""";
}
