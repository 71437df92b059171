package org.opensignup.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.opensignup.redis.RedisLink;

/**
 * Liveness (the process answers) and readiness (database reachable, schema migrated; Redis, when
 * configured, answering: without it the service runs on, DEGRADED with 200, so balancers keep it).
 */
final class HealthRoutes {
  private static final String READY_SQL =
    "SELECT count(*) FILTER (WHERE NOT success) AS failed, count(*) AS applied FROM flyway_schema_history";

  private final Pool pool;
  private final RedisLink redis;

  HealthRoutes(Pool pool, RedisLink redis) {
    this.pool = pool;
    this.redis = redis;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    pool.query(READY_SQL).execute()
      .onSuccess(rows -> {
        var row = rows.iterator().next();
        boolean migrated = row.getLong("applied") > 0 && row.getLong("failed") == 0;
        JsonObject db = new JsonObject().put("status", "UP").put("migrations", migrated ? "done" : "incomplete");
        redis.check().onComplete(r -> {
          String redisStatus = r.succeeded() ? r.result() : "DEGRADED";
          String status = !migrated ? "DOWN" : redisStatus.equals("DEGRADED") ? "DEGRADED" : "UP";
          JsonObject checks = new JsonObject().put("database", db).put("redis", new JsonObject().put("status", redisStatus));
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
