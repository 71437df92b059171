package org.opensignup.jobs;

/** Every SQL statement of the scheduled jobs: leases, run history, fencing, retention, reminders. */
final class JobsSql {
  private JobsSql() {}

  // --- job leases: one leader per tick ---------------------------------------------------------

  /** $1 job, $2 due at once (true: last_tick NULL; false: wait from now). */
  static final String LEASE_ENSURE = """
    INSERT INTO job_lease (job, last_tick) VALUES ($1, CASE WHEN $2 THEN NULL ELSE now() END)
    ON CONFLICT (job) DO NOTHING""";

  /** $1 job names. The database clock decides, so nodes with skewed clocks still agree. */
  static final String LEASE_READ = """
    SELECT job, last_tick, lease_until < now() AS free, now() AS db_now FROM job_lease WHERE job = ANY($1)""";

  /**
   * Claims a due tick: $1 job, $2 holder, $3 lease seconds, $4 the last_tick that was read. The
   * compare on last_tick makes a node that read the row before another node's run ended lose.
   */
  static final String LEASE_CLAIM_TICK = """
    UPDATE job_lease SET holder = $2, lease_until = now() + make_interval(secs => $3::float8)
    WHERE job = $1 AND lease_until < now() AND last_tick IS NOT DISTINCT FROM $4::timestamptz
    RETURNING job""";

  /** Claims the lease whatever the schedule (run-now, uploads): $1 job, $2 holder, $3 lease seconds. */
  static final String LEASE_CLAIM_NOW = """
    UPDATE job_lease SET holder = $2, lease_until = now() + make_interval(secs => $3::float8)
    WHERE job = $1 AND lease_until < now()
    RETURNING job""";

  /** Extends a held lease while the job runs: $1 job, $2 holder, $3 lease seconds. */
  static final String LEASE_RENEW = """
    UPDATE job_lease SET lease_until = now() + make_interval(secs => $3::float8)
    WHERE job = $1 AND holder = $2""";

  /** Ends a run: the next tick is computed from last_tick. $1 job, $2 holder. */
  static final String LEASE_RELEASE = """
    UPDATE job_lease SET holder = NULL, lease_until = '-infinity', last_tick = now()
    WHERE job = $1 AND holder = $2""";

  /** Frees the lease of a run cut short by a shutdown, keeping last_tick so the tick runs again. */
  static final String LEASE_ABANDON = """
    UPDATE job_lease SET holder = NULL, lease_until = '-infinity' WHERE job = $1 AND holder = $2""";

  // --- run history -----------------------------------------------------------------------------

  static final String RUN_START = "INSERT INTO harvest_run (source, node) VALUES ($1, $2) RETURNING id";

  /** $1 id, $2 status, $3 rows read, $4 inserted, $5 updated, $6 removed, $7 error. */
  static final String RUN_FINISH = """
    UPDATE harvest_run SET finished_at = clock_timestamp(), status = $2, rows_read = $3, inserted = $4,
      updated = $5, removed = $6, error = $7
    WHERE id = $1
    RETURNING started_at, finished_at""";

  static final String RUN_ABANDON = """
    UPDATE harvest_run SET finished_at = clock_timestamp(), status = 'failed', error = 'stopped during the run (node shut down)'
    WHERE id = $1 AND status = 'running'""";

  static final String RUNS_PRUNE = "DELETE FROM harvest_run WHERE finished_at < now() - make_interval(days => $1)";

  // --- fencing: a run that lost its lease writes nothing more ---------------------------------

  /**
   * The first statement of every write transaction of a job: $1 job, $2 holder. No row: the lease
   * lapsed or another holder took it, and the transaction is rolled back. FOR SHARE keeps the row
   * until commit, so a takeover (an UPDATE of the row) waits for this transaction instead of
   * overlapping it.
   */
  static final String LEASE_HELD = """
    SELECT 1 FROM job_lease WHERE job = $1 AND holder = $2 AND lease_until > clock_timestamp() FOR SHARE""";

  // --- retention -----------------------------------------------------------------------------

  /**
   * Anonymises up to $2 applicants whose last signup is older than $1 days, or whose attendances all
   * belong to semesters archived more than $1 days ago, scrubs their mails
   * and writes one audit row each, in one statement. The address keeps a dot after the @ because
   * the applicant table's check demands one.
   */
  static final String ANONYMISE_BATCH = """
    WITH old AS (
      SELECT id FROM applicant
      WHERE anonymised_at IS NULL AND (last_signup_at < now() - make_interval(days => $1)
        -- or every attendance is in a semester archived that long ago (V13): the semester is over, its people go;
        -- found from the archived semesters' courses, so the last-signup index still serves the first test
        OR id IN (SELECT t.applicant_id FROM semester s JOIN language l ON l.semester_id = s.id JOIN course c ON c.language_id = l.id
            JOIN attendance t ON t.course_id = c.id
          WHERE s.archived_at < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM attendance u JOIN course uc ON uc.id = u.course_id JOIN language ul ON ul.id = uc.language_id
              JOIN semester us ON us.id = ul.semester_id
              WHERE u.applicant_id = t.applicant_id AND (us.archived_at IS NULL OR us.archived_at >= now() - make_interval(days => $1)))))
      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
    ), done AS (
      UPDATE applicant a SET mail = 'anonymised-' || a.id || '@anonymised.invalid', first_name = '–', last_name = '–',
        phone = NULL, tag_hash = NULL, anonymised_at = now()
      FROM old WHERE a.id = old.id
      RETURNING a.id, a.mail
    ), mails AS (
      UPDATE mail_outbox m SET recipient = done.mail, payload = '{}',
        state = CASE WHEN m.state = 'pending' THEN 'failed' ELSE m.state END,
        last_error = CASE WHEN m.state = 'pending' THEN 'applicant anonymised' ELSE m.last_error END
      FROM done WHERE m.applicant_id = done.id
      RETURNING m.id
    ), audit AS (
      INSERT INTO audit_log (actor, action, entity, entity_id, details)
      SELECT 'retention', 'anonymise', 'applicant', done.id, jsonb_build_object('afterDays', $1::int)
      FROM done
      RETURNING id
    )
    SELECT (SELECT count(*) FROM done) AS anonymised, (SELECT count(*) FROM mails) AS mails""";

  // --- unpaid fee reminders --------------------------------------------------------------------

  /**
   * Confirmed attendances with an open fee, confirmed more than $1 days ago, not reminded within
   * the last $2 days, at most $3 at a time; the applicant is neither anonymised nor bouncing.
   */
  static final String UNPAID_DUE = """
    SELECT t.id AS attendance_id, t.secret, t.fee_cents, t.amount_paid_cents, p.id AS applicant_id, p.mail,
      p.first_name, p.last_name, p.locale, c.level, c.alternative, l.name_de, l.name_en
    FROM attendance t
      JOIN applicant p ON p.id = t.applicant_id
      JOIN course c ON c.id = t.course_id
      JOIN language l ON l.id = c.language_id
    WHERE t.state = 'confirmed' AND t.fee_cents > t.amount_paid_cents
      AND t.confirmed_at < now() - make_interval(days => $1)
      AND p.anonymised_at IS NULL AND p.bouncing_since IS NULL
      AND NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.attendance_id = t.id AND m.kind = $4
                      AND m.created_at > now() - make_interval(days => $2))
    ORDER BY t.id LIMIT $3
    FOR UPDATE OF t SKIP LOCKED""";
}
