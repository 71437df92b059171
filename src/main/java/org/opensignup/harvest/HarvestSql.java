package org.opensignup.harvest;

/** Every SQL statement of the harvest feature (imports, run history for the admin pages). */
final class HarvestSql {
  private HarvestSql() {}

  // --- run history (written by jobs.JobScheduler, read here) -----------------------------------

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
}
