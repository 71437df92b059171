package org.opensignup.redis;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import org.opensignup.Shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token buckets in this process's memory: the fallback without Redis, shared by the HTTP verticles
 * of one process (so N event loops do not mean N times the limit). Same rule as the Lua script:
 * all buckets of a request must have a token, then each gives one.
 */
public final class LocalBuckets {
  private static final String SHARED_KEY = "rate-limit-buckets";
  /** Beyond this many tracked clients, idle buckets are dropped; if all are busy, all are (fail open, never grow without bound). */
  private static final int MAX_ENTRIES = 200_000;

  private final Map<String, double[]> buckets = new HashMap<>();

  /** The one instance of this Vert.x (process). */
  public static LocalBuckets of(Vertx vertx) {
    LocalMap<String, Shared.Holder<?>> map = vertx.sharedData().getLocalMap(Shared.PROCESS_MAP);
    Shared.Holder<?> mine = new Shared.Holder<>(new LocalBuckets());
    Shared.Holder<?> there = map.putIfAbsent(SHARED_KEY, mine);
    return (LocalBuckets) (there == null ? mine : there).value();
  }

  public synchronized RateLimit.Decision take(List<RateLimit.Bucket> wanted, long nowMillis) {
    if (buckets.size() > MAX_ENTRIES) evictIdle(nowMillis);
    double[] have = new double[wanted.size()];
    long wait = 0;
    String refusedBy = null;
    for (int i = 0; i < wanted.size(); i++) {
      RateLimit.Bucket b = wanted.get(i);
      double[] state = buckets.get(b.key());
      double tokens = state == null ? b.limit().burst()
        : Math.min(b.limit().burst(), state[0] + Math.max(0, nowMillis - state[1]) * b.limit().perMilli());
      have[i] = tokens;
      if (tokens < 1) {
        long w = (long) Math.ceil((1 - tokens) / b.limit().perMilli());
        if (w > wait) {
          wait = w;
          refusedBy = b.limit().name();
        }
      }
    }
    if (refusedBy != null) return new RateLimit.Decision(false, refusedBy, wait);
    for (int i = 0; i < wanted.size(); i++) buckets.put(wanted.get(i).key(), new double[] {have[i] - 1, nowMillis, wanted.get(i).limit().idleMillis()});
    return RateLimit.Decision.ALLOWED;
  }

  private void evictIdle(long nowMillis) {
    // a bucket idle long enough to be full again is the same as no bucket
    buckets.values().removeIf(s -> nowMillis - s[1] > s[2]);
    if (buckets.size() > MAX_ENTRIES) buckets.clear();
  }

  synchronized int size() {
    return buckets.size();
  }
}
