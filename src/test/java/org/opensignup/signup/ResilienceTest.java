package org.opensignup.signup;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensignup.Main;
import org.opensignup.dev.EmbeddedPostgresServer;
import org.opensignup.support.ServerProcess;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real server processes (each with its own Vert.x and pool) against one durable PostgreSQL, under a
 * concurrent burst of applicants who retry as phones do (same Idempotency-Key, the other server on a
 * broken connection): two processes at once, one of them killed with SIGKILL and started again, and the
 * database restarted under load. Afterwards every acknowledged signup is in the database as answered,
 * no course holds more than its seats, nothing was answered 500, and every mail reached the SMTP server.
 */
@ExtendWith(VertxExtension.class)
class ResilienceTest {
  private static final long COURSE = SignupFixture.OPEN_SMALL; // 25 seats, 75 waiting places

  @TempDir
  Path dataDir;
  private EmbeddedPostgresServer pg;
  private int pgPort;
  private GreenMail smtp;
  private String dbUrl;
  private final List<ServerProcess> servers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pg = EmbeddedPostgresServer.start(dataDir.resolve("pg"), 0);
    pgPort = pg.port();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE resilience");
    }
    dbUrl = "postgresql://127.0.0.1:" + pgPort + "/resilience";
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (ServerProcess p : servers) {
      p.close();
      // the servers' logs stay readable after a failed run
      java.nio.file.Files.writeString(Path.of("target", "resilience-server-" + p.port + ".log"), p.output());
    }
    smtp.stop();
    pg.close();
  }

  private ServerProcess server(int port) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OPENSIGNUP_DB_URL", dbUrl);
    env.put("OPENSIGNUP_DB_USER", "postgres");
    env.put("OPENSIGNUP_HTTP_PORT", String.valueOf(port));
    env.put("OPENSIGNUP_HTTP_INSTANCES", "1");
    env.put("OPENSIGNUP_DB_DEMO_DATA", "false");
    env.put("OPENSIGNUP_MAIL_SMTP_HOST", "127.0.0.1");
    env.put("OPENSIGNUP_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
    env.put("OPENSIGNUP_MAIL_SMTP_STARTTLS", "NONE");
    env.put("OPENSIGNUP_MAIL_CLAIM_SECONDS", "3");
    env.put("OPENSIGNUP_MAIL_MESSAGE_ID_DOMAIN", "resilience.test");
    env.put("OPENSIGNUP_LOG_LEVEL", "WARN");
    ServerProcess p = ServerProcess.start(null, Main.class.getName(), env, Path.of("."), port);
    servers.add(p);
    p.awaitReady(120_000);
    return p;
  }

  private static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) fail("gave up waiting for: " + what);
      Thread.sleep(50); // polling interval of a condition
    }
  }

  /** What the burst saw: every final answer per applicant, and every status code along the way. */
  record Burst(Map<Integer, JsonObject> accepted, Map<Integer, Integer> statuses, Set<Integer> refused, List<String> serverErrors) {}

  /**
   * {@code applicants} applicants, {@code parallel} at a time, each retrying (same key) on 503, 429 and broken
   * connections, alternating between the given ports; {@code midway} runs once after a third of the answers.
   */
  private Burst burst(Vertx vertx, List<Integer> ports, int applicants, int parallel, Runnable midway) throws Exception {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setIdleTimeout(10),
      new io.vertx.core.http.PoolOptions().setHttp1MaxSize(parallel));
    Map<Integer, JsonObject> accepted = new ConcurrentHashMap<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    Set<Integer> refused = ConcurrentHashMap.newKeySet();
    List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> broken = new ConcurrentLinkedQueue<>();
    Promise<Void> third = Promise.promise();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < parallel; lane++) {
      Promise<Void> done = Promise.promise();
      lanes.add(done.future());
      vertx.runOnContext(v -> nextApplicant(client, ports, applicants, next, answered, accepted, statuses, refused, serverErrors, third, done));
    }
    Thread midwayThread = new Thread(() -> {
      try {
        third.future().toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
        midway.run();
      } catch (Throwable e) {
        broken.add(e);
      }
    });
    midwayThread.start();
    TestApp.await(Future.all(lanes));
    midwayThread.join(300_000);
    client.close();
    assertTrue(broken.isEmpty(), "midway step failed: " + broken);
    return new Burst(accepted, statuses, refused, serverErrors);
  }

  private void nextApplicant(WebClient client, List<Integer> ports, int applicants, AtomicInteger next, AtomicInteger answered,
                             Map<Integer, JsonObject> accepted, Map<Integer, Integer> statuses, Set<Integer> refused,
                             List<String> serverErrors, Promise<Void> third, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= applicants) {
      done.complete();
      return;
    }
    JsonObject body = SignupApiClient.applicant(COURSE, "burst" + i + "@example.org");
    attempt(client, ports, i, body, 0).onComplete(ar -> {
      if (ar.succeeded()) {
        int status = ar.result().statusCode();
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500) serverErrors.add(ar.result().bodyAsString());
        if (status == 201 || status == 200) accepted.put(i, ar.result().bodyAsJsonObject());
        else refused.add(i);
      } else {
        statuses.merge(-1, 1, Integer::sum);
      }
      if (answered.incrementAndGet() == applicants / 3) third.tryComplete();
      nextApplicant(client, ports, applicants, next, answered, accepted, statuses, refused, serverErrors, third, done);
    });
  }

  private Future<io.vertx.ext.web.client.HttpResponse<Buffer>> attempt(WebClient client, List<Integer> ports, int i, JsonObject body, int tries) {
    int port = ports.get((i + tries) % ports.size());
    return client.post(port, "127.0.0.1", "/api/signups").putHeader("Content-Type", "application/json")
      .putHeader("Idempotency-Key", "burst-" + i).timeout(20_000).sendBuffer(Buffer.buffer(body.encode()))
      .transform(ar -> {
        boolean retry = ar.failed() || ar.result().statusCode() == 503 || ar.result().statusCode() == 429;
        if (!retry || tries >= 60) return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
        Promise<io.vertx.ext.web.client.HttpResponse<Buffer>> later = Promise.promise();
        Vertx.currentContext().owner().setTimer(100 + (long) (Math.random() * 200), t -> attempt(client, ports, i, body, tries + 1).onComplete(later));
        return later.future();
      });
  }

  /** The invariants after a burst, checked in the database and at the SMTP server. */
  private void assertInvariants(Sql sql, Burst b, int applicants) throws Exception {
    // a 503 is retried by the burst, so any 5xx left is a 500 (or a 503 given up after 60 tries)
    assertEquals(Set.of(), b.statuses().keySet().stream().filter(s -> s == -1 || s >= 500).collect(java.util.stream.Collectors.toSet()),
      "no 5xx left after retries and no request given up: " + b.statuses() + " " + b.serverErrors());
    assertEquals(applicants, b.accepted().size() + b.refused().size());
    assertEquals(0, sql.count("SELECT count(*) FROM course WHERE confirmed_count > seats"), "never oversold");
    assertEquals(sql.one("SELECT confirmed_count || '|' || waiting_count FROM course WHERE id = " + COURSE),
      sql.one("SELECT count(*) FILTER (WHERE state IN ('confirmed', 'offered')) || '|' || count(*) FILTER (WHERE state = 'waiting')"
        + " FROM attendance WHERE course_id = " + COURSE), "counters equal rows");
    assertEquals("25", sql.one("SELECT confirmed_count FROM course WHERE id = " + COURSE), "every seat given");
    Map<String, String> rows = new HashMap<>();
    for (String r : sql.column("SELECT secret || '|' || state FROM attendance WHERE course_id = " + COURSE)) {
      rows.put(r.substring(0, r.indexOf('|')), r.substring(r.indexOf('|') + 1));
    }
    for (JsonObject a : b.accepted().values()) {
      assertEquals(a.getString("state"), rows.get(a.getString("secret")), "an acknowledged signup is in the database as answered: " + a);
    }
    assertEquals(b.accepted().size(), rows.size(), "every row was answered, nothing acknowledged is missing");
    waitFor(() -> sql.count("SELECT count(*) FROM mail_outbox WHERE state <> 'sent'") == 0, 240, "every mail sent");
    Set<String> received = new HashSet<>();
    for (var m : smtp.getReceivedMessages()) received.add(m.getMessageID());
    for (String id : sql.column("SELECT id FROM mail_outbox")) {
      assertTrue(received.contains("<outbox-" + id + "@resilience.test>"), "mail of outbox row " + id + " reached the SMTP server");
    }
    assertEquals(b.accepted().size(), sql.count("SELECT count(DISTINCT attendance_id) FROM mail_outbox"), "one mail per signup");
  }

  @Test
  void twoServersOneKilledMidBurstAndStartedAgainLoseNothingAndOversellNothing(Vertx vertx) throws Exception {
    int port1 = TestApp.freePort();
    int port2 = TestApp.freePort();
    ServerProcess first = server(port1);
    server(port2);
    Sql sql = new Sql(dbUrl);
    SignupFixture.load(sql);
    int applicants = 400;
    Burst b = burst(vertx, List.of(port1, port2), applicants, 60, () -> {
      try {
        first.close(); // SIGKILL: no clean stop
        server(port1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertInvariants(sql, b, applicants);
  }

  @Test
  void aDatabaseRestartMidBurstIsSurvivedWithoutA500AndTheServerRecoversWithinFiveSeconds(Vertx vertx) throws Exception {
    int port = TestApp.freePort();
    ServerProcess server = server(port);
    Sql sql = new Sql(dbUrl);
    SignupFixture.load(sql);
    int applicants = 300;
    long[] recoveredMillis = {-1};
    Burst b = burst(vertx, List.of(port), applicants, 40, () -> {
      try {
        pg.close();
        pg = EmbeddedPostgresServer.start(dataDir.resolve("pg"), pgPort);
        long up = System.nanoTime();
        waitFor(() -> server.status("/api/courses") == 200 && server.status("/health/ready") == 200, 30, "the catalogue answers again");
        recoveredMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(recoveredMillis[0] >= 0 && recoveredMillis[0] <= 5000, "recovered " + recoveredMillis[0] + " ms after the database was back");
    assertInvariants(sql, b, applicants);
  }
}
