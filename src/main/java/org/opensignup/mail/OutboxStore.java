package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outbox table as the sender sees it: claim due rows, then mark each sent, retried or failed. */
final class OutboxStore {
  private final Pool pool;

  OutboxStore(Pool pool) {
    this.pool = pool;
  }

  Future<List<OutboxRow>> claim(Outbox.Lane lane, int limit, String node, int claimSeconds) {
    return pool.preparedQuery(MailSql.CLAIM).execute(Tuple.of(lane.dbValue(), limit, node, claimSeconds)).map(rows -> {
      List<OutboxRow> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new OutboxRow(r.getLong("id"), Outbox.Lane.valueOf(r.getString("lane").toUpperCase(Locale.ROOT)), r.getString("kind"),
          r.getString("recipient"), r.getString("locale"), json(r.getValue("payload")), r.getInteger("attempts")));
      }
      // the UPDATE returns rows in no particular order; send the oldest first
      out.sort(java.util.Comparator.comparingLong(OutboxRow::id));
      return out;
    });
  }

  private static JsonObject json(Object v) {
    if (v instanceof JsonObject o) return o;
    if (v instanceof String s && !s.isBlank()) return new JsonObject(s);
    return new JsonObject();
  }

  Future<Void> markSent(List<Long> ids) {
    return pool.preparedQuery(MailSql.MARK_SENT).execute(Tuple.of((Object) ids.toArray(new Long[0]))).mapEmpty();
  }

  Future<Void> retry(long id, long delayMs, String error, boolean uncounted) {
    return pool.preparedQuery(MailSql.RETRY).execute(Tuple.of(id, delayMs, error, uncounted)).mapEmpty();
  }

  Future<Void> markFailed(long id, String error) {
    return pool.preparedQuery(MailSql.MARK_FAILED).execute(Tuple.of(id, error)).mapEmpty();
  }

  Future<JsonObject> stats() {
    return pool.query(MailSql.STATS).execute().map(rows -> {
      JsonObject counts = new JsonObject().put("pending", 0).put("sent", 0).put("failed", 0);
      for (Row r : rows) counts.put(r.getString("state"), r.getLong("n"));
      return counts;
    });
  }
}
