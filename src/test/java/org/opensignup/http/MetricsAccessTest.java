package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.TestApp.await;

/** /metrics is never public: a bearer token from the configuration, or the management port on loopback. */
@ExtendWith(VertxExtension.class)
class MetricsAccessTest {
  private static final String TOKEN = "metrics-token-for-tests-0123456789";

  private static HttpResponse<Buffer> get(WebClient client, int port, String authorization) {
    var req = client.get(port, "127.0.0.1", "/metrics");
    if (authorization != null) req.putHeader("Authorization", authorization);
    return await(req.send());
  }

  @Test
  void withTokenMetricsNeedTheRightBearerTokenOnBothPorts(Vertx vertx) {
    int management = TestApp.freePort();
    try (Application app = TestApp.start(Map.of("metrics.token", TOKEN, "metrics.port", String.valueOf(management)))) {
      WebClient client = WebClient.create(vertx);
      int port = app.config().httpPort();
      for (int p : new int[] {port, management}) {
        HttpResponse<Buffer> none = get(client, p, null);
        assertEquals(401, none.statusCode(), "no token, port " + p);
        assertTrue(none.getHeader("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(401, get(client, p, "Bearer wrong-" + TOKEN).statusCode(), "wrong token, port " + p);
        assertEquals(401, get(client, p, "Bearer " + TOKEN.substring(1)).statusCode(), "shorter token, port " + p);
        assertEquals(401, get(client, p, "Basic " + TOKEN).statusCode(), "not a bearer token, port " + p);
        HttpResponse<Buffer> ok = get(client, p, "Bearer " + TOKEN);
        assertEquals(200, ok.statusCode(), "right token, port " + p);
        assertTrue(ok.bodyAsString().contains("vertx_http_server"), "Prometheus text on port " + p);
      }
    }
  }

  @Test
  void withOnlyAManagementPortMetricsAreThereAndNotOnThePublicPort(Vertx vertx) {
    int management = TestApp.freePort();
    try (Application app = TestApp.start(Map.of("metrics.port", String.valueOf(management)))) {
      WebClient client = WebClient.create(vertx);
      assertEquals(404, get(client, app.config().httpPort(), null).statusCode());
      assertEquals(404, get(client, app.config().httpPort(), "Bearer anything").statusCode());
      HttpResponse<Buffer> ok = get(client, management, null);
      assertEquals(200, ok.statusCode());
      assertTrue(ok.bodyAsString().contains("vertx_http_server"));
      // the management port serves nothing else
      assertEquals(404, await(client.get(management, "127.0.0.1", "/api/courses").send()).statusCode());
    }
  }
}
