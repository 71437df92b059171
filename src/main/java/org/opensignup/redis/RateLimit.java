package org.opensignup.redis;

/**
 * One token bucket rule: up to {@code burst} requests at once, refilled at {@code perMinute}.
 * The same arithmetic runs in Redis (Lua, {@link SharedBuckets}) and in memory ({@link LocalBuckets}).
 */
public record RateLimit(String name, int burst, int perMinute) {
  public RateLimit {
    if (burst < 1 || perMinute < 1) throw new IllegalArgumentException(name + ": burst and per-minute must be positive");
  }

  /** Tokens gained per millisecond. */
  double perMilli() {
    return perMinute / 60_000.0;
  }

  /** Milliseconds after which a full bucket and an untouched one are the same (the key can go). */
  long idleMillis() {
    return (long) Math.ceil(burst / perMilli()) + 1000;
  }

  /** A bucket of this rule for one client (address, mail hash). */
  public Bucket bucket(String client) {
    return new Bucket(this, client);
  }

  public record Bucket(RateLimit limit, String client) {
    String key() {
      return "opensignup:rl:" + limit.name + ":" + client;
    }
  }

  /** Allowed, or refused by the named rule with the time until a token is there again. */
  public record Decision(boolean allowed, String limitName, long retryAfterMillis) {
    public static final Decision ALLOWED = new Decision(true, null, 0);

    /** Whole seconds for Retry-After, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfterMillis + 999) / 1000);
    }
  }
}
