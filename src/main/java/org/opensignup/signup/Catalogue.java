package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The course catalogue as JSON, read straight from PostgreSQL by the HTTP verticle (reads need no
 * trip through the signup verticle). The result is kept for a short time: during the rush the same
 * page is asked for thousands of times a second, and a second-old seat count is good enough for display.
 */
public final class Catalogue {
  static final String SELECT = """
    SELECT l.id AS language_id, l.name_de, l.name_en, l.signup_begin, l.lottery_end, l.fcfs_begin,
           l.signup_end, l.manual_mode, l.lottery_drawn_at IS NOT NULL AS drawn,
           c.id, c.level, c.alternative, c.ger, c.schedule, c.seats, c.price_cents, c.rating_gated,
           c.rating_lowest, c.rating_highest, c.has_waiting_list, c.waiting_cap_factor,
           c.confirmed_count, c.waiting_count, coalesce(p.pool_count, 0) AS pool_count, c.closed_at IS NOT NULL AS closed
      FROM language l LEFT JOIN course c ON c.language_id = l.id
      LEFT JOIN (SELECT course_id, count(*) AS pool_count FROM attendance WHERE state = 'pool' GROUP BY course_id) p
        ON p.course_id = c.id
     WHERE l.semester_id IN (SELECT id FROM semester WHERE state = 'open') -- an archived semester offers nothing (V13)
     ORDER BY l.name_de, c.level, c.alternative""";

  private final Pool pool;
  private final long maxAgeMillis;
  private Future<JsonObject> cached;
  private Future<io.vertx.core.buffer.Buffer> cachedJson;
  private long cachedAt;
  private long rereadAt;

  public Catalogue(Pool pool, long maxAgeMillis) {
    this.pool = pool;
    this.maxAgeMillis = maxAgeMillis;
  }

  /** Called on one event loop only (one instance per HTTP verticle), so no locking. */
  public Future<JsonObject> current() {
    long now = System.currentTimeMillis();
    if (cached == null || now - cachedAt > maxAgeMillis || cached.failed()) {
      cachedAt = now;
      cached = pool.query(SELECT).execute().map(rows -> {
        Instant at = Instant.now();
        Map<Long, JsonObject> languages = new LinkedHashMap<>();
        for (Row r : rows) {
          JsonObject lang = languages.computeIfAbsent(r.getLong("language_id"), id -> language(r, at));
          if (r.getLong("id") != null) lang.getJsonArray("courses").add(course(r));
        }
        return new JsonObject().put("generatedAt", at.toString()).put("languages", new JsonArray(java.util.List.copyOf(languages.values())));
      });
      cachedJson = cached.map(JsonObject::toBuffer);
    }
    return cached;
  }

  /**
   * The catalogue read once more, for a course created a moment ago whose link is opened before the next
   * refresh. At most one such re-read per {@code minGapMillis}, so unknown ids cannot make every request a query.
   */
  public Future<JsonObject> reread(long minGapMillis) {
    long now = System.currentTimeMillis();
    if (now - rereadAt >= minGapMillis) {
      rereadAt = now;
      invalidate();
    }
    return current();
  }

  /** The same, encoded once per refresh: the API answers thousands of times from one encoding. */
  public Future<io.vertx.core.buffer.Buffer> currentJson() {
    current();
    return cachedJson;
  }

  /** Forget the cached catalogue, e.g. after seat counts changed. */
  public void invalidate() {
    cached = null;
    cachedJson = null;
  }

  private static JsonObject language(Row r, Instant now) {
    SignupWindow w = new SignupWindow(instant(r, "signup_begin"), instant(r, "lottery_end"), instant(r, "fcfs_begin"),
      instant(r, "signup_end"), r.getBoolean("manual_mode"));
    boolean drawn = r.getBoolean("drawn");
    Phase phase = w.phaseAt(now, drawn);
    return new JsonObject()
      .put("id", r.getLong("language_id"))
      .put("name", new JsonObject().put("de", r.getString("name_de")).put("en", r.getString("name_en")))
      .put("phase", phase.key())
      .put("open", phase.acceptsSignups())
      .put("opensAt", str(w.nextOpening(now, drawn)))
      .put("phaseEndsAt", str(w.currentPhaseEnd(now)))
      // the whole timetable, so clients can count down and show what comes next
      .put("signupBegin", str(w.signupBegin()))
      .put("lotteryEnd", str(w.lotteryEnd()))
      .put("fcfsBegin", str(w.fcfsBegin()))
      .put("signupEnd", str(w.signupEnd()))
      .put("manual", w.manual())
      .put("courses", new JsonArray());
  }

  private static JsonObject course(Row r) {
    int seats = r.getInteger("seats");
    int confirmed = r.getInteger("confirmed_count");
    int waiting = r.getInteger("waiting_count");
    boolean hasWaitingList = r.getBoolean("has_waiting_list");
    int capFactor = r.getInteger("waiting_cap_factor");
    String alt = r.getString("alternative");
    return new JsonObject()
      .put("id", r.getLong("id"))
      .put("level", r.getString("level"))
      .put("alternative", alt)
      .put("name", alt.isEmpty() ? r.getString("level") : r.getString("level") + " " + alt)
      .put("ger", r.getString("ger"))
      .put("schedule", r.getString("schedule"))
      .put("seats", seats)
      .put("free", Math.max(0, seats - confirmed))
      .put("waiting", waiting)
      .put("waitingCap", hasWaitingList ? CourseStatus.waitingCap(seats, capFactor) : 0)
      .put("pool", r.getLong("pool_count").intValue())
      .put("status", CourseStatus.of(r.getBoolean("closed"), seats, confirmed, waiting, hasWaitingList, capFactor).key())
      .put("closed", r.getBoolean("closed"))
      .put("priceCents", r.getInteger("price_cents"))
      .put("ratingGated", r.getBoolean("rating_gated"))
      .put("ratingLowest", r.getInteger("rating_lowest"))
      .put("ratingHighest", r.getInteger("rating_highest"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
