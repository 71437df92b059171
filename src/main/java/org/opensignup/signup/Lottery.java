package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.Outbox;
import org.opensignup.signup.LotteryDraw.Assignment;
import org.opensignup.signup.LotteryDraw.CourseRoom;
import org.opensignup.signup.LotteryDraw.Entry;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the draw for every language whose lottery window has ended, once: the language row is locked
 * and marked drawn in the same transaction, so any number of instances may try at the same time.
 */
public final class Lottery {
  private static final SecureRandom SEEDS = new SecureRandom();
  private final Pool pool;
  private final Waitlist mails;

  public Lottery(Pool pool, Waitlist mails) {
    this.pool = pool;
    this.mails = mails;
  }

  /** Draws all languages that are due; replies {draws:[{languageId, seed, pool, confirmed, waiting}]}. */
  public Future<JsonObject> drawDue() {
    return pool.preparedQuery(SignupSql.LANGUAGES_TO_DRAW).execute().compose(rows -> {
      List<Long> ids = new ArrayList<>();
      for (Row r : rows) ids.add(r.getLong("id"));
      JsonArray draws = new JsonArray();
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) chain = chain.compose(v -> drawLanguage(id, SEEDS.nextLong()).map(d -> {
        if (d != null) draws.add(d);
        return null;
      }));
      return chain.map(v -> new JsonObject().put("draws", draws));
    });
  }

  /** Draws one language with the given seed (null answer when it was already drawn). */
  public Future<JsonObject> drawLanguage(long languageId, long seed) {
    return pool.withTransaction(conn -> conn.preparedQuery(SignupSql.LOCK_LANGUAGE).execute(Tuple.of(languageId)).compose(lang -> {
      if (lang.size() == 0 || lang.iterator().next().getValue("lottery_drawn_at") != null) return Future.succeededFuture(null);
      return conn.preparedQuery(SignupSql.LOCK_LANGUAGE_COURSES).execute(Tuple.of(languageId)).compose(courses -> {
        Map<Long, CourseRoom> rooms = new HashMap<>();
        Map<Long, int[]> counts = new HashMap<>();
        for (Row c : courses) {
          int seats = c.getInteger("seats");
          int confirmed = c.getInteger("confirmed_count");
          int waiting = c.getInteger("waiting_count");
          int cap = c.getBoolean("has_waiting_list") ? CourseStatus.waitingCap(seats, c.getInteger("waiting_cap_factor")) : 0;
          rooms.put(c.getLong("id"), new CourseRoom(Math.max(0, seats - confirmed), Math.max(0, cap - waiting)));
          counts.put(c.getLong("id"), new int[] {confirmed, waiting});
        }
        return conn.preparedQuery(SignupSql.POOL).execute(Tuple.of(languageId)).compose(poolRows -> {
          List<Entry> entries = new ArrayList<>();
          for (Row r : poolRows) {
            entries.add(new Entry(r.getLong("id"), r.getLong("applicant_id"), r.getLong("course_id"), r.getLong("applications").intValue()));
          }
          List<Assignment> result = LotteryDraw.draw(entries, rooms, seed);
          return apply(conn, languageId, seed, entries.size(), result, counts);
        });
      });
    }));
  }

  private Future<JsonObject> apply(SqlConnection conn, long languageId, long seed, int poolSize, List<Assignment> result, Map<Long, int[]> counts) {
    List<Tuple> confirm = new ArrayList<>();
    List<Tuple> waiting = new ArrayList<>();
    List<Tuple> refuse = new ArrayList<>();
    List<Long> won = new ArrayList<>();
    List<Long> wait = new ArrayList<>();
    List<Long> lost = new ArrayList<>();
    for (Assignment a : result) {
      long id = a.entry().attendanceId();
      int[] c = counts.get(a.entry().courseId());
      switch (a.result()) {
        case CONFIRMED -> {
          confirm.add(Tuple.of(id));
          won.add(id);
          c[0]++;
        }
        case WAITING -> {
          waiting.add(Tuple.of(id));
          wait.add(id);
          c[1]++;
        }
        default -> {
          refuse.add(Tuple.of(id));
          lost.add(id);
        }
      }
    }
    // executed in draw order, so the arrival numbers (the waiting-list order) follow the draw
    List<Tuple> ordered = new ArrayList<>();
    Future<Void> f = Future.succeededFuture();
    if (!confirm.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_CONFIRM).executeBatch(confirm).mapEmpty());
    if (!waiting.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_WAIT).executeBatch(waiting).mapEmpty());
    if (!refuse.isEmpty()) f = f.compose(v -> conn.preparedQuery(SignupSql.DRAW_REFUSE).executeBatch(refuse).mapEmpty());
    counts.forEach((id, c) -> ordered.add(Tuple.of(id, c[0], c[1])));
    int confirmedCount = confirm.size();
    int waitingCount = waiting.size();
    return f.compose(v -> ordered.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(SignupSql.SET_COUNTS).executeBatch(ordered).mapEmpty())
      .compose(v -> won.isEmpty() ? Future.succeededFuture() : mails.mails(conn, won, Outbox.Kind.LOTTERY_WON))
      .compose(v -> wait.isEmpty() ? Future.succeededFuture() : mails.mails(conn, wait, Outbox.Kind.LOTTERY_WAITING))
      .compose(v -> lost.isEmpty() ? Future.succeededFuture() : mails.mails(conn, lost, Outbox.Kind.LOTTERY_LOST))
      .compose(v -> conn.preparedQuery(SignupSql.RECORD_DRAW).execute(Tuple.of(languageId, seed, poolSize, confirmedCount, waitingCount)))
      .compose(v -> conn.preparedQuery(SignupSql.MARK_DRAWN).execute(Tuple.of(languageId)))
      .map(v -> new JsonObject().put("languageId", languageId).put("seed", seed).put("pool", poolSize)
        .put("confirmed", confirmedCount).put("waiting", waitingCount)
        .put("courses", new JsonArray(new ArrayList<>(counts.keySet()))));
  }
}
