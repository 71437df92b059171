package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.opensignup.signup.Catalogue;

import java.time.Instant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live seat counts as Server-Sent Events at /api/courses/stream. Changes (Bus.SEATS_CHANGED, from
 * this node or relayed from others through Redis) only mark a course dirty; every live.flush-millis
 * the dirty courses are read in one query and each browser gets one event with all of them. So a
 * burst of thousands of signups costs a browser a couple of events a second, not one per signup.
 * Phase changes (a window opening, the lottery ending) go out as "phase" events, at the moment of
 * the change: a timer is set for the next moment of any language's timetable, and a check every
 * second catches timetables staff have changed. One instance per HTTP verticle; everything runs on
 * its event loop.
 */
final class LiveSeats {
  private record Client(HttpServerResponse response, String lang) {}

  private static final Buffer HEARTBEAT = Buffer.buffer(":\n\n");

  private final Vertx vertx;
  private final SeatCounts counts;
  private final long flushMillis;
  private final long heartbeatMillis;
  private final int maxClients;
  private final Set<Client> clients = new LinkedHashSet<>();
  private Set<Long> dirty = new HashSet<>();
  private boolean reading;
  private final Catalogue catalogue;
  private final Map<Long, String> phases = new HashMap<>();
  private long transitionTimer = -1;
  private Instant transitionAt;

  LiveSeats(Vertx vertx, Pool pool, AppConfig config, Catalogue catalogue) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.counts = new SeatCounts(pool);
    this.flushMillis = config.integer("live.flush-millis", 50, 60_000);
    this.heartbeatMillis = config.integer("live.heartbeat-seconds", 1, 3600) * 1000L;
    this.maxClients = config.integer("live.max-clients", 0, 1_000_000);
  }

  /** Call from the HTTP verticle's start: timers and the consumer end with the verticle. */
  void mount(Router router) {
    vertx.eventBus().<JsonObject>consumer(Bus.SEATS_CHANGED, m -> {
      Object id = m.body().getValue("courseId");
      if (id instanceof Number n) dirty.add(n.longValue());
    });
    vertx.setPeriodic(flushMillis, t -> flush());
    vertx.setPeriodic(heartbeatMillis, t -> heartbeat());
    vertx.setPeriodic(1000, t -> {
      if (!clients.isEmpty()) checkPhases(false);
    });
    router.get("/api/courses/stream").handler(this::open);
  }

  private void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (clients.size() >= maxClients) {
      response.putHeader("Retry-After", "30");
      Problems.send(ctx, 503, "error.unavailable", null);
      return;
    }
    response.setChunked(true)
      .putHeader("Content-Type", "text/event-stream; charset=utf-8")
      .putHeader("Cache-Control", "no-store")
      .putHeader("Content-Encoding", "identity") // no gzip: it would hold events back
      .putHeader("X-Accel-Buffering", "no");     // nor a proxy's buffer
    Client client = new Client(response, Pages.lang(ctx));
    clients.add(client);
    response.closeHandler(v -> clients.remove(client));
    response.exceptionHandler(e -> clients.remove(client));
    response.write("retry: 5000\n\n");
    // the server's clock, so a countdown does not trust the phone's
    response.write("event: clock\ndata: " + new JsonObject().put("now", Instant.now().toString()).encode() + "\n\n");
    checkPhases(false);
  }

  /**
   * Compares each language's phase with the last one seen and tells the browsers about changes.
   * {@code fresh} reads past the catalogue's short cache (at a timetable's moment).
   */
  private void checkPhases(boolean fresh) {
    if (fresh) catalogue.invalidate();
    catalogue.current().onSuccess(cat -> {
      Instant now = Instant.now();
      Instant next = null;
      List<JsonObject> changed = new ArrayList<>();
      for (Object o : cat.getJsonArray("languages", new JsonArray())) {
        JsonObject l = (JsonObject) o;
        String before = phases.put(l.getLong("id"), l.getString("phase"));
        if (before != null && !before.equals(l.getString("phase"))) changed.add(l);
        for (String k : List.of("signupBegin", "lotteryEnd", "fcfsBegin", "signupEnd")) {
          Instant t = l.getString(k) == null ? null : Instant.parse(l.getString(k));
          if (t != null && t.isAfter(now) && (next == null || t.isBefore(next))) next = t;
        }
      }
      if (!changed.isEmpty()) {
        Map<String, Buffer> byLang = new HashMap<>();
        for (Client c : new ArrayList<>(clients)) {
          c.response().write(byLang.computeIfAbsent(c.lang(), lang -> phaseEvent(changed, lang)));
        }
      }
      scheduleTransition(next, now);
    });
  }

  private void scheduleTransition(Instant next, Instant now) {
    if (next == null || next.equals(transitionAt)) return;
    if (transitionTimer >= 0) vertx.cancelTimer(transitionTimer);
    transitionAt = next;
    // a few milliseconds after the moment, so the phase computed then is already the new one
    long delay = Math.max(1, java.time.Duration.between(now, next).toMillis() + 5);
    transitionTimer = vertx.setTimer(delay, t -> {
      transitionTimer = -1;
      transitionAt = null;
      checkPhases(true);
    });
  }

  private static Buffer phaseEvent(List<JsonObject> languages, String lang) {
    JsonArray out = new JsonArray();
    for (JsonObject l : languages) {
      out.add(new JsonObject().put("languageId", l.getLong("id")).put("phase", l.getString("phase")).put("open", l.getBoolean("open"))
        .put("opensAt", l.getString("opensAt")).put("phaseText", CatalogueRoutes.phaseText(l, lang)));
    }
    return Buffer.buffer("event: phase\ndata: " + new JsonObject().put("languages", out).encode() + "\n\n");
  }

  private void flush() {
    if (dirty.isEmpty() || reading) return;
    if (clients.isEmpty()) {
      dirty.clear();
      return;
    }
    Set<Long> ids = dirty;
    dirty = new HashSet<>();
    reading = true;
    counts.of(ids).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        dirty.addAll(ids); // try again next time
        return;
      }
      Map<String, Buffer> eventByLang = new HashMap<>();
      for (Client c : new ArrayList<>(clients)) {
        Buffer event = eventByLang.computeIfAbsent(c.lang(), lang -> event(ar.result(), lang));
        if (c.response().writeQueueFull()) {
          // a browser that does not read: drop it rather than buffer without bound; EventSource reconnects
          clients.remove(c);
          c.response().reset();
        } else {
          c.response().write(event);
        }
      }
    });
  }

  private static Buffer event(List<SeatCounts.Count> counts, String lang) {
    JsonArray courses = new JsonArray();
    for (SeatCounts.Count c : counts) {
      courses.add(new JsonObject().put("courseId", c.courseId()).put("seats", c.seats()).put("free", c.free())
        .put("waiting", c.waiting()).put("status", c.status().key()).put("statusText", I18n.text(lang, "status." + c.status().key())));
    }
    return Buffer.buffer("event: seats\ndata: " + new JsonObject().put("courses", courses).encode() + "\n\n");
  }

  private void heartbeat() {
    for (Client c : clients) c.response().write(HEARTBEAT);
  }
}
