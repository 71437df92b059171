package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.redis.RedisSessionStore;
import org.opensignup.config.AppConfig;

import java.util.concurrent.TimeUnit;

/**
 * Sessions in Redis (any process can answer a form), falling back to this process's memory while
 * Redis is down, so a form page never fails for want of Redis. Sessions written during an outage
 * stay local; a form opened then and sent to another process afterwards may need a reload (CSRF).
 */
public final class FailoverSessionStore implements SessionStore {
  private final RedisLink link;
  private final SessionStore redis;
  private final SessionStore local;
  private final long timeoutMillis;

  private FailoverSessionStore(RedisLink link, SessionStore redis, SessionStore local, long timeoutMillis) {
    this.link = link;
    this.redis = redis;
    this.local = local;
    this.timeoutMillis = timeoutMillis;
  }

  /** Redis-backed when redis.url is set and redis.sessions is true, else plain in-memory sessions. */
  public static SessionStore create(Vertx vertx, AppConfig config, RedisLink link) {
    SessionStore local = LocalSessionStore.create(vertx);
    if (!link.configured() || !config.bool("redis.sessions")) return local;
    return new FailoverSessionStore(link, RedisSessionStore.create(vertx, link.client()), local,
      Math.max(config.integer("redis.timeout-millis", 10, 60_000), 500));
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    return this;
  }

  @Override
  public long retryTimeout() {
    return redis.retryTimeout();
  }

  @Override
  public Session createSession(long timeout) {
    return redis.createSession(timeout);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return redis.createSession(timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    if (!link.up()) return local.get(id);
    // not in Redis: perhaps written here while Redis was down
    return bounded(redis.get(id)).compose(s -> s != null ? Future.succeededFuture(s) : local.get(id), e -> local.get(id));
  }

  @Override
  public Future<Void> put(Session session) {
    if (!link.up()) return local.put(session);
    return bounded(redis.put(session)).recover(e -> local.put(session));
  }

  @Override
  public Future<Void> delete(String id) {
    Future<Void> l = local.delete(id);
    if (!link.up()) return l;
    return bounded(redis.delete(id)).recover(e -> Future.succeededFuture()).compose(v -> l);
  }

  /** Local only: the Redis store would FLUSHDB, wiping the shared rate limits too. */
  @Override
  public Future<Void> clear() {
    return local.clear();
  }

  /** Local only: the Redis store counts every key in the database (DBSIZE), not just sessions. */
  @Override
  public Future<Integer> size() {
    return local.size();
  }

  @Override
  public void close() {
    local.close(); // the Redis client belongs to the link
  }

  private <T> Future<T> bounded(Future<T> f) {
    return f.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
