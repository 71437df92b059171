package org.opensignup;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.db.Migrations;
import org.opensignup.dev.EmbeddedPostgresServer;
import org.opensignup.dev.MailSink;
import org.opensignup.harvest.HarvestVerticle;
import org.opensignup.http.HttpVerticle;
import org.opensignup.jobs.JobsVerticle;
import org.opensignup.mail.MailVerticle;
import org.opensignup.redis.SeatsRelayVerticle;
import org.opensignup.signup.SignupVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One OpenSignup process: embedded development services where nothing else is configured, the
 * schema migrated, and the four verticles deployed. Blocking start and stop, called from main
 * or a test thread, never from an event loop.
 */
public final class Application implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final AppConfig config;
  private final Vertx vertx;
  private final EmbeddedPostgresServer postgres;
  private final MailSink mailSink;

  private Application(AppConfig config, Vertx vertx, EmbeddedPostgresServer postgres, MailSink mailSink) {
    this.config = config;
    this.vertx = vertx;
    this.postgres = postgres;
    this.mailSink = mailSink;
  }

  public static Application start(AppConfig config) {
    EmbeddedPostgresServer postgres = null;
    MailSink sink = null;
    Vertx vertx = null;
    try {
      if (config.embeddedDatabase()) {
        Path dir = Path.of(config.string("db.embedded-dir"));
        int port = config.integer("db.embedded-port", 0, 65535);
        postgres = startEmbeddedPostgres(dir, port);
        config = config.with("db.url", postgres.url()).with("db.user", "postgres").with("db.password", "");
      }
      if (config.embeddedMail()) {
        sink = startMailSink(config.integer("mail.sink.port", 0, 65535));
        config = config.with("mail.smtp.host", "127.0.0.1").with("mail.smtp.port", String.valueOf(sink.port()))
          .with("mail.smtp.starttls", "NONE");
      }
      migrate(config);
      if (config.bool("db.demo-data")) Migrations.loadDemoDataIfEmpty(config);

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setEnabled(true);
      for (String category : config.list("metrics.disabled")) metrics.addDisabledMetricsCategory(category);
      VertxOptions options = new VertxOptions().setMetricsOptions(metrics);
      vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
      Shared.put(vertx, Shared.METRICS, registry);
      if (sink != null) Shared.put(vertx, Shared.MAIL_SINK, sink);
      // the process holds the first handle on the shared pool, so undeploying one verticle never
      // closes the pool under the others
      Database.pool(vertx, config);

      Application app = new Application(config, vertx, postgres, sink);
      await(app.deployAll(), "deploying the verticles");
      return app;
    } catch (RuntimeException e) {
      closeQuietly(vertx, sink, postgres);
      throw e instanceof StartupException ? e : new StartupException(describe(e, config), e);
    }
  }

  private Future<?> deployAll() {
    // HTTP last: once the port is open, everything behind it is ready.
    return deploy(SignupVerticle.class, config.instances("signup"))
      .compose(v -> deploy(MailVerticle.class, config.instances("mail")))
      .compose(v -> deploy(HarvestVerticle.class, config.instances("harvest")))
      .compose(v -> deploy(JobsVerticle.class, 1)) // once per process: leases make each tick run once across processes
      .compose(v -> config.isSet("redis.url") ? deploy(SeatsRelayVerticle.class, 1) : Future.succeededFuture()) // seat changes across nodes
      .compose(v -> deploy(HttpVerticle.class, config.httpInstances()));
  }

  private Future<String> deploy(Class<? extends io.vertx.core.Deployable> verticle, int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()).setInstances(instances));
  }

  private static EmbeddedPostgresServer startEmbeddedPostgres(Path dir, int port) {
    try {
      return EmbeddedPostgresServer.start(dir, port);
    } catch (Exception e) {
      throw new StartupException("embedded PostgreSQL could not start (data in " + dir + ", port " + port
        + "; is another OpenSignup running? set db.embedded-port or OPENSIGNUP_DB_URL): " + rootMessage(e), e);
    }
  }

  private static MailSink startMailSink(int port) {
    try {
      return MailSink.start(port);
    } catch (RuntimeException e) {
      throw new StartupException("embedded SMTP sink could not listen on 127.0.0.1:" + port
        + " (set mail.sink.port, or mail.smtp.host for a real relay): " + rootMessage(e), e);
    }
  }

  private static void migrate(AppConfig config) {
    try {
      Migrations.migrate(config);
    } catch (RuntimeException e) {
      throw new StartupException("database " + config.string("db.url") + " is not usable: " + rootMessage(e), e);
    }
  }

  private static String describe(Throwable e, AppConfig config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "http.port " + config.httpPort() + " on " + config.httpHost() + " is already in use (set OPENSIGNUP_HTTP_PORT)";
      }
    }
    return "start-up failed: " + rootMessage(e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " took longer than 120 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted");
    }
  }

  public AppConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public boolean usesEmbeddedDatabase() {
    return postgres != null;
  }

  /** The development SMTP sink, or null when a real relay is configured. */
  public MailSink mailSink() {
    return mailSink;
  }

  @Override
  public void close() {
    closeQuietly(vertx, mailSink, postgres);
  }

  private static void closeQuietly(Vertx vertx, MailSink sink, EmbeddedPostgresServer postgres) {
    if (vertx != null) {
      try {
        await(vertx.close(), "stopping Vert.x");
      } catch (RuntimeException e) {
        log.warn("stopping Vert.x: {}", e.getMessage());
      }
    }
    if (sink != null) sink.close();
    if (postgres != null) {
      try {
        postgres.close();
      } catch (Exception e) {
        log.warn("stopping embedded PostgreSQL: {}", e.getMessage());
      }
    }
  }
}
