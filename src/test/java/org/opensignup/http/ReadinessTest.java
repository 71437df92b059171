package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.TestApp.await;

/** Readiness tells operators about an import source that keeps failing, without taking the node out. */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  void importSourceFailingItsLastRunsMakesReadinessDegradedButStillReady(Vertx vertx) {
    String deadSource = "[{\"name\":\"ilias\",\"kind\":\"approvals\",\"url\":\"http://127.0.0.1:" + TestApp.freePort()
      + "/export.csv\",\"interval\":\"1h\",\"tagColumn\":\"matriculation\",\"pointsColumn\":\"points\",\"maxColumn\":\"max\",\"retries\":0}]";
    try (Application app = TestApp.start(Map.of("harvest.sources", deadSource, "harvest.unhealthy-after", "2"))) {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.config().httpPort()));
      for (int i = 0; i < 3; i++) {
        JsonObject run = await(app.vertx().eventBus().<JsonObject>request(Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "ilias"))).body();
        assertEquals("failed", run.getString("status"));
      }
      var ready = await(client.get("/health/ready").send());
      assertEquals(200, ready.statusCode(), "a failing import does not take the node out of the balancer");
      JsonObject body = ready.bodyAsJsonObject();
      assertEquals("DEGRADED", body.getString("status"), body.encode());
      assertEquals("ilias", body.getJsonObject("checks").getJsonObject("imports").getJsonArray("failing").getString(0));
      // and a GET that claims to carry a multipart body is still just a GET
      assertEquals(200, await(client.get("/").putHeader("Content-Type", "multipart/form-data; boundary=x").send()).statusCode());
    }
  }
}
