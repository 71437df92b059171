package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.OidcLogin;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.redis.RedisLink;

import java.util.concurrent.TimeUnit;

/** Serves the pages and the API; one instance per core, all sharing the port. */
public final class HttpVerticle extends VerticleBase {
  /** Longest wait for open requests (a signup waiting for its batch) when the port closes. */
  private static final long SHUTDOWN_SECONDS = 10;

  private Pool pool;
  private RedisLink redis;
  private HttpServer server;

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
    return OidcLogin.discover(vertx, config).compose(login -> {
      server = vertx.createHttpServer(options).requestHandler(Routes.create(vertx, config, pool, redis, login));
      return server.listen();
    });
  }

  @Override
  public Future<?> stop() {
    // graceful: no new connections, requests under way get their answer
    Future<?> closed = server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    return closed.eventually(this::closeClients);
  }

  private Future<?> closeClients() {
    Future<?> r = redis == null ? Future.succeededFuture() : redis.close();
    return pool == null ? r : Future.join(r, pool.close());
  }
}
