package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;

/** Reads the statistics in one go (parallel queries on the shared pool). */
public final class StatsStore {
  private final Pool pool;

  public StatsStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Stats.Snapshot> snapshot(String lang) {
    boolean en = "en".equals(lang);
    List<Future<RowSet<Row>>> q = new ArrayList<>();
    for (String sql : List.of(StatsSql.COURSES, StatsSql.BY_ORIGIN, StatsSql.BY_DEGREE, StatsSql.BY_SEMESTER, StatsSql.PER_MINUTE,
      StatsSql.PAYMENTS, StatsSql.MAIL, StatsSql.HARVEST)) {
      q.add(pool.query(sql).execute());
    }
    return Future.all(q).map(all -> {
      List<Stats.CourseRow> courses = new ArrayList<>();
      for (Row r : q.get(0).result()) {
        int seats = r.getInteger("seats");
        long confirmed = r.getLong("confirmed");
        courses.add(new Stats.CourseRow(en ? r.getString("name_en") : r.getString("name_de"),
          AdminStore.courseName(r.getString("level"), r.getString("alternative")), seats, confirmed, Math.max(0, seats - confirmed),
          r.getLong("waiting"), r.getLong("pool")));
      }
      Row pay = q.get(5).result().iterator().next();
      List<Stats.Bar> mail = new ArrayList<>();
      for (Row r : q.get(6).result()) mail.add(new Stats.Bar(r.getString("lane") + " " + r.getString("state"), r.getLong("n"), 0));
      List<List<String>> harvest = new ArrayList<>();
      for (Row r : q.get(7).result()) {
        harvest.add(List.of(r.getString("source"), r.getString("status"), r.getOffsetDateTime("started_at").toString(),
          String.valueOf(r.getInteger("rows_read")), r.getString("error")));
      }
      return new Stats.Snapshot(courses, bars(q.get(1).result(), en), bars(q.get(2).result(), en), bars(q.get(3).result(), en),
        minutes(q.get(4).result()), pay.getLong("payments"), pay.getLong("received"), pay.getLong("open"), pay.getLong("unpaid"), mail, harvest);
    });
  }

  private static List<Stats.Bar> bars(RowSet<Row> rows, boolean en) {
    List<Stats.Bar> out = new ArrayList<>();
    for (Row r : rows) out.add(new Stats.Bar(en ? r.getString("en") : r.getString("de"), r.getLong("n"), 0));
    return out;
  }

  private static List<Stats.Bar> minutes(RowSet<Row> rows) {
    List<Stats.Bar> out = new ArrayList<>();
    for (Row r : rows) out.add(new Stats.Bar(r.getString("minute"), r.getLong("n"), 0));
    return out;
  }
}
