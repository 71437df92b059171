package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.signup.CourseStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Fresh seat counts of a few courses in one query, for the live catalogue. */
final class SeatCounts {
  static final String SELECT = """
    SELECT id, seats, confirmed_count, waiting_count, has_waiting_list, waiting_cap_factor, closed_at IS NOT NULL AS closed
      FROM course WHERE id = ANY($1)""";

  record Count(long courseId, int seats, int free, int waiting, CourseStatus status) {}

  private final Pool pool;

  SeatCounts(Pool pool) {
    this.pool = pool;
  }

  Future<List<Count>> of(Collection<Long> courseIds) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(courseIds.toArray(new Long[0]))).map(rows -> {
      List<Count> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        int seats = r.getInteger("seats");
        int confirmed = r.getInteger("confirmed_count");
        int waiting = r.getInteger("waiting_count");
        out.add(new Count(r.getLong("id"), seats, Math.max(0, seats - confirmed), waiting,
          CourseStatus.of(r.getBoolean("closed"), seats, confirmed, waiting, r.getBoolean("has_waiting_list"), r.getInteger("waiting_cap_factor"))));
      }
      return out;
    });
  }
}
