package org.opensignup.admin;

/**
 * SQL of the staff desk: closing and reopening a course, and editing an applicant's data. Prepared
 * statements only. Seats and counters are not touched here (they change through the signup pipeline).
 */
final class StaffDeskSql {
  private StaffDeskSql() {}

  static final String LOCK_COURSE = "SELECT id, closed_at FROM course WHERE id = $1 FOR UPDATE";

  /** $2 true closes (keeping the first closing time), false reopens. */
  static final String SET_CLOSED = """
    UPDATE course SET closed_at = CASE WHEN $2 THEN coalesce(closed_at, now()) END WHERE id = $1 RETURNING closed_at""";

  static final String APPLICANT_COLUMNS = """
    id, mail, first_name, last_name, tag_hash IS NOT NULL AS has_tag, origin_id, degree_id, graduation_id, semester, locale,
    anonymised_at""";

  static final String APPLICANT = "SELECT " + APPLICANT_COLUMNS + " FROM applicant WHERE id = $1";

  static final String LOCK_APPLICANT = "SELECT " + APPLICANT_COLUMNS + " FROM applicant WHERE id = $1 FOR UPDATE";

  /** Whether the chosen origin ($1), degree ($2) and graduation ($3) exist, and whether the origin asks for degree and semester. */
  static final String CHOICES = """
    SELECT (SELECT requires_degree FROM origin WHERE id = $1) AS requires_degree,
           ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM degree WHERE id = $2)) AS degree_ok,
           ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM graduation WHERE id = $3)) AS graduation_ok""";

  /** Another applicant ($1) holding this mail key ($2) or this tag hash ($3). */
  static final String CLASHES = """
    SELECT EXISTS (SELECT 1 FROM applicant WHERE mail_key = $2 AND id <> $1) AS mail_taken,
           ($3::bytea IS NOT NULL AND EXISTS (SELECT 1 FROM applicant WHERE tag_hash = $3 AND id <> $1)) AS tag_taken""";

  /** $10 true: the tag hash becomes $11 (null removes it); false keeps it. */
  static final String UPDATE_APPLICANT = """
    UPDATE applicant SET mail = $2, mail_key = $3, first_name = $4, last_name = $5, origin_id = $6, degree_id = $7,
      graduation_id = $8, semester = $9, tag_hash = CASE WHEN $10 THEN $11 ELSE tag_hash END, locale = $12
    WHERE id = $1""";

  static final String ORIGINS = "SELECT id, name_de, name_en FROM origin ORDER BY id";

  static final String DEGREES = "SELECT id, name_de, name_en FROM degree ORDER BY name_de";

  static final String GRADUATIONS = "SELECT id, name_de, name_en FROM graduation ORDER BY name_de";
}
