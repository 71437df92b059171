package org.opensignup.mail;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BackoffTest {
  @Test
  void doublesFromTheInitialDelayUpToTheCap() {
    Backoff b = new Backoff(5_000, 60_000);
    assertEquals(5_000, b.delayMs(1));
    assertEquals(10_000, b.delayMs(2));
    assertEquals(40_000, b.delayMs(4));
    assertEquals(60_000, b.delayMs(5));
    assertEquals(60_000, b.delayMs(1_000), "no overflow for many attempts");
  }
}
