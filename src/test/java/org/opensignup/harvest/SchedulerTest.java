package org.opensignup.harvest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.support.Db;
import org.opensignup.support.TestApp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;
import static org.opensignup.support.RunHistory.assertRunsDoNotOverlap;

/** Harvest sources on the job scheduler: one run per tick across Vert.x instances; the bus addresses. */
class SchedulerTest {

  @Test
  void twoHarvestVerticlesInTwoVertxInstancesRunEachTickOnce() {
    Vertx serverVertx = Vertx.vertx();
    SourceServer server = new SourceServer(serverVertx);
    server.respond("/tick.csv", new SourceServer.Response(200, "matnr\n1\n2\n", 150, null, null));
    String sources = "[{\"name\":\"tick\",\"kind\":\"registrations\",\"url\":\"" + server.url("/tick.csv")
      + "\",\"interval\":\"1s\",\"tagColumn\":\"matnr\"}]";
    Db db = Db.fresh(Map.of("harvest.sources", sources, "harvest.poll-ms", "50", "harvest.lease-seconds", "5"));
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try {
      DeploymentOptions options = new DeploymentOptions().setConfig(db.config.toJson());
      TestApp.await(a.deployVerticle(HarvestVerticle.class, options));
      TestApp.await(b.deployVerticle(HarvestVerticle.class, options.setInstances(2)));
      waitUntil(20_000, "three finished runs", () -> db.count("SELECT count(*) FROM harvest_run WHERE source = 'tick' AND status <> 'running'") >= 3);
      // closing waits for runs in progress, so every run is finished and counted below
      TestApp.await(a.close());
      TestApp.await(b.close());
      long runs = db.count("SELECT count(*) FROM harvest_run WHERE source = 'tick'");
      assertEquals(server.hits("/tick.csv"), runs, "every fetch is one recorded run");
      assertEquals(runs, db.count("SELECT count(*) FROM harvest_run WHERE source = 'tick' AND status = 'ok'"));
      assertRunsDoNotOverlap(db, "tick", 1000);
      assertEquals(2, db.count("SELECT count(*) FROM registration"));
    } finally {
      a.close();
      b.close();
      server.close();
      TestApp.await(serverVertx.close());
    }
  }

  private static <T> T request(Vertx vertx, String address, JsonObject body) {
    return TestApp.await(vertx.eventBus().<T>request(address, body).map(m -> m.body()));
  }

  private static ReplyException refusal(Vertx vertx, String address, JsonObject body) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> request(vertx, address, body));
    return assertInstanceOf(ReplyException.class, e.getCause());
  }

  @Test
  void busRunsSourcesNowTakesUploadsAndReportsUnhealthySources() {
    Vertx vertx = Vertx.vertx();
    SourceServer server = new SourceServer(vertx);
    server.respond("/down.csv", new SourceServer.Response(500, "x", 0, null, null));
    server.respond("/slow.csv", new SourceServer.Response(200, "matnr\n1\n", 800, null, null));
    String sources = "[{\"name\":\"down\",\"kind\":\"registrations\",\"url\":\"" + server.url("/down.csv")
      + "\",\"interval\":\"1d\",\"tagColumn\":\"matnr\",\"retries\":0},"
      + "{\"name\":\"slow\",\"kind\":\"registrations\",\"url\":\"" + server.url("/slow.csv") + "\",\"cron\":\"0 3 1 1 *\",\"tagColumn\":\"matnr\"},"
      + "{\"name\":\"placement\",\"kind\":\"approvals\",\"tagColumn\":\"tag\",\"pointsColumn\":\"p\",\"maxPoints\":10}]";
    Db db = Db.fresh(Map.of("harvest.sources", sources, "harvest.unhealthy-after", "2", "harvest.poll-ms", "100"));
    try {
      TestApp.await(vertx.deployVerticle(HarvestVerticle.class, new DeploymentOptions().setConfig(db.config.toJson())));
      // the interval source "down" runs once at start
      // finished and its lease released (the run is recorded as finished just before the release)
      waitUntil(10_000, "the first run of 'down' over", () -> db.count("SELECT count(*) FROM harvest_run WHERE source = 'down' AND status <> 'running'") > 0
        && db.count("SELECT count(*) FROM job_lease WHERE job = 'down' AND holder IS NULL") == 1);
      JsonObject run = request(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "down"));
      assertEquals("failed", run.getString("status"));
      assertTrue(run.getString("error").contains("HTTP 500"));

      JsonObject status = request(vertx, Bus.HARVEST_STATUS, new JsonObject());
      assertEquals(List.of("down"), status.getJsonArray("unhealthy").getList());
      JsonObject down = status.getJsonArray("sources").getJsonObject(0);
      assertEquals("down", down.getString("name"));
      assertEquals(2, down.getInteger("failuresInRow"));
      assertEquals("never", status.getJsonArray("sources").getJsonObject(1).getString("lastStatus"), "a cron source waits for its slot");
      assertEquals(List.of(), status.getJsonArray("jobs").getList(), "retention and reminders live in the jobs verticle");

      String content = Base64.getEncoder().encodeToString("tag,p\nx-1,5\n".getBytes(StandardCharsets.UTF_8));
      JsonObject upload = request(vertx, Bus.HARVEST_UPLOAD, new JsonObject().put("source", "placement").put("format", "csv").put("content", content));
      assertEquals("ok", upload.getString("status"), upload.encode());
      assertEquals(1, upload.getInteger("inserted"));
      JsonObject broken = request(vertx, Bus.HARVEST_UPLOAD, new JsonObject().put("source", "placement")
        .put("content", Base64.getEncoder().encodeToString("tag,p\nx-1,five\n".getBytes(StandardCharsets.UTF_8))));
      assertEquals("line 2, column 'p': 'five' is not a number of points (0 or more)", broken.getString("error"));
      assertEquals(50, db.count("SELECT percent FROM approval WHERE source = 'placement'"));

      ReplyException unknown = refusal(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "nope"));
      assertEquals(404, unknown.failureCode());
      assertEquals("harvest.unknownSource", BusFailure.messageKey(unknown));
      assertEquals(400, refusal(vertx, Bus.HARVEST_UPLOAD, new JsonObject().put("source", "placement").put("content", "%%%")).failureCode());

      Future<io.vertx.core.eventbus.Message<JsonObject>> first = vertx.eventBus().request(Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "slow"));
      waitUntil(10_000, "the first run holds the lease", () -> db.count("SELECT count(*) FROM job_lease WHERE job = 'slow' AND holder IS NOT NULL") == 1);
      ReplyException busy = refusal(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "slow"));
      assertEquals(409, busy.failureCode());
      assertEquals("ok", TestApp.await(first).body().getString("status"));

      JsonObject runs = request(vertx, Bus.HARVEST_RUNS, new JsonObject().put("source", "down").put("limit", 10));
      assertEquals(2, runs.getJsonArray("runs").size());
    } finally {
      server.close();
      TestApp.await(vertx.close());
    }
  }
}
