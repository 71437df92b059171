package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.auth.TagHasher;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports one file of a source in one transaction. Approvals: the source's rows are replaced,
 * except sticky or priority ones (staff entries); registrations: replaced or merged as configured.
 * Tags are hashed before anything touches the database. A file with any bad row is refused whole
 * (an {@link ImportException} naming line and column) and changes nothing.
 */
public final class Importer {
  private static final HexFormat HEX = HexFormat.of();
  /**
   * Rows per statement when storing: the client encodes each statement on an event loop, so a list of
   * 200,000 goes as many short statements (in the one transaction) rather than one long encoding.
   */
  static final int CHUNK = 5000;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Importer.class);

  private final Vertx vertx;
  private final Pool pool;
  private final TagHasher hasher;

  public Importer(Vertx vertx, Pool pool, TagHasher hasher) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
  }

  /** An approval ready to store: the hashed tag and the percent of the maximum points. */
  record Approval(byte[] tagHash, int percent) {}

  /**
   * Parses, maps and stores; the result holds rowsRead, inserted, updated, removed (and unchanged,
   * skipped). Parsing and hashing (many MB, an HMAC per row) run on a worker thread, unordered, so
   * the event loops keep answering; only the database part comes back to the caller's context.
   */
  public Future<JsonObject> importBytes(SourceConfig source, byte[] bytes, SourceConfig.Format format) {
    long t0 = System.nanoTime();
    return vertx.executeBlocking(() -> prepare(source, bytes, format), false).compose(prepared -> {
      long t1 = System.nanoTime();
      return prepared.store(pool).onSuccess(r -> log.info("import of {}: {} bytes parsed and hashed in {} ms, stored in {} ms", source.name,
        bytes.length, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
    });
  }

  /** What a file amounts to, ready for its one transaction. */
  private interface Prepared {
    Future<JsonObject> store(Pool pool);
  }

  private Prepared prepare(SourceConfig source, byte[] bytes, SourceConfig.Format format) {
    SourceConfig.Format f = format == null ? source.format : format;
    if (source.kind == SourceConfig.Kind.APPROVALS) {
      List<String> columns = source.maxColumn == null ? List.of(source.tagColumn, source.pointsColumn)
        : List.of(source.tagColumn, source.pointsColumn, source.maxColumn);
      Records.Table table = Records.read(bytes, f, source.delimiter, source.charset, columns);
      checkMinRows(source, table);
      Map<String, Approval> approvals = mapApprovals(source, table);
      int skipped = table.rows().size() - countMapped(table, source);
      int read = table.rows().size();
      return p -> p.withTransaction(conn -> storeApprovals(conn, source.name, approvals))
        .map(r -> r.put("rowsRead", read).put("skipped", skipped));
    }
    Records.Table table = Records.read(bytes, f, source.delimiter, source.charset, List.of(source.tagColumn));
    checkMinRows(source, table);
    Map<String, byte[]> tags = new LinkedHashMap<>();
    for (Records.Row row : table.rows()) {
      byte[] h = hasher.hash(tag(table, row, source.tagColumn));
      tags.put(HEX.formatHex(h), h);
    }
    int read = table.rows().size();
    return p -> p.withTransaction(conn -> storeRegistrations(conn, source, tags.values())).map(r -> r.put("rowsRead", read));
  }

  private static void checkMinRows(SourceConfig source, Records.Table table) {
    if (table.rows().size() < source.minRows) {
      throw new ImportException(0, null, "the file has " + table.rows().size() + " data rows, fewer than minRows=" + source.minRows
        + " (refused so that a truncated export cannot empty the table)");
    }
  }

  private String tag(Records.Table table, Records.Row row, String column) {
    String t = row.get(column);
    if (t == null || t.isBlank()) throw new ImportException(table.unit(), row.line(), "'" + column + "'", "the tag (matriculation number or user id) is empty");
    if (t.strip().length() > 200) throw new ImportException(table.unit(), row.line(), "'" + column + "'", "the tag is longer than 200 characters");
    return t;
  }

  private static int countMapped(Records.Table table, SourceConfig source) {
    int n = 0;
    for (Records.Row row : table.rows()) if (!isBlank(row.get(source.pointsColumn))) n++;
    return n;
  }

  /** By tag: a tag listed twice keeps its best result. Rows without points (test not taken) are skipped. */
  Map<String, Approval> mapApprovals(SourceConfig source, Records.Table table) {
    Map<String, Approval> result = new LinkedHashMap<>();
    for (Records.Row row : table.rows()) {
      if (isBlank(row.get(source.pointsColumn))) continue;
      double points = number(table, row, source.pointsColumn);
      double max = source.maxPoints != null ? source.maxPoints : number(table, row, source.maxColumn);
      if (max <= 0) throw new ImportException(table.unit(), row.line(), "'" + source.maxColumn + "'", "the maximum must be above 0, got " + row.get(source.maxColumn).strip());
      int percent = percent(points, max);
      byte[] h = hasher.hash(tag(table, row, source.tagColumn));
      result.merge(HEX.formatHex(h), new Approval(h, percent), (a, b) -> a.percent() >= b.percent() ? a : b);
    }
    return result;
  }

  /** min(100, round(100 × points / max)). */
  static int percent(double points, double max) {
    return (int) Math.min(100, Math.round(100.0 * points / max));
  }

  private static double number(Records.Table table, Records.Row row, String column) {
    String raw = row.get(column) == null ? "" : row.get(column).strip();
    // German exports write 12,5; accept a comma when it is the only separator
    String s = raw.indexOf('.') < 0 ? raw.replace(',', '.') : raw;
    try {
      double d = Double.parseDouble(s);
      if (Double.isNaN(d) || Double.isInfinite(d) || d < 0 || s.endsWith("d") || s.endsWith("f") || s.endsWith("D") || s.endsWith("F")) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ImportException(table.unit(), row.line(), "'" + column + "'", "'" + raw + "' is not a number of points (0 or more)");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static Future<JsonObject> storeApprovals(SqlConnection conn, String source, Map<String, Approval> incoming) {
    return conn.preparedQuery(HarvestSql.APPROVALS_OF_SOURCE).execute(Tuple.of(source)).compose(rows -> {
      Map<String, Long> existingId = new LinkedHashMap<>();
      Map<String, Integer> existingPercent = new LinkedHashMap<>();
      List<Long> delete = new ArrayList<>();
      for (Row r : rows) {
        String key = HEX.formatHex(r.getBuffer("tag_hash").getBytes());
        // a duplicate left over from earlier (e.g. manual edits) goes: one row per tag and source
        if (existingId.putIfAbsent(key, r.getLong("id")) != null) delete.add(r.getLong("id"));
        else existingPercent.put(key, r.getInteger("percent"));
      }
      List<Tuple> inserts = new ArrayList<>();
      List<Long> updateIds = new ArrayList<>();
      List<Integer> updatePercents = new ArrayList<>();
      int unchanged = 0;
      for (Map.Entry<String, Approval> e : incoming.entrySet()) {
        Long id = existingId.get(e.getKey());
        if (id == null) {
          inserts.add(Tuple.of(Buffer.buffer(e.getValue().tagHash()), e.getValue().percent(), source));
        } else if (existingPercent.get(e.getKey()) != e.getValue().percent()) {
          updateIds.add(id);
          updatePercents.add(e.getValue().percent());
        } else {
          unchanged++;
        }
      }
      existingId.forEach((key, id) -> {
        if (!incoming.containsKey(key)) delete.add(id);
      });
      JsonObject result = new JsonObject().put("inserted", inserts.size()).put("updated", updateIds.size())
        .put("removed", delete.size()).put("unchanged", unchanged);
      Future<?> f = Future.succeededFuture();
      if (!delete.isEmpty()) f = f.compose(v -> conn.preparedQuery(HarvestSql.APPROVALS_DELETE).execute(Tuple.tuple().addValue(delete.toArray(new Long[0]))));
      if (!updateIds.isEmpty()) {
        f = f.compose(v -> conn.preparedQuery(HarvestSql.APPROVALS_UPDATE)
          .execute(Tuple.tuple().addValue(updateIds.toArray(new Long[0])).addValue(updatePercents.toArray(new Integer[0]))));
      }
      for (int from = 0; from < inserts.size(); from += CHUNK) {
        List<Tuple> chunk = inserts.subList(from, Math.min(inserts.size(), from + CHUNK));
        f = f.compose(v -> conn.preparedQuery(HarvestSql.APPROVAL_INSERT).executeBatch(chunk));
      }
      return f.map(v -> result);
    });
  }

  private static Future<JsonObject> storeRegistrations(SqlConnection conn, SourceConfig source, java.util.Collection<byte[]> tags) {
    Buffer[] hashes = tags.stream().map(Buffer::buffer).toArray(Buffer[]::new);
    JsonObject result = new JsonObject().put("inserted", 0).put("updated", 0).put("removed", 0);
    Future<?> f = Future.succeededFuture();
    for (int from = 0; from < hashes.length; from += CHUNK) {
      Buffer[] chunk = java.util.Arrays.copyOfRange(hashes, from, Math.min(hashes.length, from + CHUNK));
      f = f.compose(v -> conn.preparedQuery(HarvestSql.REGISTRATIONS_UPSERT).execute(Tuple.tuple().addValue(chunk).addValue(source.name))
        .onSuccess(rows -> {
          Row counts = rows.iterator().next();
          result.put("inserted", result.getInteger("inserted") + counts.getLong("inserted").intValue())
            .put("updated", result.getInteger("updated") + counts.getLong("updated").intValue());
        }));
    }
    return f.compose(done -> {
      if (source.mode != SourceConfig.Mode.REPLACE) return Future.succeededFuture(result);
      return conn.preparedQuery(HarvestSql.REGISTRATIONS_REMOVE_MISSING).execute(Tuple.of(source.name))
        .map(del -> result.put("removed", del.rowCount()));
    });
  }
}
