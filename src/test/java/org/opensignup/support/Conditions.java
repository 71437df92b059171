package org.opensignup.support;

import java.util.function.BooleanSupplier;

/** Waits on conditions instead of fixed sleeps: polls until true, fails with what was awaited on timeout. */
public final class Conditions {
  private Conditions() {}

  /** Polls {@code done} every 25 ms from a test thread (never an event loop) until it holds. */
  public static void waitUntil(long timeoutMs, String what, BooleanSupplier done) {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeoutMs + " ms waiting for: " + what);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
