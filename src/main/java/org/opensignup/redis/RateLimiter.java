package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Takes tokens for a request: from Redis when it answers (limits shared by all processes), else
 * from this process's memory. A Redis failure never refuses a request; it only makes limits local.
 */
public final class RateLimiter {
  private final RedisLink redis;
  private final SharedBuckets shared;
  private final LocalBuckets local;

  public RateLimiter(Vertx vertx, RedisLink redis) {
    this.redis = redis;
    this.shared = new SharedBuckets(redis);
    this.local = LocalBuckets.of(vertx);
    if (redis.configured()) shared.preload();
  }

  public Future<RateLimit.Decision> take(List<RateLimit.Bucket> wanted) {
    if (wanted.isEmpty()) return Future.succeededFuture(RateLimit.Decision.ALLOWED);
    if (!redis.up()) return Future.succeededFuture(takeLocally(wanted));
    return shared.take(wanted).recover(e -> Future.succeededFuture(takeLocally(wanted)));
  }

  private RateLimit.Decision takeLocally(List<RateLimit.Bucket> wanted) {
    return local.take(wanted, System.currentTimeMillis());
  }
}
