package org.opensignup.mail;

/**
 * A rate limit: {@code perSecond} tokens flow in continuously, up to {@code burst} can be saved.
 * Time is passed in (nanoseconds) so the rules are testable without sleeping. Not thread-safe:
 * each lane worker owns one and uses it on its own event loop. A rate of 0 means unlimited.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  TokenBucket(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.last = nowNanos;
  }

  /** At most one second's worth saved: a quiet minute must not become a burst the relay punishes. */
  static TokenBucket perSecond(int perSecond, long nowNanos) {
    return new TokenBucket(perSecond, Math.max(1, perSecond), nowNanos);
  }

  boolean unlimited() {
    return perNano == 0;
  }

  /** Whole tokens available now (Integer.MAX_VALUE when unlimited). */
  int available(long nowNanos) {
    if (unlimited()) return Integer.MAX_VALUE;
    refill(nowNanos);
    return (int) Math.floor(tokens);
  }

  /** Takes up to {@code wanted} tokens and returns how many were granted. */
  int take(int wanted, long nowNanos) {
    if (unlimited()) return wanted;
    refill(nowNanos);
    int granted = (int) Math.min(wanted, Math.floor(tokens));
    tokens -= granted;
    return granted;
  }

  /** Nanoseconds until the next whole token; 0 if one is there. */
  long nanosUntilNext(long nowNanos) {
    if (unlimited()) return 0;
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - last;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      last = nowNanos;
    }
  }
}
