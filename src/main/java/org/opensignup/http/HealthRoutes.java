package org.opensignup.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.opensignup.redis.RedisLink;

/**
 * Liveness (the process answers) and readiness (database reachable, schema migrated; Redis, when
 * configured, answering: without it the service runs on, DEGRADED with 200, so balancers keep it;
 * import sources that failed their last runs are reported as DEGRADED too, for operators to see).
 * Once the process begins to stop, readiness answers 503 STOPPING while liveness stays UP.
 */
final class HealthRoutes {
  private static final String READY_SQL =
    "SELECT count(*) FILTER (WHERE NOT success) AS failed, count(*) AS applied FROM flyway_schema_history";

  private static final io.vertx.core.eventbus.DeliveryOptions QUICK = new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(2000);

  private final io.vertx.core.Vertx vertx;
  private final Pool pool;
  private final RedisLink redis;

  HealthRoutes(io.vertx.core.Vertx vertx, Pool pool, RedisLink redis) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    java.util.concurrent.atomic.AtomicBoolean stopping = org.opensignup.Shared.get(vertx, org.opensignup.Shared.STOPPING);
    if (stopping != null && stopping.get()) {
      // first step of a normal stop: balancers take this node out before its port closes
      json(ctx, 503, new JsonObject().put("status", "STOPPING"));
      return;
    }
    pool.query(READY_SQL).execute()
      .onSuccess(rows -> {
        var row = rows.iterator().next();
        boolean migrated = row.getLong("applied") > 0 && row.getLong("failed") == 0;
        JsonObject db = new JsonObject().put("status", "UP").put("migrations", migrated ? "done" : "incomplete");
        var harvest = vertx.eventBus().<JsonObject>request(org.opensignup.bus.Bus.HARVEST_STATUS, new JsonObject(), QUICK)
          .map(m -> m.body().getBoolean("healthy", true)
            ? new JsonObject().put("status", "UP")
            : new JsonObject().put("status", "DEGRADED").put("failing", m.body().getJsonArray("unhealthy")))
          .otherwise(e -> new JsonObject().put("status", "UNKNOWN"));
        var redisCheck = redis.check().otherwise("DEGRADED");
        io.vertx.core.Future.all(redisCheck, harvest).onComplete(all -> {
          String redisStatus = redisCheck.result();
          JsonObject imports = harvest.result();
          boolean degraded = redisStatus.equals("DEGRADED") || "DEGRADED".equals(imports.getString("status"));
          String status = !migrated ? "DOWN" : degraded ? "DEGRADED" : "UP";
          JsonObject checks = new JsonObject().put("database", db).put("redis", new JsonObject().put("status", redisStatus))
            .put("imports", imports);
          json(ctx, migrated ? 200 : 503, new JsonObject().put("status", status).put("checks", checks));
        });
      })
      .onFailure(e -> json(ctx, 503, new JsonObject().put("status", "DOWN")
        .put("checks", new JsonObject().put("database", new JsonObject().put("status", "DOWN").put("error", e.getMessage())))));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
