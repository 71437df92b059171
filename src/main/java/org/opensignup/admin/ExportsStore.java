package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the lines of an export, with values typed for the file (numbers stay numbers). */
public final class ExportsStore {
  private final Pool pool;

  public ExportsStore(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Long>> allCourses() {
    return ids(pool.query(ExportsSql.ALL_COURSES).execute());
  }

  public Future<List<Long>> languageCourses(long languageId) {
    return ids(pool.preparedQuery(ExportsSql.LANGUAGE_COURSES).execute(Tuple.of(languageId)));
  }

  private static Future<List<Long>> ids(Future<io.vertx.sqlclient.RowSet<Row>> rows) {
    return rows.map(rs -> {
      List<Long> out = new ArrayList<>();
      for (Row r : rs) out.add(r.getLong("id"));
      return out;
    });
  }

  public Future<List<ExportsTable.Line>> lines(List<Long> courseIds, boolean confirmedOnly, String lang, Documents.Texts t) {
    return pool.preparedQuery(ExportsSql.LINES).execute(Tuple.of(courseIds.toArray(new Long[0]), confirmedOnly)).map(rows -> {
      boolean en = "en".equals(lang);
      List<ExportsTable.Line> out = new ArrayList<>();
      for (Row r : rows) out.add(line(r, en, t));
      return out;
    });
  }

  /** One row of {@link ExportsSql#LINES} as an export line (also read page by page by background exports). */
  static ExportsTable.Line line(Row r, boolean en, Documents.Texts t) {
    Map<String, Object> v = new HashMap<>();
    v.put("language", en ? r.getString("name_en") : r.getString("name_de"));
    v.put("course", AdminStore.courseName(r.getString("level"), r.getString("alternative")));
    v.put("cefr", r.getString("ger"));
    v.put("lastName", r.getString("last_name"));
    v.put("firstName", r.getString("first_name"));
    v.put("mail", r.getString("mail"));
    v.put("state", t.t("admin.state." + r.getString("state")));
    v.put("origin", en ? r.getString("origin_en") : r.getString("origin_de"));
    v.put("degree", en ? r.getString("degree_en") : r.getString("degree_de"));
    v.put("semester", r.getInteger("semester"));
    int fee = r.getInteger("fee_cents"), paid = r.getInteger("amount_paid_cents");
    v.put("fee", BigDecimal.valueOf(fee, 2));
    v.put("paid", BigDecimal.valueOf(paid, 2));
    v.put("paymentState", t.t(fee == 0 ? "export.payment.free" : paid >= fee ? "export.payment.paid" : paid > 0 ? "export.payment.partly" : "export.payment.open"));
    v.put("grade", r.getInteger("grade"));
    v.put("points", r.getBigDecimal("grade_points"));
    v.put("pointsMax", r.getBigDecimal("grade_points_max"));
    v.put("result", r.getString("result"));
    v.put("gradedAt", r.getOffsetDateTime("graded_at") == null ? null : r.getOffsetDateTime("graded_at").toLocalDate().toString());
    return new ExportsTable.Line(v);
  }
}
