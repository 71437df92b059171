package org.opensignup.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.config.AppConfig;
import org.opensignup.dev.EmbeddedPostgresServer;
import org.opensignup.support.LogCapture;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PostgreSQL shutting down (SQLSTATE 57P03 for every new connection) and then gone (connection
 * refused): the catalogue, pages and signups answer 503 with Retry-After, not 500, and the refusals
 * leave at most one log line and no stack trace. The server is this test's own, so stopping it
 * touches no other test.
 */
class DatabaseAwayTest {
  private static EmbeddedPostgresServer pg;
  private static Application app;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgresServer.start(null, 0);
    Map<String, String> m = new HashMap<>();
    m.put("db.url", pg.url());
    m.put("db.user", "postgres");
    m.put("http.port", String.valueOf(TestApp.freePort()));
    m.put("http.instances", "1");
    m.put("mail.sink.port", "0");
    m.put("db.demo-data", "true");
    m.put("db.pool-size", "4");
    app = Application.start(AppConfig.withOverrides(m));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    try {
      pg.close();
    } catch (Exception alreadyStopped) {
      // the test shut it down itself
    }
  }

  private static HttpResponse<String> request(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.config().httpPort() + path))
      .timeout(Duration.ofSeconds(30)).header("Accept-Language", "en");
    if (contentType != null) b.header("Content-Type", contentType);
    else b.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return request("GET", path, null, null);
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("waited 60 s for: " + what);
      Thread.sleep(100); // polling a condition, not waiting for a fixed time
    }
  }

  private static String newConnectionState() {
    try (Connection c = DriverManager.getConnection(TestDatabases.jdbc(pg.url()), "postgres", "")) {
      return "connected";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private static void assertUnavailable(HttpResponse<String> r, String what) {
    assertEquals(503, r.statusCode(), what + ": " + r.body());
    assertTrue(r.headers().firstValue("Retry-After").isPresent(), what + " says when to retry");
  }

  @Test
  void shuttingDownAndGoneDatabaseIs503WithRetryAfterAndNoStackTraces() throws Exception {
    assertEquals(200, get("/api/courses").statusCode());
    Connection hold = DriverManager.getConnection(TestDatabases.jdbc(pg.url()), "postgres", "");
    try (LogCapture logs = new LogCapture()) {
      long postmaster;
      try (Statement st = hold.createStatement(); var rs = st.executeQuery("SHOW data_directory")) {
        rs.next();
        postmaster = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).strip());
      }
      // SIGTERM is PostgreSQL's smart shutdown: sessions that are open go on, every new one gets 57P03
      assertTrue(ProcessHandle.of(postmaster).orElseThrow().destroy());
      waitFor("new connections refused with 57P03", () -> "57P03".equals(newConnectionState()));
      try (Statement st = hold.createStatement()) {
        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
      }
      waitFor("the catalogue answers 503", () -> {
        try {
          return get("/api/courses").statusCode() == 503;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      for (int i = 0; i < 40; i++) {
        HttpResponse<String> r = get("/api/courses");
        assertUnavailable(r, "catalogue");
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("error.unavailable", new JsonObject(r.body()).getString("code"));
      }
      HttpResponse<String> page = get("/");
      assertUnavailable(page, "catalogue page");
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(page.body().contains("very busy"), page.body());
      assertEquals(503, get("/health/ready").statusCode());
      JsonObject signup = new JsonObject().put("courseId", 1).put("mail", "away@uni.example").put("firstName", "Ada").put("lastName", "Lovelace")
        .put("originId", 3);
      for (int i = 0; i < 5; i++) assertUnavailable(request("POST", "/api/signups", "application/json", signup.encode()), "signup");
      assertTrue(logs.from("org.opensignup.signup").stream().allMatch(e -> e.getThrowableProxy() == null), "a refused signup logs no stack trace");
      assertEquals("57P03", newConnectionState(), "still shutting down, not yet gone");

      List<ILoggingEvent> http = logs.from("org.opensignup.http", "io.vertx.ext.web");
      assertTrue(http.size() <= 1, "at most one line for all refusals: " + http.stream().map(ILoggingEvent::getFormattedMessage).toList());
      assertTrue(http.stream().allMatch(e -> e.getThrowableProxy() == null), "no stack trace for a refusal");

      // now the server goes away entirely: connection refused is the same 503
      hold.close();
      waitFor("PostgreSQL stopped", () -> !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
      assertUnavailable(get("/api/courses"), "catalogue, database gone");
      assertUnavailable(get("/?lang=en"), "catalogue page, database gone");
      assertTrue(logs.from("org.opensignup.http", "io.vertx.ext.web").stream().allMatch(e -> e.getThrowableProxy() == null));
    } finally {
      if (!hold.isClosed()) hold.close();
    }
  }
}
