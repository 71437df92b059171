package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.OidcLogin;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;

/** Serves the pages and the API; one instance per core, all sharing the port. */
public final class HttpVerticle extends VerticleBase {
  private Pool pool;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.httpHost())
      .setPort(config.httpPort())
      .setCompressionSupported(true)
      .setIdleTimeout(60);
    return OidcLogin.discover(vertx, config).compose(login -> vertx.createHttpServer(options)
      .requestHandler(Routes.create(vertx, config, pool, login))
      .listen());
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
