package org.opensignup.admin;

/** SQL of semesters: list, create, copy, the close checklist, archive and the read-only check. Prepared statements only. */
final class SemestersSql {
  private SemestersSql() {}

  static final String COLUMNS = "s.id, s.name, s.starts_on, s.ends_on, s.state, s.created_at, s.archived_at, s.id = current_semester_id() AS current";

  static final String LIST = "SELECT " + COLUMNS + """
    , (SELECT count(*) FROM language l WHERE l.semester_id = s.id) AS languages,
      (SELECT count(*) FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = s.id) AS courses
    FROM semester s ORDER BY s.starts_on DESC, s.id DESC""";

  static final String ONE = "SELECT " + COLUMNS + " FROM semester s WHERE s.id = $1";

  static final String LOCK = "SELECT " + COLUMNS + " FROM semester s WHERE s.id = $1 FOR UPDATE";

  static final String INSERT = "INSERT INTO semester (name, starts_on, ends_on) VALUES ($1, $2, $3) RETURNING id";

  /** The languages of semester $1 into semester $2, every window moved by $3 days; not drawn yet. */
  static final String COPY_LANGUAGES = """
    INSERT INTO language (semester_id, name_de, name_en, reply_to, signup_begin, lottery_end, fcfs_begin, signup_end, manual_mode)
    SELECT $2, l.name_de, l.name_en, l.reply_to, l.signup_begin + make_interval(days => $3), l.lottery_end + make_interval(days => $3),
      l.fcfs_begin + make_interval(days => $3), l.signup_end + make_interval(days => $3), l.manual_mode
    FROM language l WHERE l.semester_id = $1 ORDER BY l.id""";

  /** The courses of semester $1 into the copied languages of semester $2 (matched by name, unique per semester); empty counters. */
  static final String COPY_COURSES = """
    INSERT INTO course (language_id, level, alternative, ger, schedule, seats, price_cents, rating_lowest, rating_highest,
      rating_gated, collision, has_waiting_list, waiting_cap_factor, room, teacher, first_date, last_date)
    SELECT n.id, c.level, c.alternative, c.ger, c.schedule, c.seats, c.price_cents, c.rating_lowest, c.rating_highest,
      c.rating_gated, c.collision, c.has_waiting_list, c.waiting_cap_factor, c.room, c.teacher,
      c.first_date + $3::int, c.last_date + $3::int
    FROM course c JOIN language o ON o.id = c.language_id JOIN language n ON n.semester_id = $2 AND n.name_de = o.name_de
    WHERE o.semester_id = $1 ORDER BY c.id""";

  private static final String OF_SEMESTER = """
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id JOIN course c ON c.id = t.course_id
      JOIN language l ON l.id = c.language_id
    WHERE l.semester_id = $1 AND t.state = 'confirmed'""";

  /** Confirmed attendances with fee left to pay: how many in all ($total), and the first $2 by name. */
  static final String UNPAID = """
    SELECT count(*) OVER () AS total, t.id, t.course_id, a.first_name, a.last_name, t.fee_cents - t.amount_paid_cents AS open_cents
    """ + OF_SEMESTER + """
     AND t.amount_paid_cents < t.fee_cents
    ORDER BY a.last_name, a.first_name, t.id LIMIT $2""";

  /** Confirmed attendances with neither a grade, points nor a result. */
  static final String UNGRADED = """
    SELECT count(*) OVER () AS total, t.id, t.course_id, a.first_name, a.last_name, 0 AS open_cents
    """ + OF_SEMESTER + """
     AND t.grade IS NULL AND t.grade_points IS NULL AND t.result IS NULL
    ORDER BY a.last_name, a.first_name, t.id LIMIT $2""";

  /** Mails about the semester's attendances or mass mails to its courses that are still pending or failed. */
  static final String OPEN_MAILS = """
    SELECT m.state, count(*) AS total, (array_agg(m.recipient || ' (' || m.kind || ')' ORDER BY m.id DESC))[1:5] AS examples
    FROM mail_outbox m
    WHERE m.state IN ('pending', 'failed')
      AND (m.attendance_id IN (SELECT t.id FROM attendance t JOIN course c ON c.id = t.course_id JOIN language l ON l.id = c.language_id
                                WHERE l.semester_id = $1)
        OR m.mass_mail_id IN (SELECT mm.id FROM mass_mail mm WHERE mm.course_ids && ARRAY(
             SELECT c.id FROM course c JOIN language l ON l.id = c.language_id WHERE l.semester_id = $1)))
    GROUP BY m.state""";

  static final String ARCHIVE = """
    UPDATE semester SET state = 'archived', archived_at = now() WHERE id = $1 AND state = 'open'""";

  /**
   * The name of an archived semester that one of these is part of: languages $1, courses $2,
   * attendances $3, mass mails $4 (by their courses), semesters $5; no row when all are writable.
   */
  static final String ARCHIVED_AMONG = """
    SELECT s.name FROM semester s
    WHERE s.state = 'archived' AND (s.id = ANY($5) OR EXISTS (
      SELECT 1 FROM language l WHERE l.semester_id = s.id AND (l.id = ANY($1)
        OR l.id IN (SELECT c.language_id FROM course c WHERE c.id = ANY($2))
        OR l.id IN (SELECT c.language_id FROM attendance t JOIN course c ON c.id = t.course_id WHERE t.id = ANY($3))
        OR l.id IN (SELECT c.language_id FROM mass_mail m JOIN course c ON c.id = ANY(m.course_ids) WHERE m.id = ANY($4)))))
    LIMIT 1""";
}
