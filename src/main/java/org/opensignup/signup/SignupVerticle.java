package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;

/** Serves signup requests from the event bus; the rules live in plain classes of this package. */
public final class SignupVerticle extends VerticleBase {
  private Pool pool;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
