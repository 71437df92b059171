package org.opensignup.mail;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void startsWithOneSecondOfTokensAndRefillsAtTheRate() {
    TokenBucket b = TokenBucket.perSecond(10, 0);
    assertEquals(10, b.take(50, 0), "a full bucket grants one second's worth");
    assertEquals(0, b.take(1, 0));
    assertEquals(SECOND / 10, b.nanosUntilNext(0));
    assertEquals(5, b.available(SECOND / 2));
    assertEquals(5, b.take(5, SECOND / 2));
  }

  @Test
  void quietTimeDoesNotSaveMoreThanTheBurst() {
    TokenBucket b = TokenBucket.perSecond(20, 0);
    b.take(20, 0);
    assertEquals(20, b.available(3600 * SECOND));
  }

  @Test
  void grantsAtMostTheRateOverTime() {
    TokenBucket b = TokenBucket.perSecond(100, 0);
    long granted = 0;
    for (long t = 0; t <= 10 * SECOND; t += SECOND / 1000) granted += b.take(1000, t);
    // 100 saved at the start plus 100 per second for 10 s
    assertTrue(granted >= 1099 && granted <= 1100, "granted " + granted);
  }

  @Test
  void zeroMeansUnlimited() {
    TokenBucket b = TokenBucket.perSecond(0, 0);
    assertTrue(b.unlimited());
    assertEquals(1_000_000, b.take(1_000_000, 0));
    assertEquals(0, b.nanosUntilNext(0));
  }
}
