package org.opensignup.admin;

/**
 * The statements of background exports (table export_job, V15); prepared only. Every write of a
 * running job matches its worker, so a worker whose job was taken from it (stale, or re-queued on
 * stop) writes nothing more.
 */
final class ExportJobsSql {
  private ExportJobsSql() {}

  static final String CREATE = """
    INSERT INTO export_job (requested_by, scope, params, texts) VALUES ($1, $2, $3, $4) RETURNING id""";

  /** Everything but the file; {@code expired} by the database's clock. */
  static final String FIND = """
    SELECT id, requested_by, scope, params, state, progress, rows, file_name, error, created_at, started_at, finished_at,
      expires_at, (expires_at IS NOT NULL AND expires_at <= now()) AS expired, file IS NOT NULL AS has_file
    FROM export_job WHERE id = $1""";

  static final String FILE = "SELECT file, file_name, content_type FROM export_job WHERE id = $1";

  /** The oldest queued job, taken by worker $1 (SKIP LOCKED: two workers never take the same one). */
  static final String CLAIM = """
    UPDATE export_job SET state = 'running', worker = $1, heartbeat_at = now(), started_at = now(), progress = 0, rows = 0
    WHERE id = (SELECT id FROM export_job WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, requested_by, scope, params, texts""";

  static final String PROGRESS = """
    UPDATE export_job SET progress = $3, rows = $4, heartbeat_at = now() WHERE id = $1 AND worker = $2 AND state = 'running'""";

  static final String HEARTBEAT = "UPDATE export_job SET heartbeat_at = now() WHERE worker = $1 AND state = 'running'";

  /** $5: hours the file is kept. */
  static final String DONE = """
    UPDATE export_job SET state = 'done', progress = 100, rows = $3, file = $4, file_name = $6, content_type = $7, worker = NULL,
      finished_at = now(), expires_at = now() + make_interval(hours => $5)
    WHERE id = $1 AND worker = $2 AND state = 'running'""";

  static final String FAILED = """
    UPDATE export_job SET state = 'failed', error = $3, worker = NULL, finished_at = now(), expires_at = now() + make_interval(hours => $4)
    WHERE id = $1 AND worker = $2 AND state = 'running'""";

  /** Running jobs whose worker has not been heard of for $1 seconds: its process died. */
  static final String FAIL_STALE = """
    UPDATE export_job SET state = 'failed', error = $2, worker = NULL, finished_at = now(), expires_at = now() + make_interval(hours => $3)
    WHERE state = 'running' AND heartbeat_at < now() - $1::int * interval '1 second' RETURNING id""";

  /** On an orderly stop: this worker's jobs go back to the queue for another process or the next start. */
  static final String REQUEUE = """
    UPDATE export_job SET state = 'queued', worker = NULL, heartbeat_at = NULL, progress = 0, rows = 0 WHERE worker = $1 AND state = 'running'""";

  /** Expired files are dropped at once; the rows (the history, answering 410) a week later. */
  static final String DROP_FILES = "UPDATE export_job SET file = NULL WHERE expires_at <= now() AND file IS NOT NULL";

  static final String DELETE_OLD = "DELETE FROM export_job WHERE expires_at <= now() - interval '7 days'";

  /** The courses of semester $1 (null: the current one); no rows when there is no such semester. */
  static final String SEMESTER_COURSES = """
    SELECT s.id AS semester_id, c.id FROM semester s LEFT JOIN language l ON l.semester_id = s.id LEFT JOIN course c ON c.language_id = l.id
    WHERE s.id = COALESCE($1::bigint, current_semester_id()) ORDER BY c.id""";

  static final String COUNT = "SELECT count(*) AS n FROM attendance WHERE course_id = ANY($1) AND state <> 'cancelled'";
}
