package org.opensignup.support;

import io.vertx.core.Future;
import org.opensignup.Application;
import org.opensignup.config.AppConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a whole OpenSignup on a fresh test database, a free port and the embedded mail sink. */
public final class TestApp {
  private TestApp() {}

  public static Application start(Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>();
    m.put("db.url", TestDatabases.fresh());
    m.put("db.user", "postgres");
    m.put("http.port", String.valueOf(freePort()));
    m.put("http.instances", "2");
    m.put("mail.sink.port", "0");
    m.put("db.demo-data", "false");
    m.put("db.pool-size", "8");
    m.putAll(overrides);
    return Application.start(AppConfig.withOverrides(m));
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Blocks a test thread until the future fails, and returns why (fails the test if it succeeded). */
  public static Throwable awaitFailure(Future<?> f) {
    try {
      Object result = f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + result);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Blocks a test thread until the future completes (never call on an event loop). */
  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }
}
