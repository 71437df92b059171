package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.opensignup.StartupException;
import org.opensignup.config.AppConfig;

/** The management port ({@code metrics.port} on {@code metrics.host}): /metrics apart from the public port. */
public final class ManagementVerticle extends VerticleBase {
  private HttpServer server;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    String host = config.string("metrics.host");
    int port = config.integer("metrics.port", 0, 65535);
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    return server.requestHandler(MetricsRoutes.managementRouter(vertx, config)).listen()
      .recover(e -> Future.failedFuture(new StartupException(
        "metrics.port " + port + " on " + host + " cannot be opened (set OPENSIGNUP_METRICS_PORT): " + e.getMessage(), e)));
  }
}
