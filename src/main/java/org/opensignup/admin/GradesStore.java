package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Grades of a course's confirmed attendances: read, and change in one transaction with an audit row per change. */
public final class GradesStore {
  private final Pool pool;

  public GradesStore(Pool pool) {
    this.pool = pool;
  }

  public record Graded(long attendanceId, String firstName, String lastName, String mail, Grades.Grade grade, String gradedBy) {}

  public Future<List<Graded>> list(long courseId) {
    return pool.preparedQuery(GradesSql.LIST).execute(Tuple.of(courseId)).map(rows -> {
      List<Graded> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Graded(r.getLong("id"), r.getString("first_name"), r.getString("last_name"), r.getString("mail"), grade(r),
          r.getString("graded_by")));
      }
      return out;
    });
  }

  private static Grades.Grade grade(Row r) {
    return new Grades.Grade(r.getInteger("grade"), r.getBigDecimal("grade_points"), r.getBigDecimal("grade_points_max"), r.getString("result"));
  }

  private static JsonObject json(Grades.Grade g) {
    return new JsonObject().put("grade", g.percent()).put("points", g.points() == null ? null : g.points().toPlainString())
      .put("pointsMax", g.pointsMax() == null ? null : g.pointsMax().toPlainString()).put("result", g.result());
  }

  /**
   * Sets the given grades (attendance id → grade) of the course: all or nothing. An attendance that
   * is not a confirmed one of this course refuses the whole change. Unchanged grades are skipped.
   * Answers the number of grades changed.
   */
  public Future<Integer> apply(String actor, long courseId, Map<Long, Grades.Grade> changes, String source) {
    return pool.withTransaction(conn -> conn.preparedQuery(GradesSql.LOCK).execute(Tuple.of(courseId)).compose(rows -> {
      Map<Long, Row> current = new HashMap<>();
      for (Row r : rows) current.put(r.getLong("id"), r);
      // every id is checked before the first write: a refusal must not race a statement already sent
      for (long id : changes.keySet()) {
        if (!current.containsKey(id)) return Future.failedFuture(new Refusal(422, "grades.error.unknown-attendance", "attendance", id));
      }
      Future<Integer> f = Future.succeededFuture(0);
      for (Map.Entry<Long, Grades.Grade> c : changes.entrySet()) {
        Row r = current.get(c.getKey());
        Grades.Grade before = grade(r);
        Grades.Grade after = c.getValue();
        if (before.sameAs(after)) continue;
        f = f.compose(n -> conn.preparedQuery(GradesSql.UPDATE).execute(Tuple.of(c.getKey(), after.percent(), after.points(), after.pointsMax(),
            after.result(), actor))
          .compose(u -> conn.preparedQuery(GradesSql.AUDIT).execute(Tuple.of(actor, c.getKey(), r.getLong("applicant_id"), courseId,
            json(before), json(after), new JsonObject().put("source", source))))
          .map(u -> n + 1));
      }
      return f;
    }));
  }
}
