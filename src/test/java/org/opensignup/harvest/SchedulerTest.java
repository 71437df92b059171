package org.opensignup.harvest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.support.TestApp;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** One leader per tick across Vert.x instances sharing a database; overruns; the bus addresses. */
class SchedulerTest {

  private static Map<String, String> quietJobs(Map<String, String> more) {
    Map<String, String> m = new HashMap<>(more);
    m.put("retention.schedule", "");
    m.put("reminder.unpaid-schedule", "");
    return m;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertRunsDoNotOverlap(Db db, String job, long minGapMs) {
    List<Map<String, Object>> runs = db.rows("SELECT started_at, finished_at, node FROM harvest_run WHERE source = '" + job + "' ORDER BY started_at");
    for (int i = 1; i < runs.size(); i++) {
      Timestamp prevStart = (Timestamp) runs.get(i - 1).get("started_at");
      Timestamp prevEnd = (Timestamp) runs.get(i - 1).get("finished_at");
      Timestamp start = (Timestamp) runs.get(i).get("started_at");
      assertNotNull(prevEnd, "run " + (i - 1) + " finished");
      assertFalse(start.before(prevEnd), "run " + i + " started before run " + (i - 1) + " ended: " + runs);
      assertTrue(start.getTime() - prevStart.getTime() >= minGapMs, "two runs of one tick: " + runs);
    }
  }

  @Test
  void twoHarvestVerticlesInTwoVertxInstancesRunEachTickOnce() {
    Vertx serverVertx = Vertx.vertx();
    SourceServer server = new SourceServer(serverVertx);
    server.respond("/tick.csv", new SourceServer.Response(200, "matnr\n1\n2\n", 150, null, null));
    String sources = "[{\"name\":\"tick\",\"kind\":\"registrations\",\"url\":\"" + server.url("/tick.csv")
      + "\",\"interval\":\"1s\",\"tagColumn\":\"matnr\"}]";
    Db db = Db.fresh(quietJobs(Map.of("harvest.sources", sources, "harvest.poll-ms", "50", "harvest.lease-seconds", "5")));
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try {
      DeploymentOptions options = new DeploymentOptions().setConfig(db.config.toJson());
      TestApp.await(a.deployVerticle(HarvestVerticle.class, options));
      TestApp.await(b.deployVerticle(HarvestVerticle.class, options.setInstances(2)));
      sleep(4600);
      TestApp.await(a.close());
      TestApp.await(b.close());
      long runs = db.count("SELECT count(*) FROM harvest_run WHERE source = 'tick'");
      assertEquals(server.hits("/tick.csv"), runs, "every fetch is one recorded run");
      assertTrue(runs >= 3 && runs <= 5, "about one run per second over 4.6 s, got " + runs);
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

  /** Hosts a scheduler with one slow job on a verticle context, as a feature verticle would. */
  static final class SlowJobHost extends VerticleBase {
    static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicInteger MAX_ACTIVE = new AtomicInteger();
    static final AtomicInteger STARTS = new AtomicInteger();
    private final AppConfig config;
    private Pool pool;
    private JobScheduler scheduler;

    SlowJobHost(AppConfig config) {
      this.config = config;
    }

    @Override
    public Future<?> start() {
      // a pool of its own: the process-wide shared pool is closed under a sibling when one host undeploys
      pool = io.vertx.pgclient.PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(2))
        .connectingTo(Database.connectOptions(config)).using(vertx).build();
      // lease shorter than the job: only renewal keeps others out
      scheduler = new JobScheduler(vertx, pool, Duration.ofMillis(50), Duration.ofMillis(600));
      scheduler.register("slow", Duration.ofMillis(100), () -> {
        STARTS.incrementAndGet();
        MAX_ACTIVE.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
        Promise<JsonObject> done = Promise.promise();
        vertx.setTimer(1500, id -> {
          ACTIVE.decrementAndGet();
          done.complete(new JsonObject().put("rowsRead", 1));
        });
        return done.future();
      });
      return scheduler.start();
    }

    @Override
    public Future<?> stop() {
      return scheduler.stop().eventually(() -> pool.close());
    }
  }

  @Test
  void anOverrunningJobIsNotStartedTwice() {
    Db db = Db.fresh(Map.of());
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try {
      String a1 = TestApp.await(a.deployVerticle(new SlowJobHost(db.config)));
      String b1 = TestApp.await(b.deployVerticle(new SlowJobHost(db.config)));
      String b2 = TestApp.await(b.deployVerticle(new SlowJobHost(db.config)));
      sleep(4300);
      // undeploying waits for stop(), which lets a running job end and frees its lease
      TestApp.await(a.undeploy(a1));
      TestApp.await(Future.join(b.undeploy(b1), b.undeploy(b2)));
      assertEquals(1, SlowJobHost.MAX_ACTIVE.get(), "never two runs at once");
      int starts = SlowJobHost.STARTS.get();
      assertTrue(starts >= 2 && starts <= 3, "1.5 s runs plus 0.1 s pauses in 4.3 s: " + starts);
      assertEquals(starts, db.count("SELECT count(*) FROM harvest_run WHERE source = 'slow'"));
      assertRunsDoNotOverlap(db, "slow", 100);
      assertEquals(0, db.count("SELECT count(*) FROM job_lease WHERE job = 'slow' AND holder IS NOT NULL"),
        () -> "released on stop: " + db.rows("SELECT *, now() AS db_now FROM job_lease") + db.rows("SELECT * FROM harvest_run"));
    } finally {
      a.close();
      b.close();
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
    Db db = Db.fresh(quietJobs(Map.of("harvest.sources", sources, "harvest.unhealthy-after", "2", "harvest.poll-ms", "100")));
    try {
      TestApp.await(vertx.deployVerticle(HarvestVerticle.class, new DeploymentOptions().setConfig(db.config.toJson())));
      // the interval source "down" runs once at start
      for (int i = 0; i < 100 && db.count("SELECT count(*) FROM harvest_run WHERE source = 'down' AND status <> 'running'") == 0; i++) sleep(50);
      JsonObject run = request(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "down"));
      assertEquals("failed", run.getString("status"));
      assertTrue(run.getString("error").contains("HTTP 500"));

      JsonObject status = request(vertx, Bus.HARVEST_STATUS, new JsonObject());
      assertEquals(List.of("down"), status.getJsonArray("unhealthy").getList());
      JsonObject down = status.getJsonArray("sources").getJsonObject(0);
      assertEquals("down", down.getString("name"));
      assertEquals(2, down.getInteger("failuresInRow"));
      assertEquals("never", status.getJsonArray("sources").getJsonObject(1).getString("lastStatus"), "a cron source waits for its slot");
      assertEquals(List.of("reminder-unpaid", "retention"),
        status.getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("name")).toList());

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
      sleep(200);
      ReplyException busy = refusal(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "slow"));
      assertEquals(409, busy.failureCode());
      assertEquals("ok", TestApp.await(first).body().getString("status"));

      assertEquals("ok", this.<JsonObject>request(vertx, Bus.HARVEST_RUN_NOW, new JsonObject().put("source", "retention")).getString("status"));
      JsonObject runs = request(vertx, Bus.HARVEST_RUNS, new JsonObject().put("source", "down").put("limit", 10));
      assertEquals(2, runs.getJsonArray("runs").size());
    } finally {
      server.close();
      TestApp.await(vertx.close());
    }
  }
}
