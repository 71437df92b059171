package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.Outbox;
import org.opensignup.signup.LotteryDraw.Assignment;
import org.opensignup.signup.LotteryDraw.CourseRoom;
import org.opensignup.signup.LotteryDraw.Entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The draw of one language, inside the caller's transaction (SeatChanges), which has locked the language
 * row and then its courses: marked drawn in the same transaction, so it happens once whoever asks. A dry
 * run computes the same answer from the same seed and writes nothing.
 */
final class Lottery {
  private final SeatMails mails;

  Lottery(SeatMails mails) {
    this.mails = mails;
  }

  /** Draws (or, dry, computes) and answers {languageId, seed, pool, confirmed, waiting, lost, dryRun, courses:[…]}. */
  Future<JsonObject> draw(SqlConnection conn, long languageId, long seed, boolean dryRun, List<Row> courses) {
    Map<Long, CourseRoom> rooms = new HashMap<>();
    for (Row c : courses) {
      // the room is what the rows say now, not the counters (they are recounted after the draw)
      int seats = c.getInteger("seats");
      int taken = c.getInteger("taken");
      int waiting = c.getInteger("waiting");
      int cap = c.getBoolean("has_waiting_list") ? CourseStatus.waitingCap(seats, c.getInteger("waiting_cap_factor")) : 0;
      rooms.put(c.getLong("id"), new CourseRoom(Math.max(0, seats - taken), Math.max(0, cap - waiting)));
    }
    return conn.preparedQuery(SignupSql.POOL).execute(Tuple.of(languageId)).compose(poolRows -> {
      List<Entry> entries = new ArrayList<>();
      for (Row r : poolRows) {
        entries.add(new Entry(r.getLong("id"), r.getLong("applicant_id"), r.getLong("course_id"), r.getLong("applications").intValue()));
      }
      List<Assignment> result = LotteryDraw.draw(entries, rooms, seed);
      return dryRun ? Future.succeededFuture(summary(languageId, seed, entries.size(), result, rooms, true))
        : apply(conn, languageId, seed, entries.size(), result, rooms);
    });
  }

  private Future<JsonObject> apply(SqlConnection conn, long languageId, long seed, int poolSize, List<Assignment> result,
                                   Map<Long, CourseRoom> rooms) {
    List<Tuple> confirm = new ArrayList<>();
    List<Tuple> waiting = new ArrayList<>();
    List<Tuple> refuse = new ArrayList<>();
    List<Long> won = new ArrayList<>();
    List<Long> wait = new ArrayList<>();
    List<Long> lost = new ArrayList<>();
    for (Assignment a : result) {
      long id = a.entry().attendanceId();
      switch (a.result()) {
        case CONFIRMED -> {
          confirm.add(Tuple.of(id));
          won.add(id);
        }
        case WAITING -> {
          waiting.add(Tuple.of(id));
          wait.add(id);
        }
        default -> {
          refuse.add(Tuple.of(id));
          lost.add(id);
        }
      }
    }
    // executed in draw order, so the arrival numbers (the waiting-list order) follow the draw
    Future<Void> f = Future.succeededFuture();
    if (!confirm.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_CONFIRM).executeBatch(confirm).mapEmpty());
    if (!waiting.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_WAIT).executeBatch(waiting).mapEmpty());
    if (!refuse.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_REFUSE).executeBatch(refuse).mapEmpty());
    JsonObject summary = summary(languageId, seed, poolSize, result, rooms, false);
    return f.compose(v -> mails.write(conn, won, Outbox.Kind.LOTTERY_WON))
      .compose(v -> mails.write(conn, wait, Outbox.Kind.LOTTERY_WAITING))
      .compose(v -> mails.write(conn, lost, Outbox.Kind.LOTTERY_LOST))
      .compose(v -> conn.preparedQuery(SignupSql.RECORD_DRAW)
        .execute(Tuple.of(languageId, seed, poolSize, summary.getInteger("confirmed"), summary.getInteger("waiting"))))
      .compose(v -> conn.preparedQuery(SignupSql.MARK_DRAWN).execute(Tuple.of(languageId)))
      .map(v -> summary);
  }

  private static JsonObject summary(long languageId, long seed, int poolSize, List<Assignment> result, Map<Long, CourseRoom> rooms,
                                    boolean dryRun) {
    Map<Long, int[]> perCourse = new TreeMap<>();
    rooms.keySet().forEach(id -> perCourse.put(id, new int[3]));
    int[] total = new int[3];
    for (Assignment a : result) {
      int k = switch (a.result()) {
        case CONFIRMED -> 0;
        case WAITING -> 1;
        default -> 2;
      };
      perCourse.computeIfAbsent(a.entry().courseId(), x -> new int[3])[k]++;
      total[k]++;
    }
    JsonArray courses = new JsonArray();
    perCourse.forEach((id, c) -> courses.add(new JsonObject().put("courseId", id).put("confirmed", c[0]).put("waiting", c[1]).put("lost", c[2])));
    return new JsonObject().put("languageId", languageId).put("seed", seed).put("pool", poolSize)
      .put("confirmed", total[0]).put("waiting", total[1]).put("lost", total[2]).put("dryRun", dryRun).put("courses", courses);
  }
}
