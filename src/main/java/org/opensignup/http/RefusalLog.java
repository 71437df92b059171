package org.opensignup.http;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refusals under overload are counted, not logged one by one: a rush of thousands of 503s would
 * otherwise bury the log (and the disk) in identical lines. At most one line per interval, with
 * the count and the latest cause; never a stack trace.
 */
final class RefusalLog {
  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastLine;

  RefusalLog(Logger log, long intervalMillis) {
    this.log = log;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.lastLine = new AtomicLong(System.nanoTime() - intervalNanos);
  }

  void refused(String cause) {
    count.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLine.get();
    if (now - last >= intervalNanos && lastLine.compareAndSet(last, now)) {
      log.warn("503: {} request(s) refused since the last such line (database or queue not available); latest cause: {}",
        count.getAndSet(0), cause);
    }
  }
}
