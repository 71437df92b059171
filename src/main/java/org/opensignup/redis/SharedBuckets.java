package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Token buckets in Redis, shared by every process: one EVALSHA per request checks all of its buckets
 * and takes a token from each only if every one has one. Redis's clock (TIME) is used, so nodes
 * with skewed clocks agree.
 */
public final class SharedBuckets {
  /** KEYS: bucket keys; ARGV: burst and per-minute of each key in turn. Returns {refused index or 0, wait ms}. */
  static final String SCRIPT = """
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    local have = {}
    local wait = 0
    local refused = 0
    for i, key in ipairs(KEYS) do
      local burst = tonumber(ARGV[2 * i - 1])
      local rate = tonumber(ARGV[2 * i]) / 60000
      local s = redis.call('HMGET', key, 'tokens', 'at')
      local tokens = tonumber(s[1]) or burst
      local at = tonumber(s[2]) or now
      tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
      have[i] = tokens
      if tokens < 1 then
        local w = math.ceil((1 - tokens) / rate)
        if w > wait then wait = w; refused = i end
      end
    end
    if refused == 0 then
      for i, key in ipairs(KEYS) do
        local burst = tonumber(ARGV[2 * i - 1])
        local rate = tonumber(ARGV[2 * i]) / 60000
        redis.call('HSET', key, 'tokens', tostring(have[i] - 1), 'at', now)
        redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
      end
    end
    return {refused, wait}
    """;
  static final String SHA = sha1(SCRIPT);

  private final RedisLink redis;

  public SharedBuckets(RedisLink redis) {
    this.redis = redis;
  }

  /** Caches the script in Redis now, so the first burst does not meet NOSCRIPT (EVALSHA still falls back to EVAL). */
  public void preload() {
    redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT));
  }

  public Future<RateLimit.Decision> take(List<RateLimit.Bucket> wanted) {
    return redis.send(request(Command.EVALSHA, SHA, wanted))
      .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
        ? redis.send(request(Command.EVAL, SCRIPT, wanted)) // first use on this Redis: EVAL also caches it
        : Future.failedFuture(e))
      .map(r -> decision(r, wanted));
  }

  private static Request request(Command command, String script, List<RateLimit.Bucket> wanted) {
    Request req = Request.cmd(command).arg(script).arg(wanted.size());
    for (RateLimit.Bucket b : wanted) req.arg(b.key());
    for (RateLimit.Bucket b : wanted) req.arg(b.limit().burst()).arg(b.limit().perMinute());
    return req;
  }

  private static RateLimit.Decision decision(Response r, List<RateLimit.Bucket> wanted) {
    int refused = r.get(0).toInteger();
    if (refused == 0) return RateLimit.Decision.ALLOWED;
    return new RateLimit.Decision(false, wanted.get(refused - 1).limit().name(), r.get(1).toLong());
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
