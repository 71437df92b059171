package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.SeatCommand;
import org.opensignup.bus.SeatCommand.Accept;
import org.opensignup.bus.SeatCommand.Add;
import org.opensignup.bus.SeatCommand.Admit;
import org.opensignup.bus.SeatCommand.Decline;
import org.opensignup.bus.SeatCommand.Draw;
import org.opensignup.bus.SeatCommand.ExpireOffers;
import org.opensignup.bus.SeatCommand.Fence;
import org.opensignup.bus.SeatCommand.Move;
import org.opensignup.bus.SeatCommand.Remove;
import org.opensignup.bus.SeatCommand.SeatResult;
import org.opensignup.bus.SeatCommand.SetSeats;
import org.opensignup.bus.SeatCommand.SignOff;
import org.opensignup.mail.Outbox;
import org.opensignup.signup.Outcome.Refused;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every seat change that is not a new signup, each in one transaction of the same shape as a signup batch:
 * time limits, the job's lease when a job asks, the courses locked in id order, then the rows; decisions
 * on the database's clock read after the locks; the outbox mails and the staff's audit row written in the
 * same transaction; the course counters recounted from the rows at the end (the course's check refuses
 * an oversold result). Freed seats go at once to the oldest waiting entries.
 */
public final class SeatChanges {
  private static final SecureRandom SEEDS = new SecureRandom();

  /** Limits for one transaction, in milliseconds. */
  public record Timeouts(int lockMillis, int statementMillis) {}

  /** One transaction's view: the connection, the locked courses and the clock read after the locks. */
  private record Tx(SqlConnection conn, Map<Long, Row> courses, Instant now) {}

  private final Pool pool;
  private final SeatMails mails;
  private final Lottery lottery;
  private final int signoffDays;
  private final int offerHours;
  private final Timeouts timeouts;

  SeatChanges(Pool pool, MailModel.Terms terms, int offerHours, Timeouts timeouts) {
    this.pool = pool;
    this.mails = new SeatMails(terms);
    this.lottery = new Lottery(mails);
    this.signoffDays = terms.signoffDays();
    this.offerHours = offerHours;
    this.timeouts = timeouts;
  }

  /**
   * The course whose partition should run the command, or null for commands that span courses (draw,
   * expiry). Fails 404 for an unknown secret or attendance.
   */
  public Future<Long> courseOf(SeatCommand cmd) {
    if (cmd instanceof SignOff c) return courseOfSecret(c.secret());
    if (cmd instanceof Accept c) return courseOfSecret(c.secret());
    if (cmd instanceof Decline c) return courseOfSecret(c.secret());
    if (cmd instanceof Admit c) return courseOfAttendance(c.attendanceId());
    if (cmd instanceof Remove c) return courseOfAttendance(c.attendanceId());
    if (cmd instanceof Move c) return courseOfAttendance(c.attendanceId());
    if (cmd instanceof Add c) return Future.succeededFuture(c.courseId());
    if (cmd instanceof SetSeats c) return Future.succeededFuture(c.courseId());
    return Future.succeededFuture(null);
  }

  public Future<SeatResult> run(SeatCommand cmd) {
    if (cmd instanceof SignOff c) return bySecret(c.secret(), (tx, att) -> signOff(tx, att));
    if (cmd instanceof Accept c) return bySecret(c.secret(), (tx, att) -> accept(tx, att));
    if (cmd instanceof Decline c) return bySecret(c.secret(), (tx, att) -> passOn(tx, att, "offer declined", Outbox.Kind.OFFER_DECLINED));
    if (cmd instanceof Admit c) return byAttendance(c.attendanceId(), null, null, (tx, att) -> admit(tx, att, c));
    if (cmd instanceof Remove c) return byAttendance(c.attendanceId(), null, null, (tx, att) -> remove(tx, att, c));
    if (cmd instanceof Move c) return byAttendance(c.attendanceId(), c.toCourseId(), null, (tx, att) -> move(tx, att, c));
    if (cmd instanceof Add c) return inTx(null, List.of(c.courseId()), tx -> add(tx, c));
    if (cmd instanceof SetSeats c) return inTx(null, List.of(c.courseId()), tx -> setSeats(tx, c));
    if (cmd instanceof ExpireOffers c) return expireOffers(c.fence());
    if (cmd instanceof Draw c) return draw(c);
    return Future.failedFuture(refused(400, null, "error.bad-request"));
  }

  // --- the applicant's own changes -------------------------------------------------------------

  private Future<SeatResult> signOff(Tx tx, Row att) {
    String state = att.getString("state");
    if ("cancelled".equals(state)) return refuse(409, null, "signup.error.already-cancelled");
    if ("confirmed".equals(state)) {
      Instant confirmedAt = att.getOffsetDateTime("confirmed_at").toInstant();
      if (tx.now().isAfter(confirmedAt.plus(Duration.ofDays(signoffDays)))) {
        return refuse(409, null, "signup.error.signoff-too-late", signoffDays);
      }
    }
    return cancel(tx, att, "signed off", Outbox.Kind.SIGNED_OFF);
  }

  private Future<SeatResult> accept(Tx tx, Row att) {
    if (!"offered".equals(att.getString("state"))) return refuse(409, null, "signup.error.no-offer");
    if (!att.getOffsetDateTime("offer_expires_at").toInstant().isAfter(tx.now())) return refuse(409, null, "signup.error.offer-expired");
    long id = att.getLong("id");
    return tx.conn().preparedQuery(SignupSql.CONFIRM).execute(Tuple.of((Object) new Long[] {id}))
      .compose(v -> mails.write(tx.conn(), List.of(id), Outbox.Kind.CONFIRMED))
      .map(v -> result("confirmed", id, List.of(att.getLong("course_id")), null));
  }

  /** An offer declined or expired: the entry is cancelled and the seat passes to the next waiting entry. */
  private Future<SeatResult> passOn(Tx tx, Row att, String reason, String mailKind) {
    if (!"offered".equals(att.getString("state"))) return refuse(409, null, "signup.error.no-offer");
    return cancel(tx, att, reason, mailKind);
  }

  // --- staff ---------------------------------------------------------------------------------------

  private Future<SeatResult> admit(Tx tx, Row att, Admit c) {
    String state = att.getString("state");
    long id = att.getLong("id");
    long courseId = att.getLong("course_id");
    if (!List.of("waiting", "pool", "offered").contains(state)) return refuse(409, null, "signup.error.not-waiting");
    Future<Void> room = "offered".equals(state) ? Future.succeededFuture()
      : occupancy(tx, courseId).compose(o -> o[0] < o[2] ? Future.succeededFuture()
        : Future.failedFuture(refused(409, "courseId", "signup.error.full")));
    return room.compose(v -> tx.conn().preparedQuery(SignupSql.CONFIRM).execute(Tuple.of((Object) new Long[] {id})))
      .compose(v -> c.sendMail() ? mails.write(tx.conn(), List.of(id), Outbox.Kind.STAFF_ADMITTED) : Future.succeededFuture())
      .compose(v -> audit(tx, c.actor(), "admit", att, courseId, new JsonObject().put("state", state), new JsonObject().put("state", "confirmed")))
      .map(v -> result("confirmed", id, List.of(courseId), null));
  }

  private Future<SeatResult> remove(Tx tx, Row att, Remove c) {
    if ("cancelled".equals(att.getString("state"))) return refuse(409, null, "signup.error.already-cancelled");
    return cancel(tx, att, "removed by staff", c.sendMail() ? Outbox.Kind.STAFF_REMOVED : null)
      .compose(r -> audit(tx, c.actor(), "remove", att, att.getLong("course_id"), new JsonObject().put("state", att.getString("state")),
        new JsonObject().put("state", "cancelled")).map(r));
  }

  private Future<SeatResult> move(Tx tx, Row att, Move c) {
    long id = att.getLong("id");
    long from = att.getLong("course_id");
    String before = att.getString("state");
    if ("cancelled".equals(before)) return refuse(409, null, "signup.error.already-cancelled");
    if (from == c.toCourseId()) return refuse(409, "courseId", "signup.error.same-course");
    Row to = tx.courses().get(c.toCourseId());
    if (to == null) return refuse(404, "courseId", "signup.error.unknown-course");
    boolean heldSeat = "confirmed".equals(before) || "offered".equals(before);
    Row fromCourse = tx.courses().get(from);
    JsonObject fromModel = new JsonObject().put("name", displayName(fromCourse))
      .put("languageDe", fromCourse.getString("name_de")).put("languageEn", fromCourse.getString("name_en"));
    return placeIn(tx, to).compose(state -> tx.conn().preparedQuery(SignupSql.MOVE).execute(Tuple.of(id, c.toCourseId(), state))
      .recover(e -> isUniqueViolation(e) ? refuse(409, "courseId", "signup.error.already-signed-up") : Future.failedFuture(e))
      .compose(v -> heldSeat ? fill(tx, from) : Future.succeededFuture(0))
      .compose(v -> c.sendMail() ? mails.write(tx.conn(), List.of(id), Outbox.Kind.STAFF_MOVED, new JsonObject().put("fromCourse", fromModel))
        : Future.succeededFuture())
      .compose(v -> audit(tx, c.actor(), "move", att, c.toCourseId(), new JsonObject().put("courseId", from).put("state", before),
        new JsonObject().put("courseId", c.toCourseId()).put("state", state)))
      .map(v -> result(state, id, List.of(from, c.toCourseId()), null)));
  }

  private Future<SeatResult> add(Tx tx, Add c) {
    Row course = tx.courses().get(c.courseId());
    if (course == null) return refuse(404, "courseId", "signup.error.unknown-course");
    return placeIn(tx, course).compose(state -> tx.conn().preparedQuery(SignupSql.ADD)
      .execute(Tuple.of(c.applicantId(), c.courseId(), state, Secrets.next()))
      .recover(e -> isUniqueViolation(e) ? refuse(409, "courseId", "signup.error.already-signed-up") : Future.failedFuture(e))
      .compose(rows -> {
        if (rows.size() == 0) return refuse(404, "applicantId", "signup.error.unknown-choice");
        long id = rows.iterator().next().getLong("id");
        return (c.sendMail() ? mails.write(tx.conn(), List.of(id), Outbox.Kind.STAFF_ADDED) : Future.<Void>succeededFuture())
          .compose(v -> auditRow(tx, c.actor(), "add", "attendance", id, c.applicantId(), c.courseId(), null, new JsonObject().put("state", state)))
          .map(v -> result(state, id, List.of(c.courseId()), null));
      }));
  }

  private Future<SeatResult> setSeats(Tx tx, SetSeats c) {
    Row course = tx.courses().get(c.courseId());
    if (course == null) return refuse(404, "courseId", "signup.error.unknown-course");
    if (c.seats() < 0 || c.seats() > 100_000) return refuse(422, "seats", "error.bad-request");
    int before = course.getInteger("seats");
    return occupancy(tx, c.courseId()).compose(o -> {
      if (o[0] > c.seats()) return refuse(409, "seats", "signup.error.seats-below-confirmed", o[0]);
      return tx.conn().preparedQuery(SignupSql.SET_SEATS).execute(Tuple.of(c.courseId(), c.seats()))
        .compose(v -> fill(tx, c.courseId()))
        .compose(promoted -> auditRow(tx, c.actor(), "set-seats", "course", c.courseId(), null, c.courseId(),
            new JsonObject().put("seats", before), new JsonObject().put("seats", c.seats()).put("promoted", promoted))
          .map(v -> result(null, null, List.of(c.courseId()), new JsonObject().put("promoted", promoted))));
    });
  }

  /** Where a staff placement lands: confirmed on a free seat, else waiting while the list has room; else 409. */
  private Future<String> placeIn(Tx tx, Row course) {
    long id = course.getLong("id");
    return occupancy(tx, id).compose(o -> {
      int seats = o[2];
      if (o[0] < seats) return Future.succeededFuture("confirmed");
      if (course.getBoolean("has_waiting_list") && o[1] < CourseStatus.waitingCap(seats, course.getInteger("waiting_cap_factor"))) {
        return Future.succeededFuture("waiting");
      }
      return Future.failedFuture(refused(409, "courseId", "signup.error.full"));
    });
  }

  // --- jobs ----------------------------------------------------------------------------------------

  private Future<SeatResult> expireOffers(Fence fence) {
    return pool.preparedQuery(SignupSql.EXPIRED_OFFERS).execute().compose(rows -> {
      List<Long> ids = new ArrayList<>();
      for (Row r : rows) ids.add(r.getLong("id"));
      List<Long> changed = new ArrayList<>();
      int[] expired = {0};
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> byAttendance(id, null, fence, (tx, att) -> {
          // decided on the database's clock under the lock: accepted meanwhile, or not yet due, is left alone
          if (!"offered".equals(att.getString("state")) || att.getOffsetDateTime("offer_expires_at").toInstant().isAfter(tx.now())) {
            return Future.succeededFuture(result(att.getString("state"), id, List.of(), null));
          }
          return passOn(tx, att, "offer expired", Outbox.Kind.OFFER_EXPIRED);
        }).map(r -> {
          if ("cancelled".equals(r.state())) expired[0]++;
          changed.addAll(r.changedCourses());
          return null;
        }));
      }
      return chain.map(v -> result(null, null, List.copyOf(new TreeSet<>(changed)), new JsonObject().put("expired", expired[0])));
    });
  }

  private Future<SeatResult> draw(Draw c) {
    if (c.languageId() != null) {
      return drawOne(c.languageId(), c.seed() != null ? c.seed() : SEEDS.nextLong(), c.dryRun(), c.actor(), c.fence(), true)
        .map(d -> drawResult(d == null ? List.of() : List.of(d)));
    }
    return pool.preparedQuery(SignupSql.LANGUAGES_TO_DRAW).execute().compose(rows -> {
      List<JsonObject> draws = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        long id = r.getLong("id");
        chain = chain.compose(v -> drawOne(id, SEEDS.nextLong(), c.dryRun(), c.actor(), c.fence(), false).map(d -> {
          if (d != null) draws.add(d);
          return null;
        }));
      }
      return chain.map(v -> drawResult(draws));
    });
  }

  /** One language: locked, then its courses; drawn once (a second ask gets 409 when named, nothing when periodic). */
  private Future<JsonObject> drawOne(long languageId, long seed, boolean dryRun, String actor, Fence fence, boolean named) {
    return pool.withTransaction(conn -> limits(conn, 3)
      .compose(v -> fence(conn, fence))
      .compose(v -> conn.preparedQuery(SignupSql.LOCK_LANGUAGE).execute(Tuple.of(languageId)))
      .compose(lang -> {
        if (lang.size() == 0) return refuse(404, "languageId", "signup.error.unknown-choice");
        Row l = lang.iterator().next();
        if (l.getValue("lottery_drawn_at") != null) {
          return named && !dryRun ? refuse(409, "languageId", "signup.error.already-drawn") : Future.succeededFuture((JsonObject) null);
        }
        return conn.preparedQuery(SignupSql.LOCK_LANGUAGE_COURSES).execute(Tuple.of(languageId))
          .compose(x -> conn.preparedQuery(SignupSql.LANGUAGE_ROOMS).execute(Tuple.of(languageId)))
          .compose(rooms -> {
            List<Row> courses = new ArrayList<>();
            rooms.forEach(courses::add);
            return lottery.draw(conn, languageId, seed, dryRun, courses).compose(d -> {
              if (dryRun) return Future.succeededFuture(d);
              List<Long> ids = courses.stream().map(r -> r.getLong("id")).toList();
              return recount(conn, ids)
                .compose(v -> actor == null ? Future.succeededFuture()
                  : conn.preparedQuery(SignupSql.AUDIT).execute(Tuple.of(actor, "draw", "language", languageId, null, null, null, d)).mapEmpty())
                .map(v -> d);
            });
          });
      }));
  }

  private static SeatResult drawResult(List<JsonObject> draws) {
    List<Long> changed = new ArrayList<>();
    for (JsonObject d : draws) {
      if (d.getBoolean("dryRun")) continue;
      for (Object c : d.getJsonArray("courses")) changed.add(((JsonObject) c).getLong("courseId"));
    }
    return new SeatResult(null, null, changed, new JsonObject().put("draws", new JsonArray(new ArrayList<>(draws))));
  }

  // --- the transaction's shape ---------------------------------------------------------------------

  private interface AttendanceStep {
    Future<SeatResult> apply(Tx tx, Row attendance);
  }

  private Future<SeatResult> bySecret(String secret, AttendanceStep step) {
    return courseOfSecret(secret).compose(courseId -> inTx(null, List.of(courseId), tx ->
      tx.conn().preparedQuery(SignupSql.LOCK_ATTENDANCE).execute(Tuple.of(secret)).compose(rows -> locked(tx, rows, courseId, step))));
  }

  private Future<SeatResult> byAttendance(long attendanceId, Long otherCourse, Fence fence, AttendanceStep step) {
    return courseOfAttendance(attendanceId).compose(courseId -> {
      List<Long> courses = otherCourse == null ? List.of(courseId) : List.of(courseId, otherCourse);
      return inTx(fence, courses, tx ->
        tx.conn().preparedQuery(SignupSql.LOCK_ATTENDANCE_BY_ID).execute(Tuple.of(attendanceId)).compose(rows -> locked(tx, rows, courseId, step)));
    });
  }

  /** The attendance as locked; if it moved to another course between the look-up and the lock, the caller may retry. */
  private static Future<SeatResult> locked(Tx tx, RowSet<Row> rows, long courseId, AttendanceStep step) {
    if (rows.size() == 0) return refuse(404, null, "signup.error.unknown-secret");
    Row att = rows.iterator().next();
    if (att.getLong("course_id") != courseId) return refuse(409, null, "signup.error.busy");
    return step.apply(tx, att);
  }

  /** One transaction: limits, the lease, the courses locked in id order, the clock after the locks, the step, the recount. */
  private Future<SeatResult> inTx(Fence fence, List<Long> courseIds, Function<Tx, Future<SeatResult>> body) {
    Long[] ids = new TreeSet<>(courseIds).toArray(Long[]::new);
    return pool.withTransaction(conn -> limits(conn, 1)
      .compose(v -> fence(conn, fence))
      .compose(v -> conn.preparedQuery(SignupSql.LOCK_SEAT_COURSES).execute(Tuple.of((Object) ids)))
      .compose(rows -> conn.preparedQuery(SignupSql.CLOCK).execute().map(clock -> {
        Map<Long, Row> courses = new HashMap<>();
        for (Row r : rows) courses.put(r.getLong("id"), r);
        return new Tx(conn, courses, clock.iterator().next().getOffsetDateTime("now").toInstant());
      }))
      .compose(tx -> {
        if (tx.courses().isEmpty()) return refuse(404, "courseId", "signup.error.unknown-course");
        return body.apply(tx);
      })
      .compose(result -> recount(conn, result.changedCourses()).map(result)));
  }

  private Future<Void> limits(SqlConnection conn, int factor) {
    return conn.preparedQuery(SignupSql.TIMEOUTS)
      .execute(Tuple.of(String.valueOf(timeouts.lockMillis()), String.valueOf(timeouts.statementMillis() * factor))).mapEmpty();
  }

  /** A job's change is written only while its lease is still held by this run (and the lease cannot pass while it writes). */
  private static Future<Void> fence(SqlConnection conn, Fence fence) {
    if (fence == null) return Future.succeededFuture();
    return conn.preparedQuery(SignupSql.FENCE).execute(Tuple.of(fence.job(), fence.holder()))
      .compose(rows -> rows.size() == 0 ? refuse(409, null, "signup.error.lease-lost") : Future.succeededFuture());
  }

  /** Cancels an attendance; a freed seat goes at once to the oldest waiting entries. */
  private Future<SeatResult> cancel(Tx tx, Row att, String reason, String mailKind) {
    long id = att.getLong("id");
    long courseId = att.getLong("course_id");
    String state = att.getString("state");
    boolean freesSeat = "confirmed".equals(state) || "offered".equals(state);
    return tx.conn().preparedQuery(SignupSql.CANCEL).execute(Tuple.of(id, reason))
      .compose(v -> mailKind == null ? Future.succeededFuture() : mails.write(tx.conn(), List.of(id), mailKind))
      .compose(v -> freesSeat ? fill(tx, courseId) : Future.succeededFuture(0))
      .map(promoted -> result("cancelled", id, List.of(courseId), new JsonObject().put("promoted", promoted)));
  }

  /** Gives every free seat of a course to the oldest waiting entries: confirmed at once, or offered for some hours. */
  private Future<Integer> fill(Tx tx, long courseId) {
    return occupancy(tx, courseId).compose(o -> {
      int free = o[2] - o[0];
      if (free <= 0 || o[1] == 0) return Future.succeededFuture(0);
      return tx.conn().preparedQuery(SignupSql.FIRST_WAITING).execute(Tuple.of(courseId, free)).compose(rows -> {
        List<Long> ids = new ArrayList<>();
        for (Row r : rows) ids.add(r.getLong("id"));
        if (ids.isEmpty()) return Future.succeededFuture(0);
        Long[] array = ids.toArray(Long[]::new);
        Future<?> update = offerHours == 0 ? tx.conn().preparedQuery(SignupSql.CONFIRM).execute(Tuple.of((Object) array))
          : tx.conn().preparedQuery(SignupSql.OFFER).execute(Tuple.of(array, OffsetDateTime.ofInstant(tx.now(), ZoneOffset.UTC).plusHours(offerHours)));
        return update.compose(v -> mails.write(tx.conn(), ids, offerHours == 0 ? Outbox.Kind.PROMOTED : Outbox.Kind.OFFER)).map(v -> ids.size());
      });
    });
  }

  /** Seats taken, waiting entries and seats, counted from the rows as they are in this transaction. */
  private static Future<int[]> occupancy(Tx tx, long courseId) {
    return tx.conn().preparedQuery(SignupSql.OCCUPANCY).execute(Tuple.of(courseId)).map(rows -> {
      Row r = rows.iterator().next();
      return new int[] {r.getInteger("taken"), r.getInteger("waiting"), r.getInteger("seats")};
    });
  }

  private static Future<Void> recount(SqlConnection conn, List<Long> courseIds) {
    if (courseIds.isEmpty()) return Future.succeededFuture();
    return conn.preparedQuery(SignupSql.RECOUNT).execute(Tuple.of((Object) new TreeSet<>(courseIds).toArray(Long[]::new))).mapEmpty();
  }

  private static Future<Void> audit(Tx tx, String actor, String action, Row att, long courseId, JsonObject before, JsonObject after) {
    return auditRow(tx, actor, action, "attendance", att.getLong("id"), att.getLong("applicant_id"), courseId, before, after);
  }

  /** Staff changes only (actor set): who, what, before and after, in the change's own transaction. */
  private static Future<Void> auditRow(Tx tx, String actor, String action, String entity, Long entityId, Long applicantId, Long courseId,
                                       JsonObject before, JsonObject after) {
    if (actor == null) return Future.succeededFuture();
    return tx.conn().preparedQuery(SignupSql.AUDIT).execute(Tuple.of(actor, action, entity, entityId, applicantId, courseId, before, after))
      .mapEmpty();
  }

  private Future<Long> courseOfSecret(String secret) {
    return pool.preparedQuery(SignupSql.COURSE_OF_SECRET).execute(Tuple.of(secret == null ? "" : secret)).compose(rows -> rows.size() == 0
      ? refuse(404, null, "signup.error.unknown-secret") : Future.succeededFuture(rows.iterator().next().getLong("course_id")));
  }

  private Future<Long> courseOfAttendance(long attendanceId) {
    return pool.preparedQuery(SignupSql.COURSE_OF_ATTENDANCE).execute(Tuple.of(attendanceId)).compose(rows -> rows.size() == 0
      ? refuse(404, "attendanceId", "signup.error.unknown-attendance") : Future.succeededFuture(rows.iterator().next().getLong("course_id")));
  }

  private static String displayName(Row course) {
    String alt = course.getString("alternative");
    return alt.isEmpty() ? course.getString("level") : course.getString("level") + " " + alt;
  }

  private static SeatResult result(String state, Long attendanceId, List<Long> courses, JsonObject detail) {
    return new SeatResult(state, attendanceId, courses, detail);
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  static <T> Future<T> refuse(int status, String field, String key, Object... args) {
    return Future.failedFuture(refused(status, field, key, args));
  }

  static io.vertx.core.eventbus.ReplyException refused(int status, String field, String key, Object... args) {
    return org.opensignup.bus.BusFailure.of(status, field, key, args);
  }

  /** Kept for the rules that speak in Refused outcomes. */
  static io.vertx.core.eventbus.ReplyException refused(Refused r) {
    return refused(r.status(), r.field(), r.messageKey(), r.args());
  }
}
