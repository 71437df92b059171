package org.opensignup.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Every change of a seat that is not a new signup: the applicant's own sign-off and answers to an
 * offer, the periodic jobs (offer expiry, lottery draw) and the staff actions. Sent as
 * {@code toJson()} to {@link Bus#SEAT_COMMAND}; the signup verticle runs it in the pipeline of the
 * course it touches (one lock order: courses by id, then attendances; the database's clock; the outbox
 * rows written in the same transaction) and answers {@link SeatResult#toJson()}. Refusals come back as
 * {@link BusFailure}s with an HTTP status (404 unknown, 409 not possible now, 422 bad value).
 *
 * <p>{@code actor} is the staff member's display name for the audit log (null for applicants and jobs);
 * a staff command writes its audit row in the same transaction as the change.
 */
public sealed interface SeatCommand {

  /** The type tag in the JSON form. */
  String type();

  JsonObject toJson();

  /** A job run holding a lease: the change is written only while the lease is still this holder's. */
  record Fence(String job, String holder) {
    JsonObject toJson() {
      return new JsonObject().put("job", job).put("holder", holder);
    }

    static Fence from(JsonObject j) {
      return j == null ? null : new Fence(j.getString("job"), j.getString("holder"));
    }
  }

  /** The applicant leaves (status link): waiting, pool and offered any time, confirmed within the sign-off days. */
  record SignOff(String secret) implements SeatCommand {
    public String type() { return "signoff"; }
    public JsonObject toJson() { return head(this).put("secret", secret); }
  }

  /** The applicant takes an offered seat. */
  record Accept(String secret) implements SeatCommand {
    public String type() { return "accept"; }
    public JsonObject toJson() { return head(this).put("secret", secret); }
  }

  /** The applicant declines an offered seat; it passes to the next waiting entry. */
  record Decline(String secret) implements SeatCommand {
    public String type() { return "decline"; }
    public JsonObject toJson() { return head(this).put("secret", secret); }
  }

  /** Offers whose time is up pass on (periodic job). */
  record ExpireOffers(Fence fence) implements SeatCommand {
    public String type() { return "expire-offers"; }
    public JsonObject toJson() { return head(this).put("fence", fence == null ? null : fence.toJson()); }
  }

  /**
   * The lottery draw of one language (or, with languageId null, of every language whose lottery
   * window has ended and that is not drawn yet). {@code seed} null: a random one, stored. {@code dryRun}:
   * computes and answers what the draw would give, writes nothing.
   */
  record Draw(Long languageId, Long seed, boolean dryRun, String actor, Fence fence) implements SeatCommand {
    public String type() { return "draw"; }
    public JsonObject toJson() {
      return head(this).put("languageId", languageId).put("seed", seed).put("dryRun", dryRun).put("actor", actor)
        .put("fence", fence == null ? null : fence.toJson());
    }
  }

  /** Staff give a waiting, pool or offered entry a seat now (the only way in manual mode). 409 when the course is full. */
  record Admit(long attendanceId, boolean sendMail, String actor) implements SeatCommand {
    public String type() { return "admit"; }
    public JsonObject toJson() { return head(this).put("attendanceId", attendanceId).put("notify", sendMail).put("actor", actor); }
  }

  /** Staff take an attendance off its course (cancelled); a freed seat goes to the next waiting entry. */
  record Remove(long attendanceId, boolean sendMail, String actor) implements SeatCommand {
    public String type() { return "remove"; }
    public JsonObject toJson() { return head(this).put("attendanceId", attendanceId).put("notify", sendMail).put("actor", actor); }
  }

  /**
   * Staff move an attendance to another course: confirmed there when a seat is free, else at the end of
   * its waiting list (409 when that is full too); the old course's freed seat goes to its next waiting entry.
   */
  record Move(long attendanceId, long toCourseId, boolean sendMail, String actor) implements SeatCommand {
    public String type() { return "move"; }
    public JsonObject toJson() {
      return head(this).put("attendanceId", attendanceId).put("toCourseId", toCourseId).put("notify", sendMail).put("actor", actor);
    }
  }

  /** Staff add an existing applicant to a course, whatever the phase: confirmed when a seat is free, else waiting. */
  record Add(long applicantId, long courseId, boolean sendMail, String actor) implements SeatCommand {
    public String type() { return "add"; }
    public JsonObject toJson() {
      return head(this).put("applicantId", applicantId).put("courseId", courseId).put("notify", sendMail).put("actor", actor);
    }
  }

  /** Staff change a course's seats; raising them promotes waiting entries at once (with mails). 409 below the confirmed count. */
  record SetSeats(long courseId, int seats, String actor) implements SeatCommand {
    public String type() { return "set-seats"; }
    public JsonObject toJson() { return head(this).put("courseId", courseId).put("seats", seats).put("actor", actor); }
  }

  private static JsonObject head(SeatCommand c) {
    return new JsonObject().put("type", c.type());
  }

  /** Reads the JSON form; an unknown type gives IllegalArgumentException. */
  static SeatCommand fromJson(JsonObject j) {
    String t = j.getString("type", "");
    return switch (t) {
      case "signoff" -> new SignOff(j.getString("secret"));
      case "accept" -> new Accept(j.getString("secret"));
      case "decline" -> new Decline(j.getString("secret"));
      case "expire-offers" -> new ExpireOffers(Fence.from(j.getJsonObject("fence")));
      case "draw" -> new Draw(j.getLong("languageId"), j.getLong("seed"), j.getBoolean("dryRun", false), j.getString("actor"),
        Fence.from(j.getJsonObject("fence")));
      case "admit" -> new Admit(j.getLong("attendanceId"), j.getBoolean("notify", true), j.getString("actor"));
      case "remove" -> new Remove(j.getLong("attendanceId"), j.getBoolean("notify", true), j.getString("actor"));
      case "move" -> new Move(j.getLong("attendanceId"), j.getLong("toCourseId"), j.getBoolean("notify", true), j.getString("actor"));
      case "add" -> new Add(j.getLong("applicantId"), j.getLong("courseId"), j.getBoolean("notify", true), j.getString("actor"));
      case "set-seats" -> new SetSeats(j.getLong("courseId"), j.getInteger("seats"), j.getString("actor"));
      default -> throw new IllegalArgumentException("unknown seat command " + t);
    };
  }

  /**
   * The answer: the attendance's state afterwards (confirmed, waiting, offered, cancelled, pool; null for
   * course-wide commands), the attendance concerned, every course whose counts changed, and details
   * (a draw: {@code {draws:[{languageId, seed, pool, confirmed, waiting, lost, dryRun, courses:[{courseId,
   * confirmed, waiting, lost}]}]}}; expiry: {@code {expired}}; seats: {@code {promoted}}).
   */
  record SeatResult(String state, Long attendanceId, List<Long> changedCourses, JsonObject detail) {
    public JsonObject toJson() {
      return new JsonObject().put("state", state).put("attendanceId", attendanceId)
        .put("changedCourses", new JsonArray(new ArrayList<>(changedCourses))).put("detail", detail == null ? new JsonObject() : detail);
    }

    public static SeatResult from(JsonObject j) {
      List<Long> courses = new ArrayList<>();
      for (Object o : j.getJsonArray("changedCourses", new JsonArray())) courses.add(((Number) o).longValue());
      return new SeatResult(j.getString("state"), j.getLong("attendanceId"), courses, j.getJsonObject("detail", new JsonObject()));
    }
  }
}
