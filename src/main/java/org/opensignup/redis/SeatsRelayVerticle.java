package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Carries seat changes between processes through Redis pub/sub: this node's Bus.SEATS_CHANGED go out
 * (collected for a moment, one PUBLISH per batch), other nodes' come back in as local
 * Bus.SEATS_CHANGED with {@code remote: true}. One instance per process, deployed only with Redis.
 * While Redis is down changes stay on their node; the subscription comes back by itself.
 */
public final class SeatsRelayVerticle extends VerticleBase {
  static final String CHANNEL = "opensignup:seats-changed";
  private static final Logger log = LoggerFactory.getLogger(SeatsRelayVerticle.class);
  private static final long RESUBSCRIBE_MILLIS = 1000;

  private final String node = UUID.randomUUID().toString();
  private final Set<Long> outgoing = new LinkedHashSet<>();
  private RedisLink redis;
  private RedisConnection subscription;
  private boolean stopping;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    redis = RedisLink.create(vertx, config);
    vertx.eventBus().<JsonObject>localConsumer(Bus.SEATS_CHANGED, m -> {
      if (!m.body().getBoolean("remote", false) && m.body().getValue("courseId") instanceof Number n) outgoing.add(n.longValue());
    });
    long every = Math.max(20, config.integer("live.flush-millis", 50, 60_000) / 5);
    vertx.setPeriodic(every, t -> publishPending());
    subscribe();
    return Future.succeededFuture(); // Redis may be down at start: never hold up the process
  }

  private void publishPending() {
    if (outgoing.isEmpty()) return;
    JsonObject message = new JsonObject().put("node", node).put("courses", new JsonArray(java.util.List.copyOf(outgoing)));
    outgoing.clear();
    redis.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(message.encode())); // lost while Redis is down: fine
  }

  private void subscribe() {
    if (stopping) return;
    redis.connect().onSuccess(conn -> {
      subscription = conn;
      conn.handler(this::received);
      conn.exceptionHandler(e -> lost(conn));
      conn.endHandler(v -> lost(conn));
      conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL)).onFailure(e -> lost(conn));
    }).onFailure(e -> vertx.setTimer(RESUBSCRIBE_MILLIS, t -> subscribe()));
  }

  private void lost(RedisConnection conn) {
    if (subscription != conn) return;
    subscription = null;
    conn.close();
    if (!stopping) vertx.setTimer(RESUBSCRIBE_MILLIS, t -> subscribe());
  }

  private void received(Response r) {
    if ((r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI) || r.size() < 3 || !"message".equals(r.get(0).toString())) return;
    JsonObject message;
    try {
      message = new JsonObject(r.get(2).toString());
    } catch (RuntimeException e) {
      return;
    }
    if (node.equals(message.getString("node"))) return; // ours: already delivered locally
    for (Object id : message.getJsonArray("courses", new JsonArray())) {
      if (id instanceof Number n) vertx.eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", n.longValue()).put("remote", true));
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (subscription != null) subscription.close();
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
