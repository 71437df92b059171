package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.Outbox;
import org.opensignup.signup.Outcome.Refused;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaving a course and the waiting list behind it: sign-off by secret link, the freed seat going at
 * once to the oldest waiting entry (confirmed, or offered for some hours), offers accepted, declined or
 * expired. Each change is one transaction with its mails in the outbox.
 */
public final class Waitlist {
  /** What a change did: the answer for the caller, the course whose counts changed. */
  public record Change(JsonObject reply, long courseId) {}

  private final Pool pool;
  private final int signoffDays;
  private final int offerHours;
  private final String publicUrl;

  public Waitlist(Pool pool, int signoffDays, int offerHours, String publicUrl) {
    this.pool = pool;
    this.signoffDays = signoffDays;
    this.offerHours = offerHours;
    this.publicUrl = publicUrl;
  }

  /** Sign-off by the applicant: waiting, pool and offered entries any time, a confirmed seat within the window. */
  public Future<Change> signOff(String secret, Instant now) {
    return change(secret, (conn, att, course) -> {
      String state = att.getString("state");
      if ("cancelled".equals(state)) return Future.failedFuture(refused(new Refused(409, null, "signup.error.already-cancelled")));
      if ("confirmed".equals(state)) {
        Instant confirmedAt = att.getOffsetDateTime("confirmed_at").toInstant();
        if (now.isAfter(confirmedAt.plus(Duration.ofDays(signoffDays)))) {
          return Future.failedFuture(refused(new Refused(409, null, "signup.error.signoff-too-late", signoffDays)));
        }
      }
      return cancel(conn, att, course, "signed off", Outbox.Kind.SIGNED_OFF);
    });
  }

  /** The applicant takes the offered seat. */
  public Future<Change> accept(String secret, Instant now) {
    return change(secret, (conn, att, course) -> {
      if (!"offered".equals(att.getString("state"))) return Future.failedFuture(refused(new Refused(409, null, "signup.error.no-offer")));
      if (!att.getOffsetDateTime("offer_expires_at").toInstant().isAfter(now)) {
        return Future.failedFuture(refused(new Refused(409, null, "signup.error.offer-expired")));
      }
      long id = att.getLong("id");
      return conn.preparedQuery(SignupSql.CONFIRM).execute(Tuple.of(id))
        .compose(v -> mails(conn, List.of(id), Outbox.Kind.CONFIRMED))
        .map(v -> new Change(new JsonObject().put("state", "confirmed"), course.getLong("id")));
    });
  }

  /** The applicant declines the offer (or it expired): the seat passes on. */
  public Future<Change> decline(String secret, String reason) {
    return change(secret, (conn, att, course) -> {
      if (!"offered".equals(att.getString("state"))) return Future.failedFuture(refused(new Refused(409, null, "signup.error.no-offer")));
      return cancel(conn, att, course, reason, Outbox.Kind.SIGNED_OFF);
    });
  }

  /** Offers whose time ran out, for the periodic expiry job. */
  public Future<List<String>> expiredOffers() {
    return pool.preparedQuery(SignupSql.EXPIRED_OFFERS).execute().map(rows -> {
      List<String> out = new ArrayList<>();
      for (Row r : rows) out.add(r.getString("secret"));
      return out;
    });
  }

  private interface Step {
    Future<Change> apply(SqlConnection conn, Row attendance, Row course);
  }

  private Future<Change> change(String secret, Step step) {
    // find the course first, lock it, then the attendance: the same lock order as signups
    return pool.preparedQuery(SignupSql.COURSE_OF_SECRET).execute(Tuple.of(secret)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(refused(new Refused(404, null, "signup.error.unknown-secret")));
      long courseId = rows.iterator().next().getLong("course_id");
      return pool.withTransaction(conn -> conn.preparedQuery(SignupSql.LOCK_COURSE).execute(Tuple.of(courseId))
        .compose(course -> conn.preparedQuery(SignupSql.LOCK_ATTENDANCE).execute(Tuple.of(secret))
          .compose(att -> step.apply(conn, att.iterator().next(), course.iterator().next()))));
    });
  }

  /** Cancels, then gives a freed seat to the oldest waiting entry. */
  private Future<Change> cancel(SqlConnection conn, Row att, Row course, String reason, String mailKind) {
    long id = att.getLong("id");
    String state = att.getString("state");
    long courseId = course.getLong("id");
    int confirmed = course.getInteger("confirmed_count");
    int waiting = course.getInteger("waiting_count");
    boolean freesSeat = "confirmed".equals(state) || "offered".equals(state);
    int confirmedAfter = freesSeat ? confirmed - 1 : confirmed;
    int waitingAfter = "waiting".equals(state) ? waiting - 1 : waiting;
    Future<Void> done = conn.preparedQuery(SignupSql.CANCEL).execute(Tuple.of(id, reason))
      .compose(v -> mails(conn, List.of(id), mailKind));
    if (freesSeat && confirmedAfter < course.getInteger("seats")) {
      done = done.compose(v -> promote(conn, courseId, new int[] {confirmedAfter, waitingAfter}))
        .compose(c -> setCounts(conn, courseId, c[0], c[1]));
    } else {
      done = done.compose(v -> setCounts(conn, courseId, confirmedAfter, waitingAfter));
    }
    return done.map(v -> new Change(new JsonObject().put("state", "cancelled"), courseId));
  }

  /** The oldest waiting entry gets the seat: confirmed at once, or offered when offers are configured. */
  private Future<int[]> promote(SqlConnection conn, long courseId, int[] counts) {
    return conn.preparedQuery(SignupSql.FIRST_WAITING).execute(Tuple.of(courseId)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(counts);
      long next = rows.iterator().next().getLong("id");
      int[] after = {counts[0] + 1, counts[1] - 1};
      if (offerHours == 0) {
        return conn.preparedQuery(SignupSql.CONFIRM).execute(Tuple.of(next))
          .compose(v -> mails(conn, List.of(next), Outbox.Kind.PROMOTED)).map(v -> after);
      }
      OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusHours(offerHours);
      return conn.preparedQuery(SignupSql.OFFER).execute(Tuple.of(next, expires))
        .compose(v -> mails(conn, List.of(next), Outbox.Kind.OFFER)).map(v -> after);
    });
  }

  private static Future<Void> setCounts(SqlConnection conn, long courseId, int confirmed, int waiting) {
    return conn.preparedQuery(SignupSql.SET_COUNTS).execute(Tuple.of(courseId, confirmed, waiting)).mapEmpty();
  }

  /** Writes one outbox mail per attendance, in the caller's transaction. */
  Future<Void> mails(SqlConnection conn, List<Long> attendanceIds, String kind) {
    return conn.preparedQuery(SignupSql.MAIL_MODEL).execute(Tuple.of((Object) attendanceIds.toArray(Long[]::new))).compose(rows -> {
      List<Tuple> out = new ArrayList<>();
      for (Row r : rows) {
        String locale = r.getString("locale");
        String alt = r.getString("alternative");
        Long pos = r.getLong("position");
        JsonObject payload = MailModel.of(r.getString("first_name"), r.getString("last_name"),
          alt.isEmpty() ? r.getString("level") : r.getString("level") + " " + alt,
          "en".equals(locale) ? r.getString("name_en") : r.getString("name_de"), r.getString("state"),
          pos == null ? null : pos.intValue(), r.getInteger("fee_cents"), publicUrl, r.getString("secret"));
        OffsetDateTime expires = r.getOffsetDateTime("offer_expires_at");
        if (expires != null) {
          String base = publicUrl + "/status/" + r.getString("secret");
          payload.put("offerExpiresAt", expires.toInstant().toString()).put("acceptUrl", base + "#offer").put("declineUrl", base + "#offer");
        }
        out.add(Outbox.row(Outbox.Lane.TRANSACTIONAL, kind, r.getString("mail"), locale, payload, r.getLong("applicant_id"), r.getLong("id")));
      }
      return out.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(org.opensignup.mail.Outbox.INSERT).executeBatch(out).mapEmpty();
    });
  }

  static io.vertx.core.eventbus.ReplyException refused(Refused r) {
    return org.opensignup.bus.BusFailure.of(r.status(), r.field(), r.messageKey(), r.args());
  }
}
