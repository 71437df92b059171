package org.opensignup.admin;

/** The statements of grading; prepared only. */
final class GradesSql {
  private GradesSql() {}

  /** The confirmed attendances of course $1 with their grades, by name. */
  static final String LIST = """
    SELECT t.id, t.applicant_id, a.first_name, a.last_name, a.mail, t.grade, t.grade_points, t.grade_points_max, t.result,
      t.graded_at, t.graded_by
    FROM attendance t JOIN applicant a ON a.id = t.applicant_id
    WHERE t.course_id = $1 AND t.state = 'confirmed'
    ORDER BY lower(a.last_name), lower(a.first_name), t.id""";

  static final String LOCK = """
    SELECT id, applicant_id, grade, grade_points, grade_points_max, result FROM attendance
    WHERE course_id = $1 AND state = 'confirmed' ORDER BY id FOR UPDATE""";

  static final String UPDATE = """
    UPDATE attendance SET grade = $2, grade_points = $3, grade_points_max = $4, result = $5, graded_at = now(), graded_by = $6
    WHERE id = $1""";

  static final String AUDIT = """
    INSERT INTO audit_log (actor, action, entity, entity_id, applicant_id, course_id, before, after, details)
    VALUES ($1, 'grade.set', 'attendance', $2, $3, $4, $5, $6, $7)""";
}
