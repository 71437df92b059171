package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.config.AppConfig;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Background exports of a whole language or semester (table export_job): created by staff, run by
 * {@link ExportJobsVerticle}, downloaded by the requester or a superuser until they expire.
 */
public final class ExportJobs {
  public static final Set<String> FORMATS = Set.of("csv", "xlsx", "zip");
  public static final Set<String> SCOPES = Set.of("language", "semester");
  /** Message prefixes a job needs (column headers, states, payment states, the PDF lists' texts). */
  public static final List<String> TEXT_PREFIXES = List.of("export.", "admin.state.", "doc.");

  private final Pool pool;

  public ExportJobs(Pool pool) {
    this.pool = pool;
  }

  /** exports.keep-hours, exports.page-rows; checked at start-up (registered in META-INF/services). */
  public record Settings(int keepHours, int pageRows) {
    public static Settings from(AppConfig config) {
      return new Settings(config.integer("exports.keep-hours", 1, 24 * 365), config.integer("exports.page-rows", 10, 100_000));
    }
  }

  public static final class Check implements org.opensignup.config.ConfigCheck {
    @Override
    public void check(AppConfig config) {
      Settings.from(config);
    }
  }

  /** A job as the page and the API show it (never the file). */
  public record Job(long id, String requestedBy, String scope, JsonObject params, String state, int progress, int rows,
                    String fileName, String error, OffsetDateTime createdAt, OffsetDateTime finishedAt, OffsetDateTime expiresAt,
                    boolean expired, boolean hasFile) {
    public String format() {
      return params.getString("format");
    }

    /** The requester and superusers see a job; nobody else. */
    public boolean visibleTo(Staff staff) {
      return staff.superuser() || requestedBy.equals(staff.subject());
    }

    public boolean downloadable() {
      return "done".equals(state) && hasFile && !expired;
    }
  }

  /** A job taken by a worker. */
  public record Claimed(long id, String requestedBy, String scope, JsonObject params, JsonObject texts) {
    public List<Long> courseIds() {
      return params.getJsonArray("courseIds", new JsonArray()).stream().map(o -> ((Number) o).longValue()).toList();
    }
  }

  public record File(Buffer bytes, String name, String contentType) {}

  public Future<Long> create(String requestedBy, String scope, JsonObject params, JsonObject texts) {
    return pool.preparedQuery(ExportJobsSql.CREATE).execute(Tuple.of(requestedBy, scope, params, texts))
      .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** A semester (the one asked for, or the current one) and its courses. */
  public record SemesterCourses(long semesterId, List<Long> courseIds) {}

  /** The courses of a semester (null: the current one); null when there is no such semester. */
  public Future<SemesterCourses> semesterCourses(Long semesterId) {
    return pool.preparedQuery(ExportJobsSql.SEMESTER_COURSES).execute(Tuple.of(semesterId)).map(rows -> {
      if (rows.size() == 0) return null;
      List<Long> ids = new java.util.ArrayList<>();
      for (Row r : rows) if (r.getLong("id") != null) ids.add(r.getLong("id"));
      return new SemesterCourses(rows.iterator().next().getLong("semester_id"), ids);
    });
  }

  /** The job, or null when there is none with this id. */
  public Future<Job> find(long id) {
    return pool.preparedQuery(ExportJobsSql.FIND).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new Job(r.getLong("id"), r.getString("requested_by"), r.getString("scope"), r.getJsonObject("params"), r.getString("state"),
        r.getInteger("progress"), r.getInteger("rows"), r.getString("file_name"), r.getString("error"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("finished_at"), r.getOffsetDateTime("expires_at"), r.getBoolean("expired"), r.getBoolean("has_file"));
    });
  }

  /** The file; null when it is gone. */
  public Future<File> file(long id) {
    return pool.preparedQuery(ExportJobsSql.FILE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      Buffer b = r.getBuffer("file");
      return b == null ? null : new File(b, r.getString("file_name"), r.getString("content_type"));
    });
  }

  Future<Claimed> claim(String worker) {
    return pool.preparedQuery(ExportJobsSql.CLAIM).execute(Tuple.of(worker)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new Claimed(r.getLong("id"), r.getString("requested_by"), r.getString("scope"), r.getJsonObject("params"), r.getJsonObject("texts"));
    });
  }

  Future<Integer> count(List<Long> courseIds) {
    return pool.preparedQuery(ExportJobsSql.COUNT).execute(Tuple.of(courseIds.toArray(new Long[0])))
      .map(rows -> rows.iterator().next().getLong("n").intValue());
  }

  /** False when the job is no longer this worker's: the caller stops. */
  Future<Boolean> progress(long id, String worker, int progress, int rows) {
    return pool.preparedQuery(ExportJobsSql.PROGRESS).execute(Tuple.of(id, worker, progress, rows)).map(r -> r.rowCount() == 1);
  }

  Future<Void> heartbeat(String worker) {
    return pool.preparedQuery(ExportJobsSql.HEARTBEAT).execute(Tuple.of(worker)).mapEmpty();
  }

  Future<Boolean> done(long id, String worker, int rows, Buffer file, String name, String contentType, int keepHours) {
    return pool.preparedQuery(ExportJobsSql.DONE).execute(Tuple.of(id, worker, rows, file, keepHours, name, contentType))
      .map(r -> r.rowCount() == 1);
  }

  Future<Void> failed(long id, String worker, String error, int keepHours) {
    return pool.preparedQuery(ExportJobsSql.FAILED).execute(Tuple.of(id, worker, error, keepHours)).mapEmpty();
  }

  /** Marks failed the running jobs of workers not heard of for {@code staleSeconds}; answers how many. */
  Future<Integer> failStale(int staleSeconds, int keepHours) {
    return pool.preparedQuery(ExportJobsSql.FAIL_STALE)
      .execute(Tuple.of(staleSeconds, "interrupted: the process running this export stopped; please start it again", keepHours))
      .map(r -> r.rowCount());
  }

  Future<Void> requeue(String worker) {
    return pool.preparedQuery(ExportJobsSql.REQUEUE).execute(Tuple.of(worker)).mapEmpty();
  }

  /**
   * The periodic cleanup (run by the jobs scheduler): drops expired files, deletes rows a week past
   * their expiry. {@code guard} runs first in the same transaction (the scheduler's lease check).
   */
  public Future<JsonObject> cleanup(Function<SqlConnection, Future<?>> guard) {
    return pool.withTransaction(conn -> guard.apply(conn)
      .compose(v -> conn.query(ExportJobsSql.DROP_FILES).execute())
      .compose(dropped -> conn.query(ExportJobsSql.DELETE_OLD).execute()
        .map(deleted -> new JsonObject().put("updated", dropped.rowCount()).put("removed", deleted.rowCount()))));
  }
}
