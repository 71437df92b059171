package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;

/** Runs periodic imports and scheduled jobs. */
public final class HarvestVerticle extends VerticleBase {
  private Pool pool;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    return vertx.eventBus().<JsonObject>consumer(Bus.HARVEST_STATUS, msg -> msg.reply(new JsonObject().put("sources", new JsonArray())))
      .completion();
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
