package org.opensignup.storm;

import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Migrations;
import org.opensignup.dev.EmbeddedPostgresServer;
import org.opensignup.dev.MailSink;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The signup storm: the first minute after a signup window opens, measured. Starts a durable embedded
 * PostgreSQL, an SMTP sink and the server as its own process on loopback, fires the burst, prints
 * throughput, latency percentiles, peak memory and the ratios to the plain one-transaction-per-signup
 * rate and to the hello route, then checks the invariants. Exits non-zero when one is broken.
 *
 * <pre>java -cp target/opensignup-dev.jar org.opensignup.storm.SignupStorm [--applicants=10000] [--courses=40] [--connections=1000] ...</pre>
 */
public final class SignupStorm {
  private SignupStorm() {}

  public static void main(String[] args) throws Exception {
    int code = run(StormOptions.parse(args), System.out);
    System.exit(code);
  }

  /** Runs one storm and returns the number of broken invariants. */
  public static int run(StormOptions o, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("opensignup-storm");
    Vertx vertx = Vertx.vertx();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0); MailSink sink = MailSink.start(0)) {
      String stormUrl = database(pg, "storm");
      String baselineUrl = database(pg, "baseline");
      for (String url : List.of(stormUrl, baselineUrl)) {
        AppConfig c = AppConfig.withOverrides(Map.of("db.url", url, "db.user", "postgres"));
        Migrations.migrate(c);
        StormData.load(jdbc(url), o);
      }
      exec(jdbc(baselineUrl), "UPDATE course SET seats = 1000000");

      out.printf("OpenSignup signup storm: %d applicants, %d courses of %d seats, %d connections, %.0f%% sign up twice%n",
        o.applicants(), o.courses(), o.seatsPerCourse(), o.connections(), o.secondSignupShare() * 100);
      out.printf("machine: %d cores; PostgreSQL %s on loopback (fsync on, synchronous_commit on)%n",
        Runtime.getRuntime().availableProcessors(), query(jdbc(stormUrl), "SHOW server_version"));

      List<Baseline.Rate> rates = o.baselineSignups() == 0 ? List.of()
        : Baseline.measure(vertx, baselineUrl, o.courses(), o.baselineSignups(), new int[] {16, 8, 32, 64});
      double best = rates.stream().mapToDouble(Baseline.Rate::perSecond).max().orElse(0);

      int port = freePort();
      Map<String, String> env = new TreeMap<>(Map.of(
        "OPENSIGNUP_DB_URL", stormUrl, "OPENSIGNUP_DB_USER", "postgres", "OPENSIGNUP_DB_DEMO_DATA", "false",
        "OPENSIGNUP_HTTP_INSTANCES", String.valueOf(o.serverHttpInstances()),
        "OPENSIGNUP_SIGNUP_INSTANCES", String.valueOf(o.serverSignupInstances()),
        "OPENSIGNUP_DB_POOL_SIZE", String.valueOf(o.dbPoolSize()),
        "OPENSIGNUP_MAIL_SMTP_HOST", "127.0.0.1", "OPENSIGNUP_MAIL_SMTP_PORT", String.valueOf(sink.port()),
        "OPENSIGNUP_MAIL_SMTP_STARTTLS", "NONE", "OPENSIGNUP_LOG_LEVEL", "WARN"));
      env.put("OPENSIGNUP_MAIL_TRANSACTIONAL_PER_SECOND", String.valueOf(o.mailsPerSecond()));
      // /metrics exists on the main port only with a token; the storm reads its batch figures there
      String metricsToken = java.util.UUID.randomUUID().toString();
      env.put("OPENSIGNUP_METRICS_TOKEN", metricsToken);
      o.serverSettings().forEach((k, v) -> env.put(AppConfig.envName(k), v));
      out.printf("server: own JVM (heap %s), %d HTTP + %d signup verticle instances, pool %d connections, relay %d mails/s%s%n",
        o.serverHeap(), o.serverHttpInstances(), o.serverSignupInstances(), o.dbPoolSize(), o.mailsPerSecond(),
        o.serverSettings().isEmpty() ? "" : ", " + o.serverSettings());

      Burst.Result burst;
      Burst.Result warmup;
      double hello;
      double catalogue;
      long rss;
      double mailSeconds;
      String batches;
      try (StormServer server = StormServer.start(env, port, o.serverHeap())) {
        int routeConnections = Math.min(o.connections(), 256);
        // warm-up: the JIT of server and client first sees these routes here, not in the measured runs
        Burst.routeRate(vertx, port, "/hello", routeConnections, 2);
        Burst.routeRate(vertx, port, "/api/courses", routeConnections, 2);
        warmup = Burst.signups(vertx, port, o, new Burst.Plan(Math.min(2000, Math.max(50, o.applicants() / 5)),
          StormData.WARMUP_FIRST_COURSE, StormData.WARMUP_COURSES, "warmup"));
        hello = Burst.routeRate(vertx, port, "/hello", routeConnections, o.routeSeconds());
        catalogue = Burst.routeRate(vertx, port, "/api/courses", routeConnections, o.routeSeconds());
        long burstStart = System.nanoTime();
        burst = Burst.signups(vertx, port, o, new Burst.Plan(o.applicants(), 1, o.courses(), "applicant"));
        batches = batchFigures(port, metricsToken);
        mailSeconds = awaitOutboxDrained(jdbc(stormUrl), burstStart, 300);
        rss = server.peakRssMiB();
      }

      double seconds = burst.elapsedNanos() / 1e9;
      long accepted = burst.byStatus().getOrDefault(201, 0) + burst.byStatus().getOrDefault(200, 0);
      Histogram h = burst.latency();
      out.println();
      out.printf("burst:    %d requests (%d retries) in %.2f s = %.0f requests/s%n", burst.requests(), burst.retries(), seconds, burst.requests() / seconds);
      out.printf("signups:  %d accepted (%d confirmed, the rest waiting) = %.0f accepted/s, %.0f confirmed/s%n",
        accepted, burst.confirmed(), accepted / seconds, burst.confirmed() / seconds);
      out.printf("latency:  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (final answer, retries included)%n",
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
      out.printf("answers:  %s; transport errors %d%n", burst.byStatus().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> (e.getKey() < 0 ? "gave up" : e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", ")), burst.transportErrors());
      out.printf("batches:  %s%n", batches);
      out.printf("memory:   server peak RSS %d MiB%n", rss);
      out.printf("mail:     every mail in the sink %.1f s after the burst began%n", mailSeconds);
      out.printf("baseline: one transaction per signup through the pg client: %s%n", rates.stream()
        .sorted(Comparator.comparingInt(Baseline.Rate::concurrency))
        .map(r -> String.format("%d conns %.0f/s", r.concurrency(), r.perSecond())).collect(Collectors.joining(", ")));
      out.printf("routes:   hello %.0f req/s, catalogue (/api/courses) %.0f req/s%n", hello, catalogue);
      out.println();
      out.printf("HEADLINE  accepted signups %.2f x one-transaction-per-signup (%.0f/s vs %.0f/s); catalogue %.2f x hello; p99 %.0f ms; peak RSS %d MiB%n",
        best == 0 ? 0 : accepted / seconds / best, accepted / seconds, best, catalogue / hello, ms(h.getValueAtPercentile(99)), rss);

      Invariants inv = new Invariants(jdbc(stormUrl));
      List<Burst.Answer> answers = new java.util.ArrayList<>(warmup.answers());
      answers.addAll(burst.answers());
      inv.checkDatabase(answers);
      inv.record("no 5xx answers (other than 503s retried)", burst.byStatus().keySet().stream().noneMatch(s -> s >= 500 && s != 503)
        && warmup.byStatus().keySet().stream().noneMatch(s -> s >= 500 && s != 503), burst.byStatus() + " " + warmup.byStatus());
      inv.record("no request gave up", !burst.byStatus().containsKey(-1) && !burst.byStatus().containsKey(503), burst.byStatus().toString());
      if (!Double.isNaN(mailSeconds)) inv.checkMails(sink.greenMail().getReceivedMessages());
      else inv.record("the outbox drained", false, "mails still pending after 300 s");
      out.println("invariants:");
      inv.checked().forEach(out::println);
      out.println(inv.broken().isEmpty() ? "all invariants hold" : inv.broken().size() + " invariant(s) BROKEN");
      return inv.broken().size();
    } finally {
      Burst.await(vertx.close(), 30);
      deleteQuietly(dir);
    }
  }

  /** Mean signups per batch transaction and mean batch time, from the server's own metrics. */
  private static String batchFigures(int port, String token) {
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
          .header("Authorization", "Bearer " + token).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      double count = metric(metrics, "opensignup_signup_batch_size_count");
      double sum = metric(metrics, "opensignup_signup_batch_size_sum");
      double seconds = metric(metrics, "opensignup_signup_batch_time_seconds_sum");
      return String.format("%.0f batch transactions, %.1f signups each on average, %.1f ms each on average (warm-up included)",
        count, sum / count, seconds * 1000 / count);
    } catch (Exception e) {
      return "(no batch metrics: " + e.getMessage() + ")";
    }
  }

  private static double metric(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static double awaitOutboxDrained(String jdbc, long since, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if ("0".equals(query(jdbc, "SELECT count(*) FROM mail_outbox WHERE state = 'pending'"))) return (System.nanoTime() - since) / 1e9;
      Thread.sleep(200);
    }
    return Double.NaN;
  }

  private static String database(EmbeddedPostgresServer pg, String name) throws Exception {
    exec(jdbc(pg.url()), "CREATE DATABASE " + name);
    return pg.url().substring(0, pg.url().lastIndexOf('/') + 1) + name;
  }

  static String jdbc(String url) {
    return "jdbc:" + url.replaceFirst("^postgres(ql)?://", "postgresql://");
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String query(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a temp directory; the OS cleans up what is left
    }
  }
}
