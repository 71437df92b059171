package org.opensignup.mail;

/** Exponential backoff with a cap: initial, 2×, 4× … up to max, for the n-th failed attempt. */
record Backoff(long initialMs, long maxMs) {

  /** Delay before the next try after {@code failedAttempts} failures (1 for the first failure). */
  long delayMs(int failedAttempts) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
    double d = initialMs * Math.pow(2, doublings);
    return (long) Math.min(maxMs, d);
  }
}
