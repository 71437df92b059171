package org.opensignup.signup;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.signup.SignupApiClient.applicant;
import static org.opensignup.support.TestApp.await;
import static org.opensignup.support.TestApp.awaitFailure;

/** The draw at the lottery window's end, in the database, once, with mails for everyone. */
@ExtendWith(VertxExtension.class)
class LotteryTest {

  @Test
  void drawAtWindowEndGivesSeatsOnceRecordsTheSeedAndTellsEveryoneByMail(Vertx vertx) {
    try (Application app = TestApp.start(Map.of())) {
      Sql sql = new Sql(app.config().string("db.url"));
      SignupFixture.load(sql);
      SignupApiClient api = new SignupApiClient(vertx, app.config().httpPort());
      for (int i = 0; i < 14; i++) {
        assertEquals("pool", api.signup(applicant(SignupFixture.LOTTERY_COURSE, "lot" + i + "@example.org")).bodyAsJsonObject().getString("state"));
      }
      assertEquals("0|0", sql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + SignupFixture.LOTTERY_COURSE),
        "the pool holds no seats before the draw");
      sql.exec("UPDATE language SET lottery_end = now() - interval '1 second' WHERE id = 2");

      JsonObject result = await(app.vertx().eventBus().<JsonObject>request(Bus.SEAT_COMMAND,
        new SeatCommand.Draw(2L, 42L, false, null, null).toJson())).body();
      JsonObject draw = result.getJsonObject("detail").getJsonArray("draws").getJsonObject(0);
      assertEquals(14, draw.getInteger("pool"));
      assertEquals(3, draw.getInteger("confirmed"));
      assertEquals(9, draw.getInteger("waiting"), "3 seats x 3 waiting places");
      assertEquals("3|9", sql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + SignupFixture.LOTTERY_COURSE));
      assertEquals(2, sql.count("SELECT count(*) FROM attendance WHERE state = 'cancelled' AND course_id = " + SignupFixture.LOTTERY_COURSE));
      assertEquals("42", sql.one("SELECT seed FROM lottery_draw WHERE language_id = 2"));
      assertEquals(3, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'lottery.won'"));
      assertEquals(9, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'lottery.waiting'"));
      assertEquals(2, sql.count("SELECT count(*) FROM mail_outbox WHERE kind = 'lottery.lost'"));

      Throwable again = awaitFailure(app.vertx().eventBus().<JsonObject>request(Bus.SEAT_COMMAND,
        new SeatCommand.Draw(2L, 7L, false, null, null).toJson()));
      assertEquals(409, ((io.vertx.core.eventbus.ReplyException) again).failureCode(), "a language is drawn once");
      assertEquals(1, sql.count("SELECT count(*) FROM lottery_draw"));
    }
  }

  @Test
  void periodicJobDrawsDueLanguagesByItself(Vertx vertx) throws InterruptedException {
    try (Application app = TestApp.start(Map.of("signup.jobs-interval-seconds", "1"))) {
      Sql sql = new Sql(app.config().string("db.url"));
      SignupFixture.load(sql);
      SignupApiClient api = new SignupApiClient(vertx, app.config().httpPort());
      api.signup(applicant(SignupFixture.LOTTERY_COURSE2, "auto@example.org"));
      sql.exec("UPDATE language SET lottery_end = now() - interval '1 second' WHERE id = 2");
      long deadline = System.currentTimeMillis() + 10_000;
      while (sql.count("SELECT count(*) FROM lottery_draw") == 0 && System.currentTimeMillis() < deadline) Thread.sleep(200);
      assertEquals("confirmed", sql.one("SELECT a.state FROM attendance a JOIN applicant p ON p.id = a.applicant_id WHERE p.mail = 'auto@example.org'"));
    }
  }
}
