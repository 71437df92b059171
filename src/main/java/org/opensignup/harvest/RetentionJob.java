package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Anonymises applicants whose last signup is older than retention.anonymise-after-days (the model
 * system drops its whole database each semester; here attendances and statistics stay, the person
 * goes), and prunes run history older than harvest.keep-runs-days. Works in batches, each its own
 * transaction, so a large first run does not hold locks for long.
 */
public final class RetentionJob {
  static final int BATCH = 500;

  private final Pool pool;
  private final int anonymiseAfterDays;
  private final int keepRunsDays;

  public RetentionJob(Pool pool, int anonymiseAfterDays, int keepRunsDays) {
    this.pool = pool;
    this.anonymiseAfterDays = anonymiseAfterDays;
    this.keepRunsDays = keepRunsDays;
  }

  public Future<JsonObject> run() {
    Future<int[]> anonymised = anonymiseAfterDays <= 0 ? Future.succeededFuture(new int[2]) : batch(new int[2]);
    return anonymised.compose(counts -> pool.preparedQuery(HarvestSql.RUNS_PRUNE).execute(Tuple.of(keepRunsDays))
      .map(pruned -> new JsonObject()
        .put("rowsRead", counts[0]).put("updated", counts[0]).put("removed", pruned.rowCount())
        .put("anonymised", counts[0]).put("mailsScrubbed", counts[1]).put("runsPruned", pruned.rowCount())));
  }

  private Future<int[]> batch(int[] total) {
    return pool.withTransaction(conn -> conn.preparedQuery(HarvestSql.ANONYMISE_BATCH).execute(Tuple.of(anonymiseAfterDays, BATCH)))
      .compose(rows -> {
        var row = rows.iterator().next();
        int n = row.getLong("anonymised").intValue();
        total[0] += n;
        total[1] += row.getLong("mails").intValue();
        return n < BATCH ? Future.succeededFuture(total) : batch(total);
      });
  }
}
