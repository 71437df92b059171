package org.opensignup.signup;

/** Every SQL statement of the signup feature. Locks are always taken courses first, then applicants, each in id order. */
final class SignupSql {
  private SignupSql() {}

  static final String LOCK_COURSES = """
    SELECT c.id, c.language_id, l.name_de, l.name_en, c.level, c.alternative, c.collision, c.seats, c.confirmed_count,
           c.waiting_count, c.has_waiting_list, c.waiting_cap_factor, c.price_cents, c.rating_gated, c.rating_lowest,
           c.rating_highest, l.signup_begin, l.lottery_end, l.fcfs_begin, l.signup_end, l.manual_mode,
           c.schedule, c.room, c.teacher, c.first_date, c.last_date, l.reply_to,
           c.closed_at IS NOT NULL AS closed
      FROM course c JOIN language l ON l.id = c.language_id
     WHERE c.id = ANY($1)
     ORDER BY c.id
       FOR UPDATE OF c""";

  /** Transaction-local limits, so a stuck transaction cannot stall a partition: $1 lock wait, $2 statement time (ms). */
  static final String TIMEOUTS = "SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)";

  /**
   * Read AFTER the course locks, as its own statement: the database's clock at that moment (not the JVM's, not the
   * transaction's start) and, in a fresh snapshot, which of the courses' languages have had their draw committed.
   */
  static final String CLOCK_AND_DRAWS = """
    SELECT clock_timestamp() AS now,
           array(SELECT l.id FROM language l WHERE l.lottery_drawn_at IS NOT NULL
                    AND l.id IN (SELECT language_id FROM course WHERE id = ANY($1))) AS drawn""";

  /**
   * A plan per execution for lookups by lists of keys (a batch's, the mail model's). PostgreSQL's generic plans for
   * them, cached while the tables were still nearly empty (the first minute of a fresh installation, or the storm),
   * keep scanning whole tables after they have grown: the applicant lookup alone cost 10-90 ms per batch in the storm,
   * where an index lookup takes well under one. Statements that check foreign keys or run row triggers go back to
   * cached plans ({@link #CACHED_PLANS}), as planning those queries again for every row costs more than it saves.
   */
  static final String CUSTOM_PLANS = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";

  static final String CACHED_PLANS = "SELECT set_config('plan_cache_mode', 'auto', true)";

  static final String LOCK_APPLICANTS = """
    SELECT id, mail_key, tag_hash, origin_id, discounted
      FROM applicant
     WHERE mail_key = ANY($1) OR tag_hash = ANY($2)
     ORDER BY id
       FOR UPDATE""";

  /**
   * Running attendances of the applicants the batch matched (by mail key or tag), and cancelled ones that carry an
   * idempotency key (a retry must get the same answer). Sent right after {@link #LOCK_APPLICANTS}, in the same round
   * trip: the rows it reads belong to applicants this transaction has just locked.
   */
  static final String ATTENDANCES_OF = """
    SELECT a.id, a.applicant_id, a.course_id, c.language_id, c.level, c.collision, a.state, a.secret, a.idempotency_key,
           a.fee_cents, a.request_hash
      FROM attendance a JOIN course c ON c.id = a.course_id
     WHERE a.applicant_id IN (SELECT id FROM applicant WHERE mail_key = ANY($1) OR tag_hash = ANY($2))
       AND (a.state <> 'cancelled' OR a.idempotency_key IS NOT NULL)""";

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

  /**
   * A batch's new rows in one statement: new applicants, the attendances (an existing applicant's id, or the new
   * applicant's by mail key) and their mails (joined by the attendance's secret). Attendances are inserted in the given
   * order, so arrival numbers (the waiting-list order) follow the decisions. A new applicant a concurrent transaction
   * inserted first is skipped with its attendances; the counts returned show it, and the caller runs the batch again.
   * $1-$10 applicants, $11-$19 attendances, $20-$25 mails.
   */
  static final String WRITE_SIGNUPS = """
    WITH new_applicant AS (
      INSERT INTO applicant (mail, first_name, last_name, tag_hash, origin_id, degree_id, graduation_id, semester, locale, mail_key)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[],
                           $9::text[], $10::text[])
      ON CONFLICT DO NOTHING
      RETURNING id, mail_key),
    new_attendance AS (
      INSERT INTO attendance (applicant_id, course_id, state, fee_cents, discount_percent, secret, idempotency_key, confirmed_at,
                              request_hash)
      SELECT coalesce(u.applicant_id, n.id), u.course_id, u.state, u.fee_cents, u.discount_percent, u.secret, u.idempotency_key,
             CASE WHEN u.state = 'confirmed' THEN now() END, u.request_hash
        FROM unnest($11::bigint[], $12::text[], $13::bigint[], $14::text[], $15::int[], $16::int[], $17::text[], $18::text[],
                    $19::bytea[]) WITH ORDINALITY
             AS u(applicant_id, mail_key, course_id, state, fee_cents, discount_percent, secret, idempotency_key, request_hash, k)
        LEFT JOIN new_applicant n ON u.applicant_id IS NULL AND n.mail_key = u.mail_key
       WHERE coalesce(u.applicant_id, n.id) IS NOT NULL
       ORDER BY u.k
      RETURNING id, applicant_id, secret),
    new_mail AS (
      INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id, attendance_id)
      SELECT $20, m.kind, m.recipient, m.locale, m.payload::jsonb, a.applicant_id, a.id
        FROM unnest($21::text[], $22::text[], $23::text[], $24::text[], $25::text[]) AS m(kind, recipient, locale, payload, secret)
        JOIN new_attendance a ON a.secret = m.secret)
    SELECT (SELECT count(*) FROM new_applicant)::int AS applicants, (SELECT count(*) FROM new_attendance)::int AS attendances""";

  static final String UPDATE_APPLICANTS = """
    UPDATE applicant a SET first_name = u.first_name, last_name = u.last_name, tag_hash = coalesce(a.tag_hash, u.tag_hash),
           origin_id = u.origin_id, degree_id = coalesce(u.degree_id, a.degree_id),
           graduation_id = coalesce(u.graduation_id, a.graduation_id), semester = coalesce(u.semester, a.semester),
           locale = u.locale, last_signup_at = now()
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::text[])
           AS u(id, first_name, last_name, tag_hash, origin_id, degree_id, graduation_id, semester, locale)
     WHERE a.id = u.id""";

  static final String ADD_TO_COUNTS = """
    UPDATE course c SET confirmed_count = c.confirmed_count + d.confirmed, waiting_count = c.waiting_count + d.waiting
      FROM unnest($1::bigint[], $2::int[], $3::int[]) AS d(id, confirmed, waiting)
     WHERE c.id = d.id""";

  /** Repeated signups whose link may be mailed again now (at most once per attendance per 10 minutes). */
  static final String MARK_REPEAT_MAILED = """
    UPDATE attendance SET repeat_mailed_at = now()
     WHERE id = ANY($1) AND state <> 'cancelled' AND (repeat_mailed_at IS NULL OR repeat_mailed_at < now() - interval '10 minutes')
    RETURNING id""";

  /** $2 the applicant's id, or null for an applicant this batch inserts: then found by its mail key $3. */
  static final String USE_TOKEN = """
    UPDATE preterm_token SET used_at = now(), used_by = coalesce($2, (SELECT id FROM applicant WHERE mail_key = $3)) WHERE token = $1""";

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

  static final String COURSE_OF_ATTENDANCE = "SELECT course_id FROM attendance WHERE id = $1";

  /** A job run's lease, held (FOR SHARE) for the transaction so it cannot be taken over while this run writes. */
  static final String FENCE = """
    SELECT 1 FROM job_lease WHERE job = $1 AND holder = $2 AND lease_until > clock_timestamp() FOR SHARE""";

  static final String CLOCK = "SELECT clock_timestamp() AS now";

  /** The courses a seat change touches, locked in id order (the same order as signup batches). */
  static final String LOCK_SEAT_COURSES = """
    SELECT c.id, c.language_id, c.level, c.alternative, c.seats, c.has_waiting_list, c.waiting_cap_factor, c.price_cents,
           l.name_de, l.name_en
      FROM course c JOIN language l ON l.id = c.language_id
     WHERE c.id = ANY($1)
     ORDER BY c.id
       FOR UPDATE OF c""";

  static final String LOCK_ATTENDANCE = """
    SELECT id, applicant_id, course_id, state, confirmed_at, offer_expires_at FROM attendance WHERE secret = $1 FOR UPDATE""";

  static final String LOCK_ATTENDANCE_BY_ID = """
    SELECT id, applicant_id, course_id, state, confirmed_at, offer_expires_at FROM attendance WHERE id = $1 FOR UPDATE""";

  /** Seats, seats taken (confirmed or offered) and waiting entries of a course, counted from the rows as they are now. */
  static final String OCCUPANCY = """
    SELECT (SELECT seats FROM course WHERE id = $1) AS seats,
           (SELECT count(*) FROM attendance a WHERE a.course_id = $1 AND a.state IN ('confirmed', 'offered'))::int AS taken,
           (SELECT count(*) FROM attendance a WHERE a.course_id = $1 AND a.state = 'waiting')::int AS waiting""";

  static final String CANCEL = """
    UPDATE attendance SET state = 'cancelled', cancelled_at = now(), cancel_reason = $2, offer_expires_at = NULL WHERE id = $1""";

  /** The counters follow the rows of the courses a change touched; the course's check refuses an oversold result. */
  static final String RECOUNT = """
    UPDATE course c SET confirmed_count = k.confirmed, waiting_count = k.waiting
      FROM (SELECT x.id,
                   (SELECT count(*) FROM attendance a WHERE a.course_id = x.id AND a.state IN ('confirmed', 'offered'))::int AS confirmed,
                   (SELECT count(*) FROM attendance a WHERE a.course_id = x.id AND a.state = 'waiting')::int AS waiting
              FROM unnest($1::bigint[]) AS x(id)) k
     WHERE c.id = k.id""";

  /** The oldest waiting entries of a course: they get freed seats. */
  static final String FIRST_WAITING = """
    SELECT id FROM attendance WHERE course_id = $1 AND state = 'waiting' ORDER BY arrival LIMIT $2 FOR UPDATE""";

  static final String CONFIRM = """
    UPDATE attendance SET state = 'confirmed', confirmed_at = now(), offer_expires_at = NULL WHERE id = ANY($1)""";

  static final String OFFER = "UPDATE attendance SET state = 'offered', offer_expires_at = $2 WHERE id = ANY($1)";

  /** A move keeps the attendance (secret, payments) and puts it at the end of the new course's arrival order. */
  static final String MOVE = """
    UPDATE attendance a SET course_id = c.id, state = $3, offer_expires_at = NULL, arrival = nextval('attendance_arrival'),
           confirmed_at = CASE WHEN $3 = 'confirmed' THEN now() END,
           fee_cents = CASE WHEN a.fee_cents = 0 THEN 0 ELSE c.price_cents * (100 - a.discount_percent) / 100 END
      FROM course c WHERE a.id = $1 AND c.id = $2""";

  static final String ADD = """
    INSERT INTO attendance (applicant_id, course_id, state, fee_cents, discount_percent, secret, confirmed_at)
    SELECT p.id, c.id, $3, c.price_cents * (100 - coalesce(o.discount_percent, 0)) / 100, coalesce(o.discount_percent, 0), $4,
           CASE WHEN $3 = 'confirmed' THEN now() END
      FROM applicant p JOIN course c ON c.id = $2 LEFT JOIN origin o ON o.id = p.origin_id
     WHERE p.id = $1
    RETURNING id""";

  static final String SET_SEATS = "UPDATE course SET seats = $2 WHERE id = $1";

  static final String AUDIT = """
    INSERT INTO audit_log (actor, action, entity, entity_id, applicant_id, course_id, before, after)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  /** The mail model of an attendance: who, which course, which state. */
  static final String MAIL_MODEL = """
    SELECT a.id, a.applicant_id, a.state, a.secret, a.fee_cents, a.offer_expires_at, a.confirmed_at, ap.mail, ap.first_name,
           ap.last_name, ap.locale, a.course_id, c.level, c.alternative, l.name_de, l.name_en, l.manual_mode,
           c.schedule, c.room, c.teacher, c.first_date, c.last_date, l.reply_to, c.seats, l.lottery_end,
           CASE WHEN a.state = 'waiting' THEN (SELECT count(*) + 1 FROM attendance w
                WHERE w.course_id = a.course_id AND w.state = 'waiting' AND w.arrival < a.arrival) END AS position,
           CASE WHEN a.state = 'waiting' THEN (SELECT count(*) FROM attendance w
                WHERE w.course_id = a.course_id AND w.state = 'waiting') END AS waiting_of
      FROM attendance a JOIN applicant ap ON ap.id = a.applicant_id JOIN course c ON c.id = a.course_id
      JOIN language l ON l.id = c.language_id
     WHERE a.id = ANY($1)""";

  static final String EXPIRED_OFFERS = """
    SELECT id FROM attendance WHERE state = 'offered' AND offer_expires_at <= now() ORDER BY offer_expires_at LIMIT 100""";

  // --- lottery -----------------------------------------------------------------------------------

  /** Languages whose lottery window has ended by the database's clock and that are not drawn yet. */
  static final String LANGUAGES_TO_DRAW = """
    SELECT id FROM language WHERE NOT manual_mode AND lottery_end IS NOT NULL AND lottery_end <= now() AND lottery_drawn_at IS NULL
     ORDER BY id""";

  static final String LOCK_LANGUAGE = "SELECT id, lottery_drawn_at, manual_mode FROM language WHERE id = $1 FOR UPDATE";

  static final String LOCK_LANGUAGE_COURSES = "SELECT id FROM course WHERE language_id = $1 ORDER BY id FOR UPDATE";

  /** Read after the locks, in a fresh snapshot: the room each course of the language has for the draw. */
  static final String LANGUAGE_ROOMS = """
    SELECT c.id, c.seats, c.has_waiting_list, c.waiting_cap_factor,
           (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state IN ('confirmed', 'offered'))::int AS taken,
           (SELECT count(*) FROM attendance a WHERE a.course_id = c.id AND a.state = 'waiting')::int AS waiting
      FROM course c WHERE c.language_id = $1 ORDER BY c.id""";


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
