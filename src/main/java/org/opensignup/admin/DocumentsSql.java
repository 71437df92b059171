package org.opensignup.admin;

/** The statements behind the staff's documents (lists, certificates, receipts); prepared only. */
final class DocumentsSql {
  private DocumentsSql() {}

  private static final String COURSE_COLUMNS = """
    SELECT c.id, c.level, c.alternative, c.ger, c.schedule, l.id AS language_id, l.name_de, l.name_en
    FROM course c JOIN language l ON l.id = c.language_id""";

  static final String COURSE = COURSE_COLUMNS + " WHERE c.id = $1";

  static final String LANGUAGE_COURSES = COURSE_COLUMNS + " WHERE c.language_id = $1 ORDER BY c.level, c.alternative";

  private static final String PERSON_COLUMNS = """
    SELECT t.id, t.course_id, a.first_name, a.last_name, a.mail, t.fee_cents, t.amount_paid_cents, t.grade, t.grade_points,
      t.grade_points_max, t.result
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id""";

  /** The confirmed participants of the courses in $1, by name. */
  static final String PARTICIPANTS = PERSON_COLUMNS + """
     WHERE t.course_id = ANY($1) AND t.state = 'confirmed'
    ORDER BY t.course_id, lower(a.last_name), lower(a.first_name), t.id""";

  static final String ATTENDANCE = PERSON_COLUMNS + " WHERE t.id = $1";

  // the receipt prints the day the money was paid (noon there, so the day is the same in any zone)
  static final String PAYMENTS = """
    SELECT (paid_on + time '12:00') AT TIME ZONE 'Europe/Berlin' AS paid_at, amount_cents, note
      FROM payment WHERE attendance_id = $1 ORDER BY paid_on, id""";
}
