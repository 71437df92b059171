package org.opensignup.harvest;

/** Every SQL statement of the harvest feature (scheduler, imports, run history, retention, reminders). */
final class HarvestSql {
  private HarvestSql() {}

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

  /** The latest runs per source, newest first: $1 names, $2 runs per name. */
  static final String RUNS_RECENT_PER_SOURCE = """
    SELECT source, id, status, started_at, finished_at, rows_read, inserted, updated, removed, error
    FROM (SELECT r.*, row_number() OVER (PARTITION BY source ORDER BY started_at DESC, id DESC) AS n
          FROM harvest_run r WHERE source = ANY($1)) x
    WHERE n <= $2
    ORDER BY source, started_at DESC, id DESC""";

  /** Run history for admins: $1 source or NULL for all, $2 limit. */
  static final String RUNS_LIST = """
    SELECT id, source, node, status, started_at, finished_at, rows_read, inserted, updated, removed, error
    FROM harvest_run WHERE ($1::text IS NULL OR source = $1)
    ORDER BY started_at DESC, id DESC LIMIT $2""";

  static final String RUNS_PRUNE = "DELETE FROM harvest_run WHERE finished_at < now() - make_interval(days => $1)";

  // --- approvals ---------------------------------------------------------------------------------

  /** The source's replaceable rows (not sticky, not priority), locked for the import: $1 source. */
  static final String APPROVALS_OF_SOURCE = """
    SELECT id, tag_hash, percent FROM approval WHERE source = $1 AND NOT sticky AND NOT priority FOR UPDATE""";

  static final String APPROVAL_INSERT = "INSERT INTO approval (tag_hash, percent, source) VALUES ($1, $2, $3)";

  static final String APPROVALS_UPDATE = """
    UPDATE approval a SET percent = u.percent, created_at = now()
    FROM unnest($1::bigint[], $2::int[]) AS u(id, percent) WHERE a.id = u.id""";

  static final String APPROVALS_DELETE = "DELETE FROM approval WHERE id = ANY($1::bigint[])";

  // --- registrations -----------------------------------------------------------------------------

  /**
   * Upserts a source's list: $1 tag hashes (distinct), $2 source. xmax = 0 tells a new row from a
   * refreshed one; counted here, so a list of 200,000 comes back as one row.
   */
  static final String REGISTRATIONS_UPSERT = """
    WITH up AS (
      INSERT INTO registration (tag_hash, source, imported_at)
      SELECT h, $2, now() FROM unnest($1::bytea[]) AS h
      ON CONFLICT (tag_hash, source) DO UPDATE SET imported_at = EXCLUDED.imported_at
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up""";

  /**
   * Replace mode, in the upsert's transaction: the source's rows missing from the new list go. They
   * are the ones the upsert did not touch (now() is the transaction's time), found without comparing
   * every row with every tag of the list. $1 source.
   */
  static final String REGISTRATIONS_REMOVE_MISSING = """
    DELETE FROM registration WHERE source = $1 AND imported_at < now()""";

  // --- retention -----------------------------------------------------------------------------

  /**
   * Anonymises up to $2 applicants whose last signup is older than $1 days, scrubs their mails
   * and writes one audit row each, in one statement. The address keeps a dot after the @ because
   * the applicant table's check demands one.
   */
  static final String ANONYMISE_BATCH = """
    WITH old AS (
      SELECT id FROM applicant
      WHERE anonymised_at IS NULL AND last_signup_at < now() - make_interval(days => $1)
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
