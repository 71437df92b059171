package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.signup.SignupApiClient.applicant;
import static org.opensignup.support.TestApp.await;

/** A burst of signups through HTTP: never oversold, waiting list in arrival order, no 5xx, no duplicates. */
@ExtendWith(VertxExtension.class)
class SignupConcurrencyTest {

  @ParameterizedTest(name = "{0} HTTP and {1} signup verticle instances")
  @CsvSource({"1, 1", "2, 3"})
  void thousandConcurrentSignupsForTwentyFiveSeatsGiveExactlyTwentyFiveSeats(int httpInstances, int signupInstances, Vertx vertx) {
    try (Application app = TestApp.start(Map.of("http.instances", String.valueOf(httpInstances),
      "signup.instances", String.valueOf(signupInstances), "db.pool-size", "16"))) {
      Sql sql = new Sql(app.config().string("db.url"));
      SignupFixture.load(sql);
      SignupApiClient api = new SignupApiClient(vertx, app.config().httpPort());
      long course = SignupFixture.OPEN_SMALL; // 25 seats, waiting list up to 75

      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (int i = 0; i < 1000; i++) all.add(api.signupAsync(applicant(course, "burst" + i + "@example.org")));
      await(Future.join(all));

      Map<Integer, Integer> byStatus = new HashMap<>();
      Map<String, Integer> byState = new HashMap<>();
      Set<String> secrets = new HashSet<>();
      Set<Integer> positions = new HashSet<>();
      for (Future<HttpResponse<Buffer>> f : all) {
        assertTrue(f.succeeded(), () -> "request failed: " + f.cause());
        HttpResponse<Buffer> r = f.result();
        byStatus.merge(r.statusCode(), 1, Integer::sum);
        JsonObject body = r.bodyAsJsonObject();
        if (r.statusCode() == 201) {
          byState.merge(body.getString("state"), 1, Integer::sum);
          assertTrue(secrets.add(body.getString("secret")), "secrets are unique");
          if (body.getInteger("position") != null) assertTrue(positions.add(body.getInteger("position")), "positions are unique");
        } else {
          assertEquals(409, r.statusCode(), body.encode());
          assertEquals("signup.error.full", body.getString("code"));
        }
      }
      assertEquals(Map.of(201, 100, 409, 900), byStatus, "no 5xx, nothing lost");
      assertEquals(Map.of("confirmed", 25, "waiting", 75), byState);
      assertEquals(75, positions.size());

      assertEquals(25, sql.count("SELECT count(*) FROM attendance WHERE course_id = " + course + " AND state = 'confirmed'"));
      assertEquals(75, sql.count("SELECT count(*) FROM attendance WHERE course_id = " + course + " AND state = 'waiting'"));
      assertEquals("25|75", sql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + course));
      assertEquals(100, sql.count("SELECT count(DISTINCT applicant_id) FROM attendance WHERE course_id = " + course));
      // every seat was given before any waiting place (arrival order), and waiting positions follow arrival
      assertEquals(0, sql.count("SELECT count(*) FROM attendance w JOIN attendance c ON c.course_id = w.course_id "
        + "WHERE w.course_id = " + course + " AND w.state = 'waiting' AND c.state = 'confirmed' AND c.arrival > w.arrival"));
      assertEquals(100, sql.count("SELECT count(*) FROM mail_outbox WHERE kind IN ('signup.confirmed', 'signup.waiting')"));
    }
  }

  @Test
  void twoConcurrentSignupsWithTheSameMailMakeOneApplicant(Vertx vertx) {
    try (Application app = TestApp.start(Map.of("signup.instances", "2"))) {
      Sql sql = new Sql(app.config().string("db.url"));
      SignupFixture.load(sql);
      SignupApiClient api = new SignupApiClient(vertx, app.config().httpPort());
      for (int round = 0; round < 10; round++) {
        String mail = "same" + round + "@example.org";
        List<Future<HttpResponse<Buffer>>> pair = List.of(
          api.signupAsync(applicant(SignupFixture.OPEN_BIG, mail)),
          api.signupAsync(applicant(SignupFixture.OPEN_BIG2, mail.toUpperCase())));
        await(Future.join(pair));
        for (var f : pair) assertEquals(201, f.result().statusCode(), f.result().bodyAsString());
        assertEquals(1, sql.count("SELECT count(*) FROM applicant WHERE mail_key = '" + mail + "'"));
        assertEquals(2, sql.count("SELECT count(*) FROM attendance a JOIN applicant p ON p.id = a.applicant_id WHERE p.mail_key = '" + mail + "'"));
        // each attendance has its one mail, of the same applicant (whichever batch inserted the applicant row)
        assertEquals(2, sql.count("SELECT count(*) FROM mail_outbox m JOIN attendance a ON a.id = m.attendance_id "
          + "JOIN applicant p ON p.id = a.applicant_id AND p.id = m.applicant_id WHERE p.mail_key = '" + mail + "'"));
      }
      // and the same request sent twice at once is one seat: one answer with the secret, the other refused without it
      List<Future<HttpResponse<Buffer>>> twins = List.of(
        api.signupAsync(applicant(SignupFixture.OPEN_BIG3, "twin@example.org")),
        api.signupAsync(applicant(SignupFixture.OPEN_BIG3, "twin@example.org")));
      await(Future.join(twins));
      List<Integer> statuses = twins.stream().map(f -> f.result().statusCode()).sorted().toList();
      assertEquals(List.of(201, 409), statuses);
      assertEquals(1, sql.count("SELECT count(*) FROM attendance a JOIN applicant p ON p.id = a.applicant_id WHERE p.mail_key = 'twin@example.org'"));
    }
  }
}
