package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.opensignup.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The optional Redis of one verticle: a pooled client that knows whether Redis answers. Once a call
 * fails for want of Redis (not because Redis refused a command), the link counts as down, callers
 * use their local fallback at once instead of waiting, and a PING every second finds Redis again.
 * Used from one event loop only.
 */
public final class RedisLink {
  private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
  private static final long PROBE_MILLIS = 1000;

  private final Vertx vertx;
  private final Redis client;
  private final long timeoutMillis;
  /** One pipelined connection for commands: many in flight at once, unlike a pool of a few. */
  private Future<RedisConnection> commands;
  private boolean up = true;
  private long probeTimer = -1;
  private boolean closed;

  private RedisLink(Vertx vertx, Redis client, long timeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.timeoutMillis = timeoutMillis;
  }

  /** A link to redis.url, or an absent one when Redis is not configured. */
  public static RedisLink create(Vertx vertx, AppConfig config) {
    if (!config.isSet("redis.url")) return new RedisLink(vertx, null, 0);
    int timeout = config.integer("redis.timeout-millis", 10, 60_000);
    RedisOptions options = new RedisOptions().setConnectionString(config.string("redis.url"))
      .setMaxPoolSize(8).setMaxPoolWaiting(64).setMaxWaitingHandlers(4096)
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(Math.max(timeout, 500)).setTcpNoDelay(true));
    RedisLink link = new RedisLink(vertx, Redis.createClient(vertx, options), timeout);
    link.send(Request.cmd(Command.PING)); // connect now, not in the first burst; down at start means local limits
    return link;
  }

  public boolean configured() {
    return client != null;
  }

  /** Configured and, as far as the last call knows, answering. */
  public boolean up() {
    return client != null && up;
  }

  /** "UP", "DEGRADED" (configured, not answering) or "ABSENT"; asks Redis afresh. */
  public Future<String> check() {
    if (client == null) return Future.succeededFuture("ABSENT");
    return send(Request.cmd(Command.PING), true).map("UP").recover(e -> Future.succeededFuture("DEGRADED"));
  }

  /** Sends one command; fails at once while Redis is known to be down. */
  public Future<Response> send(Request request) {
    return send(request, false);
  }

  private Future<Response> send(Request request, boolean evenIfDown) {
    if (client == null) return Future.failedFuture("Redis is not configured");
    if (!up && !evenIfDown) return Future.failedFuture("Redis is down");
    return commandConnection()
      .compose(c -> c.pendingQueueFull() ? Future.<Response>failedFuture("Redis pipeline full") : c.send(request))
      .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
      .onSuccess(r -> markUp())
      .onFailure(e -> {
        if (!isCommandError(e)) markDown(e);
      });
  }

  private Future<RedisConnection> commandConnection() {
    if (commands == null || commands.failed()) {
      Future<RedisConnection> f = connect();
      commands = f;
      f.onSuccess(c -> {
        c.exceptionHandler(e -> forget(f, c));
        c.endHandler(v -> forget(f, c));
      });
    }
    return commands;
  }

  private void forget(Future<RedisConnection> f, RedisConnection c) {
    if (commands == f) commands = null;
    c.close();
  }

  /** A connection of its own (for SUBSCRIBE); the caller closes it. */
  public Future<RedisConnection> connect() {
    if (client == null) return Future.failedFuture("Redis is not configured");
    return client.connect().timeout(Math.max(timeoutMillis, 1000), TimeUnit.MILLISECONDS);
  }

  /** The underlying client, e.g. for a session store; null when Redis is not configured. */
  public Redis client() {
    return client;
  }

  /** Redis answered with an error (e.g. NOSCRIPT): it is there, the command was wrong. */
  public static boolean isCommandError(Throwable e) {
    return e instanceof Response r && r.type() == ResponseType.ERROR;
  }

  private void markUp() {
    if (!up) log.info("Redis answers again; shared limits and live updates across nodes resume");
    up = true;
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
      probeTimer = -1;
    }
  }

  private void markDown(Throwable e) {
    if (up) log.warn("Redis does not answer ({}); using local limits until it is back", e.getMessage());
    up = false;
    if (probeTimer < 0 && !closed) {
      probeTimer = vertx.setPeriodic(PROBE_MILLIS, id -> send(Request.cmd(Command.PING), true));
    }
  }

  public Future<Void> close() {
    closed = true;
    if (probeTimer >= 0) vertx.cancelTimer(probeTimer);
    if (commands != null) commands.onSuccess(RedisConnection::close);
    return client == null ? Future.succeededFuture() : client.close();
  }
}
