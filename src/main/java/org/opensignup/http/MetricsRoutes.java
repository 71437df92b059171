package org.opensignup.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.opensignup.Shared;
import org.opensignup.config.AppConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * /metrics in Prometheus format, never public: on the main port only with {@code metrics.token}
 * (sent as {@code Authorization: Bearer …}); on the management port ({@code metrics.port}, loopback
 * by default) with the token too when one is set.
 */
public final class MetricsRoutes {
  static final String PATH = "/metrics";

  private MetricsRoutes() {}

  /** The main port: without a token /metrics does not exist there (404). */
  static void mountPublic(Router router, Vertx vertx, AppConfig config) {
    PrometheusMeterRegistry registry = Shared.get(vertx, Shared.METRICS);
    if (registry == null || !config.isSet("metrics.token")) return;
    router.get(PATH).handler(guard(config.string("metrics.token"))).handler(PrometheusScrapingHandler.create(registry));
  }

  /** The management port: reachable only where metrics.host is bound, the token checked when set. */
  static Router managementRouter(Vertx vertx, AppConfig config) {
    Router router = Router.router(vertx);
    PrometheusMeterRegistry registry = Shared.get(vertx, Shared.METRICS);
    var route = router.get(PATH);
    if (config.isSet("metrics.token")) route.handler(guard(config.string("metrics.token")));
    if (registry != null) route.handler(PrometheusScrapingHandler.create(registry));
    return router;
  }

  private static Handler<RoutingContext> guard(String token) {
    byte[] expected = digest(token);
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
      // digests of equal length, compared in constant time: neither content nor length leaks
      if (!given.isEmpty() && MessageDigest.isEqual(expected, digest(given))) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"")
          .putHeader("Cache-Control", "no-store").end();
      }
    };
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
