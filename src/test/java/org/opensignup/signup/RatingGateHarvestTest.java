package org.opensignup.signup;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.signup.SignupApiClient.applicant;
import static org.opensignup.support.TestApp.await;

/** The placement-test gate uses what the harvest just brought in from the learning platform's export. */
@ExtendWith(VertxExtension.class)
class RatingGateHarvestTest {

  @Test
  void ratingGateUsesFreshlyHarvestedResults(Vertx vertx) {
    AtomicReference<String> export = new AtomicReference<>("matriculation,points,max\nsomeone-else,30,50\n");
    HttpServer ilias = await(vertx.createHttpServer()
      .requestHandler(req -> req.response().putHeader("Content-Type", "text/csv").end(export.get()))
      .listen(0, "127.0.0.1"));
    String source = "[{\"name\":\"ilias\",\"kind\":\"approvals\",\"url\":\"http://127.0.0.1:" + ilias.actualPort()
      + "/export.csv\",\"interval\":\"1h\",\"tagColumn\":\"matriculation\",\"pointsColumn\":\"points\",\"maxColumn\":\"max\"}]";
    try (Application app = TestApp.start(Map.of("harvest.sources", source, "security.tag-hash-key", "gate-key"))) {
      Sql sql = new Sql(app.config().string("db.url"));
      SignupFixture.load(sql);
      SignupApiClient api = new SignupApiClient(vertx, app.config().httpPort());

      await(app.vertx().eventBus().<JsonObject>request(Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "ilias")));
      var before = api.signup(applicant(SignupFixture.GATED_B2, "stud1@example.org").put("tag", "stud-1"));
      assertEquals("signup.error.no-rating", before.bodyAsJsonObject().getString("code"), "no result for stud-1 yet");

      export.set("matriculation,points,max\nstud-1,30,50\n");
      JsonObject run = await(app.vertx().eventBus().<JsonObject>request(Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "ilias"))).body();
      assertEquals("ok", run.getString("status"), run.encode());
      var after = api.signup(applicant(SignupFixture.GATED_B2, "stud1@example.org").put("tag", "stud-1"));
      assertEquals(201, after.statusCode(), after.bodyAsString());
      assertEquals("confirmed", after.bodyAsJsonObject().getString("state"), "30 of 50 points = 60 %, inside 50-70 %");

      export.set("matriculation,points,max\nstud-2,10,50\n");
      await(app.vertx().eventBus().<JsonObject>request(Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "ilias")));
      var low = api.signup(applicant(SignupFixture.GATED_B2, "stud2@example.org").put("tag", "stud-2"));
      assertEquals(409, low.statusCode());
      assertTrue(low.bodyAsJsonObject().getString("detail").contains("(20 %)"), low.bodyAsString());
    } finally {
      await(ilias.close());
    }
  }
}
