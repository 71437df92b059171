package org.opensignup.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.support.Db;
import org.opensignup.support.TestApp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;
import static org.opensignup.support.RunHistory.assertRunsDoNotOverlap;

/** The lease scheduler itself: an overrunning job keeps its lease and is never started twice. */
class JobSchedulerTest {

  /** Hosts a scheduler with one slow job on a verticle context, as a feature verticle would. */
  static final class SlowJobHost extends VerticleBase {
    static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicInteger MAX_ACTIVE = new AtomicInteger();
    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger ENDS = new AtomicInteger();
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
        // the job's own work takes 1.5 s (a simulated slow import), not a wait of the test
        vertx.setTimer(1500, id -> {
          ACTIVE.decrementAndGet();
          ENDS.incrementAndGet();
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
      // two whole runs, each longer than two lease periods, with three schedulers competing
      waitUntil(20_000, "two finished runs", () -> SlowJobHost.ENDS.get() >= 2);
      // undeploying waits for stop(), which lets a running job end and frees its lease
      TestApp.await(a.undeploy(a1));
      TestApp.await(Future.join(b.undeploy(b1), b.undeploy(b2)));
      assertEquals(1, SlowJobHost.MAX_ACTIVE.get(), "never two runs at once");
      int starts = SlowJobHost.STARTS.get();
      assertEquals(starts, db.count("SELECT count(*) FROM harvest_run WHERE source = 'slow'"));
      assertRunsDoNotOverlap(db, "slow", 1500);
      assertEquals(0, db.count("SELECT count(*) FROM job_lease WHERE job = 'slow' AND holder IS NOT NULL"),
        () -> "released on stop: " + db.rows("SELECT *, now() AS db_now FROM job_lease") + db.rows("SELECT * FROM harvest_run"));
    } finally {
      a.close();
      b.close();
    }
  }
}
