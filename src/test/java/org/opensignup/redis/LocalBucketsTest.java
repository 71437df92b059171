package org.opensignup.redis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The in-memory token buckets (the fallback without Redis) follow the same rule as the Lua script. */
class LocalBucketsTest {
  private final RateLimit perMail = new RateLimit("signup-mail", 3, 6); // a token every 10 s
  private final RateLimit perAddress = new RateLimit("signup-ip", 300, 300);

  @Test
  void burstPassesThenTheNextWaitsForOneRefill() {
    LocalBuckets buckets = new LocalBuckets();
    List<RateLimit.Bucket> one = List.of(perMail.bucket("m1"));
    for (int i = 0; i < 3; i++) assertTrue(buckets.take(one, 1000).allowed());
    RateLimit.Decision refused = buckets.take(one, 1000);
    assertFalse(refused.allowed());
    assertEquals("signup-mail", refused.limitName());
    assertEquals(10_000, refused.retryAfterMillis());
    assertEquals(10, refused.retryAfterSeconds());
    assertFalse(buckets.take(one, 10_999).allowed());
    assertTrue(buckets.take(one, 11_000).allowed(), "one token back after 10 s");
  }

  @Test
  void aRefusedRequestTakesNoTokenFromItsOtherBuckets() {
    LocalBuckets buckets = new LocalBuckets();
    for (int i = 0; i < 3; i++) assertTrue(buckets.take(List.of(perAddress.bucket("dorm"), perMail.bucket("mx")), 0).allowed());
    for (int i = 0; i < 10; i++) assertFalse(buckets.take(List.of(perAddress.bucket("dorm"), perMail.bucket("mx")), 0).allowed());
    // 3 taken from the dorm's 300, not 13
    for (int i = 0; i < 297; i++) assertTrue(buckets.take(List.of(perAddress.bucket("dorm"), perMail.bucket("p" + i)), 0).allowed());
    assertFalse(buckets.take(List.of(perAddress.bucket("dorm"), perMail.bucket("late")), 0).allowed());
    assertTrue(buckets.take(List.of(perAddress.bucket("other"), perMail.bucket("late")), 0).allowed(), "clients are separate");
  }

  @Test
  void idleBucketsAreForgottenButNeverRefillBeyondTheBurst() {
    LocalBuckets buckets = new LocalBuckets();
    assertTrue(buckets.take(List.of(perMail.bucket("m")), 0).allowed());
    // an hour later: full (3), not 3 + 360
    for (int i = 0; i < 3; i++) assertTrue(buckets.take(List.of(perMail.bucket("m")), 3_600_000).allowed());
    assertFalse(buckets.take(List.of(perMail.bucket("m")), 3_600_000).allowed());
  }
}
