package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Semesters: list, create, copy (languages with shifted windows and courses, in one transaction),
 * the close checklist and the archive. Every change writes its audit row in its own transaction.
 */
public final class Semesters {
  /** How many names the checklist shows per item. */
  static final int EXAMPLES = 5;
  private static final int MAX_SHIFT_DAYS = 3650;

  private final Pool pool;

  public Semesters(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> list() {
    return pool.query(SemestersSql.LIST).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(semester(r).put("languages", r.getLong("languages")).put("courses", r.getLong("courses")));
      return out;
    });
  }

  /** One semester, or null. */
  public Future<JsonObject> get(long id) {
    return pool.preparedQuery(SemestersSql.ONE).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : semester(rows.iterator().next()));
  }

  /** A new, open semester from {"name","startsOn","endsOn"}; answers its id. */
  public Future<Long> create(String actor, JsonObject in) {
    String name = StaffInput.required(in, "name", 120);
    LocalDate starts = date(in, "startsOn", true), ends = date(in, "endsOn", true);
    if (ends.isBefore(starts)) throw StaffInput.bad("endsOn", "semesters.error.order");
    return pool.withTransaction(conn -> insert(conn, name, starts, ends).compose(id -> get(conn, id)
        .compose(after -> StaffStore.audit(conn, actor, "semester.create", "semester", id, null, null, null, after)).map(v -> id)))
      .recover(Semesters::nameTaken);
  }

  /**
   * A new semester from {"name","startsOn","shiftDays"} (optional "endsOn") with copies of the source's
   * languages, every window moved by shiftDays (default: the distance between the two starts), and
   * their courses (seats, price, schedule, level and the rest; no attendances, empty counters, not
   * drawn). One transaction. Answers {"id","languages","courses"}.
   */
  public Future<JsonObject> copy(String actor, long sourceId, JsonObject in) {
    String name = StaffInput.required(in, "name", 120);
    LocalDate starts = date(in, "startsOn", true), endsGiven = date(in, "endsOn", false);
    Integer shiftGiven = StaffInput.integer(in, "shiftDays", -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS);
    return pool.withTransaction(conn -> conn.preparedQuery(SemestersSql.LOCK).execute(Tuple.of(sourceId)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "semesters.error.unknown", null));
      JsonObject source = semester(rows.iterator().next());
      LocalDate srcStarts = LocalDate.parse(source.getString("startsOn")), srcEnds = LocalDate.parse(source.getString("endsOn"));
      LocalDate ends = endsGiven != null ? endsGiven : starts.plusDays(ChronoUnit.DAYS.between(srcStarts, srcEnds));
      if (ends.isBefore(starts)) return Future.failedFuture(StaffInput.bad("endsOn", "semesters.error.order"));
      long between = ChronoUnit.DAYS.between(srcStarts, starts);
      if (shiftGiven == null && Math.abs(between) > MAX_SHIFT_DAYS) {
        return Future.failedFuture(StaffInput.bad("shiftDays", "admin.input.error.number", -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS));
      }
      int shift = shiftGiven != null ? shiftGiven : (int) between;
      return insert(conn, name, starts, ends).compose(id -> conn.preparedQuery(SemestersSql.COPY_LANGUAGES).execute(Tuple.of(sourceId, id, shift))
        .compose(langs -> conn.preparedQuery(SemestersSql.COPY_COURSES).execute(Tuple.of(sourceId, id, shift)).compose(courses -> {
          JsonObject result = new JsonObject().put("id", id).put("languages", langs.rowCount()).put("courses", courses.rowCount());
          JsonObject after = new JsonObject().put("name", name).put("startsOn", starts.toString()).put("endsOn", ends.toString())
            .put("shiftDays", shift).put("languages", langs.rowCount()).put("courses", courses.rowCount());
          return StaffStore.audit(conn, actor, "semester.copy", "semester", id, null, null,
            new JsonObject().put("copiedFrom", sourceId).put("name", source.getString("name")), after).map(v -> result);
        })));
    })).recover(Semesters::nameTaken);
  }

  /** What is left to do before a semester is archived; null for an unknown semester. */
  public Future<JsonObject> checklist(long id) {
    return get(id).compose(s -> {
      if (s == null) return Future.succeededFuture(null);
      Tuple t = Tuple.of(id, EXAMPLES);
      return Future.all(pool.preparedQuery(SemestersSql.UNPAID).execute(t), pool.preparedQuery(SemestersSql.UNGRADED).execute(t),
        pool.preparedQuery(SemestersSql.OPEN_MAILS).execute(Tuple.of(id))).map(all -> {
          JsonObject mails = new JsonObject().put("pending", 0).put("failed", 0).put("failedExamples", new JsonArray())
            .put("pendingExamples", new JsonArray());
          for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(2)) {
            String state = r.getString("state");
            mails.put(state, r.getLong("total"));
            JsonArray examples = new JsonArray();
            for (String e : r.getArrayOfStrings("examples")) examples.add(e);
            mails.put(state + "Examples", examples);
          }
          JsonObject unpaid = people(all.resultAt(0)), ungraded = people(all.resultAt(1));
          boolean clear = unpaid.getLong("count") == 0 && ungraded.getLong("count") == 0 && mails.getLong("pending") == 0
            && mails.getLong("failed") == 0;
          return new JsonObject().put("semester", s).put("unpaid", unpaid).put("ungraded", ungraded).put("mails", mails).put("clear", clear);
        });
    });
  }

  private static JsonObject people(io.vertx.sqlclient.RowSet<Row> rows) {
    long total = 0;
    JsonArray examples = new JsonArray();
    for (Row r : rows) {
      total = r.getLong("total");
      examples.add(new JsonObject().put("attendanceId", r.getLong("id")).put("courseId", r.getLong("course_id"))
        .put("name", r.getString("first_name") + " " + r.getString("last_name")).put("openCents", r.getInteger("open_cents")));
    }
    return new JsonObject().put("count", total).put("examples", examples);
  }

  /**
   * Archives an open semester: from now on read-only for staff and closed to signups. What the
   * checklist still showed is kept in the audit row. 404 unknown, 409 already archived.
   */
  public Future<JsonObject> archive(String actor, long id) {
    return checklist(id).compose(check -> {
      if (check == null) return Future.failedFuture(new Refusal(404, "semesters.error.unknown", null));
      return pool.withTransaction(conn -> conn.preparedQuery(SemestersSql.LOCK).execute(Tuple.of(id)).compose(rows -> {
        JsonObject before = semester(rows.iterator().next());
        if (!"open".equals(before.getString("state"))) return Future.failedFuture(SemesterGuard.archived(before.getString("name")));
        return conn.preparedQuery(SemestersSql.ARCHIVE).execute(Tuple.of(id)).compose(v -> get(conn, id)).compose(after -> {
          JsonObject left = new JsonObject().put("unpaid", check.getJsonObject("unpaid").getLong("count"))
            .put("ungraded", check.getJsonObject("ungraded").getLong("count"))
            .put("mailsPending", check.getJsonObject("mails").getLong("pending")).put("mailsFailed", check.getJsonObject("mails").getLong("failed"));
          return StaffStore.audit(conn, actor, "semester.archive", "semester", id, null, null, before, after.copy().put("leftOpen", left))
            .map(v -> after);
        });
      }));
    });
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private static Future<Long> insert(SqlConnection conn, String name, LocalDate starts, LocalDate ends) {
    return conn.preparedQuery(SemestersSql.INSERT).execute(Tuple.of(name, starts, ends)).map(rows -> rows.iterator().next().getLong("id"));
  }

  private static Future<JsonObject> get(SqlConnection conn, long id) {
    return conn.preparedQuery(SemestersSql.ONE).execute(Tuple.of(id)).map(rows -> semester(rows.iterator().next()));
  }

  private static <T> Future<T> nameTaken(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) return Future.failedFuture(new Refusal(409, "semesters.error.name-taken", "name"));
    return Future.failedFuture(e);
  }

  /** An ISO date ("2027-04-01"); a form's date field gives the same. */
  static LocalDate date(JsonObject in, String field, boolean required) {
    Object v = in.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) {
      if (required) throw StaffInput.bad(field, "admin.input.error.required");
      return null;
    }
    if (!(v instanceof String s)) throw StaffInput.bad(field, "semesters.error.date");
    try {
      LocalDate d = LocalDate.parse(s.strip());
      if (d.getYear() < 2000 || d.getYear() > 2200) throw StaffInput.bad(field, "semesters.error.date");
      return d;
    } catch (DateTimeParseException e) {
      throw StaffInput.bad(field, "semesters.error.date");
    }
  }

  private static JsonObject semester(Row r) {
    OffsetDateTime archived = r.getOffsetDateTime("archived_at");
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
      .put("startsOn", r.getLocalDate("starts_on").toString()).put("endsOn", r.getLocalDate("ends_on").toString())
      .put("state", r.getString("state")).put("current", Boolean.TRUE.equals(r.getBoolean("current")))
      .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
      .put("archivedAt", archived == null ? null : archived.toInstant().toString());
  }
}
