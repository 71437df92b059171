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
 * One instance per HTTP verticle; everything runs on its event loop.
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

  LiveSeats(Vertx vertx, Pool pool, AppConfig config) {
    this.vertx = vertx;
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
