package org.opensignup.admin;

/** The statements of the statistics page; prepared only. */
final class StatsSql {
  private StatsSql() {}

  static final String COURSES = """
    SELECT l.name_de, l.name_en, c.id, c.level, c.alternative, c.seats,
      count(t.id) FILTER (WHERE t.state = 'confirmed') AS confirmed,
      count(t.id) FILTER (WHERE t.state IN ('waiting', 'offered')) AS waiting,
      count(t.id) FILTER (WHERE t.state = 'pool') AS pool
    FROM course c JOIN language l ON l.id = c.language_id LEFT JOIN attendance t ON t.course_id = c.id
    GROUP BY l.id, c.id ORDER BY l.name_de, c.level, c.alternative""";

  /** Applicants with at least one attendance that is not cancelled, by $1: origin, degree or semester. */
  static final String BY_ORIGIN = """
    SELECT coalesce(o.name_de, '–') AS de, coalesce(o.name_en, '–') AS en, count(*) AS n FROM applicant a LEFT JOIN origin o ON o.id = a.origin_id
    WHERE EXISTS (SELECT 1 FROM attendance t WHERE t.applicant_id = a.id AND t.state <> 'cancelled')
    GROUP BY o.id, o.name_de, o.name_en ORDER BY count(*) DESC, 1""";

  static final String BY_DEGREE = """
    SELECT coalesce(d.name_de, '–') AS de, coalesce(d.name_en, '–') AS en, count(*) AS n FROM applicant a LEFT JOIN degree d ON d.id = a.degree_id
    WHERE EXISTS (SELECT 1 FROM attendance t WHERE t.applicant_id = a.id AND t.state <> 'cancelled')
    GROUP BY d.id, d.name_de, d.name_en ORDER BY count(*) DESC, 1""";

  static final String BY_SEMESTER = """
    SELECT coalesce(a.semester::text, '–') AS de, coalesce(a.semester::text, '–') AS en, count(*) AS n FROM applicant a
    WHERE EXISTS (SELECT 1 FROM attendance t WHERE t.applicant_id = a.id AND t.state <> 'cancelled')
    GROUP BY a.semester ORDER BY a.semester NULLS LAST""";

  /** Signups per minute in the hour from the first signup's minute (the opening rush). */
  static final String PER_MINUTE = """
    WITH first AS (SELECT date_trunc('minute', min(registered_at)) AS m FROM attendance)
    SELECT to_char(date_trunc('minute', t.registered_at) AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') AS minute, count(*) AS n
    FROM attendance t, first WHERE t.registered_at >= first.m AND t.registered_at < first.m + interval '60 minutes'
    GROUP BY 1 ORDER BY 1""";

  static final String PAYMENTS = """
    SELECT (SELECT count(*) FROM payment) AS payments, (SELECT coalesce(sum(amount_cents), 0) FROM payment) AS received,
      (SELECT coalesce(sum(fee_cents - amount_paid_cents), 0) FROM attendance WHERE state = 'confirmed' AND amount_paid_cents < fee_cents) AS open,
      (SELECT count(*) FROM attendance WHERE state = 'confirmed' AND amount_paid_cents < fee_cents) AS unpaid""";

  static final String MAIL = "SELECT lane, state, count(*) AS n FROM mail_outbox GROUP BY lane, state ORDER BY lane, state";

  static final String HARVEST = """
    SELECT source, status, started_at, rows_read, coalesce(error, '') AS error FROM harvest_run ORDER BY started_at DESC LIMIT 20""";
}
