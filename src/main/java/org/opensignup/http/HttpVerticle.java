package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.OidcLogin;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.redis.RedisLink;

/** Serves the pages and the API; one instance per core, all sharing the port. */
public final class HttpVerticle extends VerticleBase {
  private Pool pool;
  private RedisLink redis;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    redis = RedisLink.create(vertx, config);
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.httpHost())
      .setPort(config.httpPort())
      .setCompressionSupported(true)
      .setIdleTimeout(60)
      // long form fields (a mass mail of 20,000 characters is ~60 KB encoded): the defaults (8 KB per
      // field, 1 KB buffered) refused them; the body handler's limit still bounds the whole request
      .setMaxFormAttributeSize(256 * 1024)
      .setMaxFormBufferedBytes(256 * 1024);
    return OidcLogin.discover(vertx, config).compose(login -> vertx.createHttpServer(options)
      .requestHandler(Routes.create(vertx, config, pool, redis, login))
      .listen());
  }

  @Override
  public Future<?> stop() {
    Future<?> r = redis == null ? Future.succeededFuture() : redis.close();
    return pool == null ? r : Future.join(r, pool.close());
  }
}
