package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;

/** Delivers the mail outbox over SMTP. */
public final class MailVerticle extends VerticleBase {
  private Pool pool;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    return vertx.eventBus().<JsonObject>consumer(Bus.MAIL_STATS, msg -> pool.query(MailSql.STATS).execute()
        .map(rows -> {
          JsonObject counts = new JsonObject().put("pending", 0).put("sent", 0).put("failed", 0);
          for (Row r : rows) counts.put(r.getString("state"), r.getLong("n"));
          return counts;
        })
        .onComplete(ar -> {
          if (ar.succeeded()) msg.reply(ar.result());
          else msg.fail(503, ar.cause().getMessage());
        }))
      .completion();
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
