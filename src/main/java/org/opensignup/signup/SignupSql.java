package org.opensignup.signup;

/** Every SQL statement of the signup feature. Locks are always taken courses first, then applicants, each in id order. */
final class SignupSql {
  private SignupSql() {}

  static final String LOCK_COURSES = """
    SELECT c.id, c.language_id, l.name_de, l.name_en, c.level, c.alternative, c.collision, c.seats, c.confirmed_count,
           c.waiting_count, c.has_waiting_list, c.waiting_cap_factor, c.price_cents, c.rating_gated, c.rating_lowest,
           c.rating_highest, l.signup_begin, l.lottery_end, l.fcfs_begin, l.signup_end, l.manual_mode
      FROM course c JOIN language l ON l.id = c.language_id
     WHERE c.id = ANY($1)
     ORDER BY c.id
       FOR UPDATE OF c""";

  static final String LOCK_APPLICANTS = """
    SELECT id, mail_key, tag_hash, origin_id, discounted
      FROM applicant
     WHERE mail_key = ANY($1) OR tag_hash = ANY($2)
     ORDER BY id
       FOR UPDATE""";

  /** Running attendances, and cancelled ones that carry an idempotency key (a retry must get the same answer). */
  static final String ATTENDANCES_OF = """
    SELECT a.id, a.applicant_id, a.course_id, c.language_id, c.level, c.collision, a.state, a.secret, a.idempotency_key,
           a.fee_cents
      FROM attendance a JOIN course c ON c.id = a.course_id
     WHERE a.applicant_id = ANY($1) AND (a.state <> 'cancelled' OR a.idempotency_key IS NOT NULL)""";

  /** Waiting positions, asked only for the few answers that repeat an earlier waiting-list answer. */
  static final String POSITIONS = """
    SELECT a.secret, (SELECT count(*) + 1 FROM attendance w
                       WHERE w.course_id = a.course_id AND w.state = 'waiting' AND w.arrival < a.arrival) AS position
      FROM attendance a WHERE a.secret = ANY($1) AND a.state = 'waiting'""";

  static final String REFERENCE_DATA = """
    SELECT 'origin' AS kind, id, internal, validate_registration, requires_degree, first_course_free, discount_percent,
           proof, proof_claim, proof_values FROM origin
    UNION ALL SELECT 'degree', id, false, false, false, false, 0, 'none', NULL, '{}'::text[] FROM degree
    UNION ALL SELECT 'graduation', id, false, false, false, false, 0, 'none', NULL, '{}'::text[] FROM graduation""";

  static final String APPROVALS_FOR = "SELECT tag_hash, percent, priority FROM approval WHERE tag_hash = ANY($1)";

  static final String REGISTERED = "SELECT tag_hash FROM registration WHERE tag_hash = ANY($1)";

  static final String LOCK_TOKENS = """
    SELECT token, mail_key, language_id, expires_at, used_at IS NOT NULL AS used
      FROM preterm_token WHERE token = ANY($1) ORDER BY token FOR UPDATE""";

  // A batch writes each table with one statement over arrays (unnest), not one statement per signup.

  static final String INSERT_APPLICANTS = """
    INSERT INTO applicant (mail, first_name, last_name, tag_hash, origin_id, degree_id, graduation_id, semester, locale)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::text[])
    ON CONFLICT DO NOTHING
    RETURNING id, mail_key""";

  static final String UPDATE_APPLICANTS = """
    UPDATE applicant a SET first_name = u.first_name, last_name = u.last_name, tag_hash = coalesce(a.tag_hash, u.tag_hash),
           origin_id = u.origin_id, degree_id = coalesce(u.degree_id, a.degree_id),
           graduation_id = coalesce(u.graduation_id, a.graduation_id), semester = coalesce(u.semester, a.semester),
           locale = u.locale, last_signup_at = now()
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::text[])
           AS u(id, first_name, last_name, tag_hash, origin_id, degree_id, graduation_id, semester, locale)
     WHERE a.id = u.id""";

  /** Rows are inserted in the given order, so arrival numbers (the waiting-list order) follow the decisions. */
  static final String INSERT_ATTENDANCES = """
    INSERT INTO attendance (applicant_id, course_id, state, fee_cents, discount_percent, secret, idempotency_key, confirmed_at)
    SELECT u.applicant_id, u.course_id, u.state, u.fee_cents, u.discount_percent, u.secret, u.idempotency_key,
           CASE WHEN u.state = 'confirmed' THEN now() END
      FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) WITH ORDINALITY
           AS u(applicant_id, course_id, state, fee_cents, discount_percent, secret, idempotency_key, n)
     ORDER BY u.n
    RETURNING id, secret""";

  static final String ADD_TO_COUNTS = """
    UPDATE course c SET confirmed_count = c.confirmed_count + d.confirmed, waiting_count = c.waiting_count + d.waiting
      FROM unnest($1::bigint[], $2::int[], $3::int[]) AS d(id, confirmed, waiting)
     WHERE c.id = d.id""";

  static final String USE_TOKEN = "UPDATE preterm_token SET used_at = now(), used_by = $2 WHERE token = $1";

  // --- status, sign-off, waiting list ------------------------------------------------------------

  static final String STATUS = """
    SELECT a.id, a.state, a.secret, a.fee_cents, a.amount_paid_cents, a.confirmed_at, a.registered_at, a.offer_expires_at,
           a.origin_pending, a.course_id, c.level, c.alternative, l.name_de, l.name_en, ap.first_name, ap.last_name, ap.locale,
           CASE WHEN a.state = 'waiting' THEN (SELECT count(*) + 1 FROM attendance w
                WHERE w.course_id = a.course_id AND w.state = 'waiting' AND w.arrival < a.arrival) END AS position
      FROM attendance a JOIN course c ON c.id = a.course_id JOIN language l ON l.id = c.language_id
      JOIN applicant ap ON ap.id = a.applicant_id
     WHERE a.secret = $1""";

  static final String COURSE_OF_SECRET = "SELECT course_id FROM attendance WHERE secret = $1";

  static final String LOCK_COURSE = "SELECT id, seats, confirmed_count, waiting_count FROM course WHERE id = $1 FOR UPDATE";

  static final String LOCK_ATTENDANCE = """
    SELECT a.id, a.applicant_id, a.state, a.confirmed_at, a.offer_expires_at FROM attendance a WHERE a.secret = $1 FOR UPDATE""";

  static final String CANCEL = """
    UPDATE attendance SET state = 'cancelled', cancelled_at = now(), cancel_reason = $2, offer_expires_at = NULL WHERE id = $1""";

  static final String SET_COUNTS = "UPDATE course SET confirmed_count = $2, waiting_count = $3 WHERE id = $1";

  /** The oldest waiting entry of a course: it gets the freed seat. */
  static final String FIRST_WAITING = """
    SELECT id FROM attendance WHERE course_id = $1 AND state = 'waiting' ORDER BY arrival LIMIT 1 FOR UPDATE""";

  static final String CONFIRM = """
    UPDATE attendance SET state = 'confirmed', confirmed_at = now(), offer_expires_at = NULL WHERE id = $1""";

  static final String OFFER = "UPDATE attendance SET state = 'offered', offer_expires_at = $2 WHERE id = $1";

  /** The mail model of an attendance: who, which course, which state. */
  static final String MAIL_MODEL = """
    SELECT a.id, a.applicant_id, a.state, a.secret, a.fee_cents, a.offer_expires_at, ap.mail, ap.first_name, ap.last_name,
           ap.locale, c.level, c.alternative, l.name_de, l.name_en,
           CASE WHEN a.state = 'waiting' THEN (SELECT count(*) + 1 FROM attendance w
                WHERE w.course_id = a.course_id AND w.state = 'waiting' AND w.arrival < a.arrival) END AS position
      FROM attendance a JOIN applicant ap ON ap.id = a.applicant_id JOIN course c ON c.id = a.course_id
      JOIN language l ON l.id = c.language_id
     WHERE a.id = ANY($1)""";

  static final String EXPIRED_OFFERS = """
    SELECT secret FROM attendance WHERE state = 'offered' AND offer_expires_at <= now() ORDER BY offer_expires_at LIMIT 100""";

  // --- lottery -----------------------------------------------------------------------------------

  static final String LANGUAGES_TO_DRAW = """
    SELECT id FROM language WHERE NOT manual_mode AND lottery_end IS NOT NULL AND lottery_end <= now() AND lottery_drawn_at IS NULL
     ORDER BY id""";

  static final String LOCK_LANGUAGE = "SELECT id, lottery_drawn_at FROM language WHERE id = $1 FOR UPDATE";

  static final String LOCK_LANGUAGE_COURSES = """
    SELECT id, seats, confirmed_count, waiting_count, has_waiting_list, waiting_cap_factor
      FROM course WHERE language_id = $1 ORDER BY id FOR UPDATE""";

  /** The pool of a language, with each applicant's number of running applications anywhere (the draw's weight). */
  static final String POOL = """
    SELECT a.id, a.applicant_id, a.course_id,
           (SELECT count(*) FROM attendance o WHERE o.applicant_id = a.applicant_id AND o.state <> 'cancelled') AS applications
      FROM attendance a JOIN course c ON c.id = a.course_id
     WHERE c.language_id = $1 AND a.state = 'pool'
     ORDER BY a.id""";

  static final String DRAW_CONFIRM = """
    UPDATE attendance SET state = 'confirmed', confirmed_at = now(), arrival = nextval('attendance_arrival') WHERE id = $1""";

  static final String DRAW_WAIT = "UPDATE attendance SET state = 'waiting', arrival = nextval('attendance_arrival') WHERE id = $1";

  static final String DRAW_REFUSE = """
    UPDATE attendance SET state = 'cancelled', cancelled_at = now(), cancel_reason = 'lottery: course full' WHERE id = $1""";

  static final String RECORD_DRAW = """
    INSERT INTO lottery_draw (language_id, seed, pool_size, confirmed, waiting) VALUES ($1, $2, $3, $4, $5)""";

  static final String MARK_DRAWN = "UPDATE language SET lottery_drawn_at = now() WHERE id = $1";
}
