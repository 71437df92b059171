package org.opensignup.jobs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.db.Database;
import org.opensignup.Application;
import org.opensignup.support.Db;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;

/**
 * The jobs verticle's seat jobs: each tick of the lottery draw and of offer expiry is sent once
 * across several instances and Vert.x instances, with a fence naming the lease that holds it.
 */
class JobsVerticleTest {
  /** Lease 4 s: the seat request times out after 2 s. */
  private static final Map<String, String> FAST = Map.of("signup.jobs-interval-seconds", "1", "jobs.poll-ms", "50",
    "jobs.lease-seconds", "4", "retention.schedule", "", "reminder.unpaid-schedule", "");

  /** One seat command as a test consumer saw it, with the lease row at that moment. */
  record Seen(String type, String job, String holder, long atMillis, Double leaseLeftSeconds, JsonObject body) {}

  /**
   * Stands in for the signup verticle on one Vert.x instance: records each command with the lease it
   * names, and answers after {@code workMs} (or never, for {@code workMs < 0}).
   */
  static final class SeatConsumer {
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxActive = new ConcurrentHashMap<>();

    void listen(Vertx vertx, Pool pool, long workMs) {
      TestApp.await(vertx.eventBus().<JsonObject>consumer(Bus.SEAT_COMMAND, msg -> {
        long at = System.currentTimeMillis();
        JsonObject body = msg.body();
        String type = body.getString("type");
        JsonObject fence = body.getJsonObject("fence", new JsonObject());
        int now = active.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        maxActive.computeIfAbsent(type, t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        pool.preparedQuery("SELECT extract(epoch FROM lease_until - now())::float8 AS left FROM job_lease WHERE job = $1 AND holder = $2")
          .execute(Tuple.of(fence.getString("job"), fence.getString("holder")))
          .onComplete(ar -> {
            Double left = ar.succeeded() && ar.result().size() == 1 ? ar.result().iterator().next().getDouble("left") : null;
            seen.add(new Seen(type, fence.getString("job"), fence.getString("holder"), at, left, body));
            if (workMs < 0) return;
            // the command's own work, as the signup verticle's transaction would take it
            vertx.setTimer(Math.max(1, workMs), id -> {
              active.get(type).decrementAndGet();
              msg.reply(new SeatCommand.SeatResult(null, null, List.of(), new JsonObject()).toJson());
            });
          });
      }).completion());
    }

    List<Seen> of(String type) {
      synchronized (seen) {
        return seen.stream().filter(s -> s.type().equals(type)).toList();
      }
    }
  }

  private static Pool smallPool(Vertx vertx, Db db) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(Database.connectOptions(db.config)).using(vertx).build();
  }

  private static JobsVerticle deploy(Vertx vertx, Db db) {
    // as Application does: a handle on the shared pool outside the verticles, so one verticle's
    // undeploy never closes the pool under its siblings
    Database.pool(vertx, db.config);
    JobsVerticle verticle = new JobsVerticle();
    TestApp.await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(db.config.toJson())));
    return verticle;
  }

  @Test
  void threeJobsVerticlesOnTwoVertxInstancesSendEachSeatTickOnceWithALiveFence() {
    Db db = Db.fresh(FAST);
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    SeatConsumer consumer = new SeatConsumer();
    try {
      consumer.listen(a, smallPool(a, db), 200);
      consumer.listen(b, smallPool(b, db), 200);
      List<JobsVerticle> verticles = List.of(deploy(a, db), deploy(b, db), deploy(b, db));
      Set<String> schedulers = new java.util.HashSet<>();
      for (JobsVerticle v : verticles) schedulers.add(v.scheduler().id());
      assertEquals(3, schedulers.size(), "three schedulers, three ids");

      waitUntil(30_000, "four draws and four expiries", () -> consumer.of("draw").size() >= 4 && consumer.of("expire-offers").size() >= 4);
      // undeploying waits for runs in flight and releases their leases (closing Vert.x may close the pool first)
      List<Future<?>> undeployed = new ArrayList<>();
      for (Vertx v : List.of(a, b)) v.deploymentIDs().forEach(id -> undeployed.add(v.undeploy(id)));
      TestApp.await(Future.join(undeployed));

      Map<String, String> jobOf = Map.of("draw", JobsSettings.LOTTERY_DRAW, "expire-offers", JobsSettings.OFFER_EXPIRY);
      Map<String, Set<String>> holders = new HashMap<>();
      for (String type : jobOf.keySet()) {
        List<Seen> runs = consumer.of(type);
        assertEquals(1, consumer.maxActive.get(type).get(), type + ": never two at once");
        for (int i = 0; i < runs.size(); i++) {
          Seen s = runs.get(i);
          assertEquals(jobOf.get(type), s.job(), "the fence names the job");
          assertNotNull(s.leaseLeftSeconds(), type + " run " + i + ": its fence is the lease row's holder while it runs");
          assertTrue(s.leaseLeftSeconds() > 2.0, type + " run " + i + ": the lease outlives the 2 s request timeout, left " + s.leaseLeftSeconds());
          assertTrue(schedulers.stream().anyMatch(id -> s.holder().startsWith(id + "#")), "holder " + s.holder() + " is one of the schedulers' runs");
          holders.computeIfAbsent(type, t -> new java.util.HashSet<>()).add(s.holder());
          // a tick sent twice would arrive within milliseconds; one tick per second, counted from the end of the last
          if (i > 0) assertTrue(s.atMillis() - runs.get(i - 1).atMillis() >= 1000, type + ": two sends in one tick: " + runs);
        }
        assertEquals(runs.size(), holders.get(type).size(), type + ": every run has a holder of its own");
      }
      JsonObject draw = consumer.of("draw").get(0).body();
      assertNull(draw.getValue("languageId"), "every due language");
      assertFalse(draw.getBoolean("dryRun"));
      assertEquals(0, db.count("SELECT count(*) FROM harvest_run WHERE source IN ('lottery-draw', 'offer-expiry')"), "seat ticks are not recorded");
      assertEquals(0, db.count("SELECT count(*) FROM job_lease WHERE holder IS NOT NULL"), "leases released on stop");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void theApplicationRunsTheSeatJobsThroughTheScheduler() {
    try (Application app = TestApp.start(Map.of("signup.jobs-interval-seconds", "1", "jobs.poll-ms", "100"))) {
      Sql sql = new Sql(app.config().string("db.url"));
      waitUntil(20_000, "a finished tick of both seat jobs", () -> sql.count(
        "SELECT count(*) FROM job_lease WHERE job IN ('lottery-draw', 'offer-expiry') AND last_tick IS NOT NULL") == 2);
    }
  }

  @Test
  void withoutAConsumerOfSeatCommandsTheTicksGoOnQuietly() {
    Db db = Db.fresh(FAST);
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject skipped = TestApp.await(SeatJob.lotteryDraw(vertx, Duration.ofSeconds(2)).run(new SeatCommand.Fence("lottery-draw", "x#1")));
      assertEquals("no consumer", skipped.getString("skipped"), "NO_HANDLERS is not a failure");

      deploy(vertx, db);
      String lastTick = "SELECT coalesce(max(extract(epoch FROM last_tick)), 0)::bigint FROM job_lease WHERE job = 'lottery-draw'";
      waitUntil(10_000, "a first tick", () -> db.count(lastTick) > 0);
      long first = db.count(lastTick);
      waitUntil(10_000, "a later tick", () -> db.count(lastTick) > first);
      assertEquals(1, vertx.deploymentIDs().size(), "the verticle is still deployed");
    } finally {
      TestApp.await(vertx.close());
    }
  }

  @Test
  void aCommandStillQueuedWhenItsRequestTimedOutFindsItsLeaseGone() {
    Db db = Db.fresh(FAST);
    Vertx vertx = Vertx.vertx();
    Pool pool = smallPool(vertx, db);
    SeatConsumer consumer = new SeatConsumer();
    try {
      consumer.listen(vertx, pool, -1); // never answers: the 2 s request times out
      deploy(vertx, db);
      waitUntil(10_000, "a draw command", () -> !consumer.of("draw").isEmpty());
      Seen draw = consumer.of("draw").get(0);
      SeatCommand.Fence fence = new SeatCommand.Fence(draw.job(), draw.holder());
      // while the request waits, the fence holds (the lead's consumer checks it in its transaction)
      TestApp.await(pool.withTransaction(conn -> JobScheduler.checkLease(conn, fence)));
      waitUntil(10_000, "the run given up and its lease released", () ->
        db.count("SELECT count(*) FROM job_lease WHERE job = 'lottery-draw' AND holder IS NOT DISTINCT FROM '" + draw.holder() + "'") == 0);
      IllegalStateException late = assertThrows(IllegalStateException.class,
        () -> TestApp.await(pool.withTransaction(conn -> JobScheduler.checkLease(conn, fence))));
      assertInstanceOf(JobScheduler.LeaseLostException.class, late.getCause(), "a late command writes nothing");
      // the next tick's run has a holder of its own, so the stale command cannot borrow its lease either
      waitUntil(10_000, "the next draw", () -> consumer.of("draw").size() >= 2);
      assertNotEquals(draw.holder(), consumer.of("draw").get(1).holder());
    } finally {
      TestApp.await(vertx.close());
    }
  }
}
