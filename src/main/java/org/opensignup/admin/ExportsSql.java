package org.opensignup.admin;

/** The statement behind the chosen-column exports; prepared only. */
final class ExportsSql {
  private ExportsSql() {}

  /** The attendances (not cancelled) of the courses in $1; with $2 only the confirmed ones. */
  static final String LINES = """
    SELECT l.name_de, l.name_en, c.level, c.alternative, c.ger, a.first_name, a.last_name, a.mail, t.state,
      o.name_de AS origin_de, o.name_en AS origin_en, d.name_de AS degree_de, d.name_en AS degree_en, a.semester,
      t.fee_cents, t.amount_paid_cents, t.grade, t.grade_points, t.grade_points_max, t.result, t.graded_at
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id JOIN course c ON c.id = t.course_id
      JOIN language l ON l.id = c.language_id LEFT JOIN origin o ON o.id = a.origin_id LEFT JOIN degree d ON d.id = a.degree_id
    WHERE t.course_id = ANY($1) AND t.state <> 'cancelled' AND (NOT $2 OR t.state = 'confirmed')
    ORDER BY l.name_de, c.level, c.alternative, lower(a.last_name), lower(a.first_name), t.id""";

  static final String ALL_COURSES = "SELECT id FROM course ORDER BY id";

  static final String LANGUAGE_COURSES = "SELECT id FROM course WHERE language_id = $1 ORDER BY id";
}
