package org.opensignup.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.SeatCommand;

/**
 * Anonymises applicants whose last signup is older than retention.anonymise-after-days (the model
 * system drops its whole database each semester; here attendances and statistics stay, the person
 * goes), and prunes run history older than harvest.keep-runs-days. Works in batches, each its own
 * transaction, so a large first run does not hold locks for long. Each transaction first checks the
 * run's lease ({@link JobScheduler#checkLease}): a run that lost it writes nothing more.
 */
public final class RetentionJob {
  static final int BATCH = 500;

  private final Pool pool;
  private final int anonymiseAfterDays;
  private final int keepRunsDays;
  private final int batchSize;

  public RetentionJob(Pool pool, int anonymiseAfterDays, int keepRunsDays) {
    this(pool, anonymiseAfterDays, keepRunsDays, BATCH);
  }

  RetentionJob(Pool pool, int anonymiseAfterDays, int keepRunsDays, int batchSize) {
    this.pool = pool;
    this.anonymiseAfterDays = anonymiseAfterDays;
    this.keepRunsDays = keepRunsDays;
    this.batchSize = batchSize;
  }

  /** One run; {@code fence}: the run's lease ({@link JobScheduler#fence}), null only for unscheduled runs. */
  public Future<JsonObject> run(SeatCommand.Fence fence) {
    Future<int[]> anonymised = anonymiseAfterDays <= 0 ? Future.succeededFuture(new int[2]) : batch(fence, new int[2]);
    return anonymised.compose(counts -> pool.withTransaction(conn -> JobScheduler.checkLease(conn, fence)
        .compose(v -> conn.preparedQuery(JobsSql.RUNS_PRUNE).execute(Tuple.of(keepRunsDays))))
      .map(pruned -> new JsonObject()
        .put("rowsRead", counts[0]).put("updated", counts[0]).put("removed", pruned.rowCount())
        .put("anonymised", counts[0]).put("mailsScrubbed", counts[1]).put("runsPruned", pruned.rowCount())));
  }

  private Future<int[]> batch(SeatCommand.Fence fence, int[] total) {
    return pool.withTransaction(conn -> JobScheduler.checkLease(conn, fence)
        .compose(v -> conn.preparedQuery(JobsSql.ANONYMISE_BATCH).execute(Tuple.of(anonymiseAfterDays, batchSize))))
      .compose(rows -> {
        var row = rows.iterator().next();
        int n = row.getLong("anonymised").intValue();
        total[0] += n;
        total[1] += row.getLong("mails").intValue();
        return n < batchSize ? Future.succeededFuture(total) : batch(fence, total);
      });
  }
}
