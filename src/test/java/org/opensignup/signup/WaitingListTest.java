package org.opensignup.signup;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.signup.SignupApiClient.applicant;
import static org.opensignup.support.Conditions.waitUntil;

/** Sign-off frees a seat for the oldest waiting entry at once, by mail; offers can be accepted, declined or expire. */
@ExtendWith(VertxExtension.class)
class WaitingListTest {
  private static Application confirmingApp;
  private static Application offeringApp;
  private static SignupApiClient confirming;
  private static SignupApiClient offering;
  private static Sql confirmingSql;
  private static Sql offeringSql;

  @BeforeAll
  static void start(Vertx vertx) {
    confirmingApp = TestApp.start(Map.of("signup.offer-hours", "0"));
    confirmingSql = new Sql(confirmingApp.config().string("db.url"));
    SignupFixture.load(confirmingSql);
    confirming = new SignupApiClient(vertx, confirmingApp.config().httpPort());
    offeringApp = TestApp.start(Map.of("signup.offer-hours", "48", "signup.jobs-interval-seconds", "1"));
    offeringSql = new Sql(offeringApp.config().string("db.url"));
    SignupFixture.load(offeringSql);
    offering = new SignupApiClient(vertx, offeringApp.config().httpPort());
  }

  @AfterAll
  static void stop() {
    confirmingApp.close();
    offeringApp.close();
  }

  /** Fills a course with 2 seats and 2 waiting places and returns the four secrets in arrival order. */
  private static String[] fill(SignupApiClient api, long course, String prefix) {
    String[] secrets = new String[4];
    for (int i = 0; i < 4; i++) secrets[i] = api.signup(applicant(course, prefix + i + "@example.org")).bodyAsJsonObject().getString("secret");
    return secrets;
  }

  @Test
  void signOffGivesTheSeatToTheOldestWaitingApplicantWhoIsToldByMail() {
    String[] s = fill(confirming, SignupFixture.OPEN_A1, "so");
    assertEquals("waiting", confirming.status(s[2]).bodyAsJsonObject().getString("state"));
    assertEquals(1, confirming.status(s[2]).bodyAsJsonObject().getInteger("position"));
    assertEquals(2, confirming.status(s[3]).bodyAsJsonObject().getInteger("position"));

    var off = confirming.signOff(s[0]);
    assertEquals(200, off.statusCode(), off.bodyAsString());
    assertEquals("cancelled", confirming.status(s[0]).bodyAsJsonObject().getString("state"));
    assertEquals("confirmed", confirming.status(s[2]).bodyAsJsonObject().getString("state"), "oldest waiting gets the seat");
    assertEquals(1, confirming.status(s[3]).bodyAsJsonObject().getInteger("position"), "the next moves up");
    assertEquals("2|1", confirmingSql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + SignupFixture.OPEN_A1));
    assertEquals(1, confirmingSql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'waiting.promoted' AND recipient = 'so2@example.org'"));
    assertEquals(1, confirmingSql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'signup.signed-off' AND recipient = 'so0@example.org'"));

    var twice = confirming.signOff(s[0]);
    assertEquals(409, twice.statusCode());
    assertEquals("signup.error.already-cancelled", twice.bodyAsJsonObject().getString("code"));
  }

  @Test
  void confirmedSeatCannotBeGivenBackAfterTheSignOffWindow() {
    String secret = confirming.signup(applicant(SignupFixture.OPEN_BIG, "toolate@example.org")).bodyAsJsonObject().getString("secret");
    confirmingSql.exec("UPDATE attendance SET confirmed_at = now() - interval '4 days' WHERE secret = '" + secret + "'");
    assertFalse(confirming.status(secret).bodyAsJsonObject().getBoolean("canSignOff"));
    var r = confirming.signOff(secret);
    assertEquals(409, r.statusCode());
    assertEquals("signup.error.signoff-too-late", r.bodyAsJsonObject().getString("code"));
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("3 Tage"));
  }

  @Test
  void freedSeatIsOfferedAndCanBeAcceptedOrDeclined() {
    String[] s = fill(offering, SignupFixture.OPEN_A1, "of");
    offering.signOff(s[0]);
    JsonObject offered = offering.status(s[2]).bodyAsJsonObject();
    assertEquals("offered", offered.getString("state"));
    assertNotNull(offered.getString("offerExpiresAt"));
    assertEquals(1, offeringSql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'waiting.offer' AND recipient = 'of2@example.org'"));
    assertEquals("2|1", offeringSql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + SignupFixture.OPEN_A1),
      "an offered seat is held for the offer");

    assertEquals(200, offering.offer(s[2], "decline").statusCode());
    assertEquals("cancelled", offering.status(s[2]).bodyAsJsonObject().getString("state"));
    assertEquals("offered", offering.status(s[3]).bodyAsJsonObject().getString("state"), "declined seat passes on");
    assertEquals(200, offering.offer(s[3], "accept").statusCode());
    assertEquals("confirmed", offering.status(s[3]).bodyAsJsonObject().getString("state"));
    assertEquals(409, offering.offer(s[3], "accept").statusCode(), "nothing left to accept");
  }

  @Test
  void expiredOfferPassesTheSeatOn() {
    String[] s = fill(offering, SignupFixture.OPEN_A1_PARALLEL, "ex");
    offering.signOff(s[0]);
    String offeredSecret = s[2];
    assertEquals("offered", offering.status(offeredSecret).bodyAsJsonObject().getString("state"));
    offeringSql.exec("UPDATE attendance SET offer_expires_at = now() - interval '1 second' WHERE secret = '" + offeredSecret + "'");
    waitUntil(10_000, "the offer-expiry job passed the offer on",
      () -> "cancelled".equals(offering.status(offeredSecret).bodyAsJsonObject().getString("state")));
    assertEquals("cancelled", offering.status(offeredSecret).bodyAsJsonObject().getString("state"), "the expiry job ran");
    assertEquals("offered", offering.status(s[3]).bodyAsJsonObject().getString("state"), "the seat passed on");
    assertEquals(0, offeringSql.count("SELECT count(*) FROM attendance WHERE state = 'offered' AND offer_expires_at < now()"));
  }
}
