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
import io.vertx.sqlclient.Pool;
import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;
import org.opensignup.db.Database;
import org.opensignup.db.Migrations;
import org.opensignup.harvest.HarvestVerticle;
import org.opensignup.http.HttpVerticle;
import org.opensignup.jobs.JobsVerticle;
import org.opensignup.http.ManagementVerticle;
import org.opensignup.mail.MailVerticle;
import org.opensignup.redis.SeatsRelayVerticle;
import org.opensignup.signup.SignupVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One OpenSignup process: the schema migrated and the verticles deployed; in the development jar
 * also the embedded services ({@link DevParts}). Blocking start and stop, called from main or a
 * test thread, never from an event loop.
 *
 * <p>Stop runs in an order that loses nothing: readiness answers 503, HTTP stops accepting (open
 * requests finish), the verticles that create work stop, the signup queues drain, mails in flight
 * are sent and marked, and only then is the shared pool closed.
 */
public final class Application implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  /** When a group of verticles is undeployed on stop, in this order. */
  private enum Stage { HTTP, FEEDERS, SIGNUP, MAIL }

  private final AppConfig config;
  private final Vertx vertx;
  private final Pool pool;
  private final DevParts dev;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<Stage, List<String>> deployments = new EnumMap<>(Stage.class);

  private Application(AppConfig config, Vertx vertx, Pool pool, DevParts dev) {
    this.config = config;
    this.vertx = vertx;
    this.pool = pool;
    this.dev = dev;
  }

  public static Application start(AppConfig config) {
    DevParts dev = DevParts.find().orElse(null);
    if (dev == null) requireProductionSettings(config);
    config.integer("http.drain-millis", 0, 600_000);
    if (config.isSet("metrics.port")) config.integer("metrics.port", 0, 65535);
    Vertx vertx = null;
    try {
      if (dev != null) config = dev.startServices(config);
      migrate(config);
      // demo courses only in development: a production database stays as the operator made it
      if (dev != null && config.bool("db.demo-data")) Migrations.loadDemoDataIfEmpty(config, org.opensignup.auth.TagHasher.from(config)::hash);

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setEnabled(true);
      for (String category : config.list("metrics.disabled")) metrics.addDisabledMetricsCategory(category);
      VertxOptions options = new VertxOptions().setMetricsOptions(metrics);
      vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
      Shared.put(vertx, Shared.METRICS, registry);
      if (dev != null) Shared.put(vertx, Shared.DEV_PARTS, dev);
      // the process holds the first handle on the shared pool and closes it last, after every
      // verticle that writes (mail marks included) has stopped
      Pool pool = Database.pool(vertx, config);

      Application app = new Application(config, vertx, pool, dev);
      Shared.put(vertx, Shared.STOPPING, app.stopping);
      await(app.deployAll(), "deploying the verticles");
      return app;
    } catch (RuntimeException e) {
      closeQuietly(vertx, dev);
      throw e instanceof StartupException ? e : new StartupException(describe(e, config), e);
    }
  }

  /** Without the development parts nothing stands in for a missing database or relay. */
  private static void requireProductionSettings(AppConfig config) {
    List<String> missing = new ArrayList<>();
    if (!config.isSet("db.url")) missing.add("db.url");
    if (!config.isSet("mail.smtp.host")) missing.add("mail.smtp.host");
    if (!missing.isEmpty()) {
      throw new ConfigException(missing, "not set; the production jar needs a PostgreSQL and an SMTP relay"
        + " (the embedded ones are only in opensignup-dev.jar)");
    }
    // matriculation numbers hashed with the published development key could be recovered by anyone
    if (!config.isSet("security.tag-hash-key")) {
      throw new ConfigException("security.tag-hash-key", "not set; the production jar needs its own secret key for hashing"
        + " matriculation numbers (e.g. 64 random hex digits, from the environment or a local file)");
    }
  }

  private Future<?> deployAll() {
    // HTTP last: once the port is open, everything behind it is ready.
    return deploy(SignupVerticle.class, config.instances("signup"), Stage.SIGNUP)
      .compose(v -> deploy(MailVerticle.class, config.instances("mail"), Stage.MAIL))
      .compose(v -> deploy(HarvestVerticle.class, config.instances("harvest")))
      .compose(v -> deploy(JobsVerticle.class, 1)) // once per process: leases make each tick run once across processes
      .compose(v -> config.isSet("redis.url") ? deploy(SeatsRelayVerticle.class, 1) : Future.succeededFuture()) // seat changes across nodes
      .compose(v -> config.isSet("metrics.port") ? deploy(ManagementVerticle.class, 1, Stage.HTTP) : Future.succeededFuture())
      .compose(v -> deploy(HttpVerticle.class, config.httpInstances(), Stage.HTTP));
  }

  /** A verticle that creates work (jobs, imports, relays): stopped after HTTP, before signup and mail. */
  private Future<String> deploy(Class<? extends io.vertx.core.Deployable> verticle, int instances) {
    return deploy(verticle, instances, Stage.FEEDERS);
  }

  private Future<String> deploy(Class<? extends io.vertx.core.Deployable> verticle, int instances, Stage stage) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()).setInstances(instances))
      .onSuccess(id -> {
        synchronized (deployments) {
          deployments.computeIfAbsent(stage, s -> new ArrayList<>()).add(id);
        }
      });
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

  /** The development parts in use, or null in the production jar. */
  public DevParts devParts() {
    return dev;
  }

  /** True once stop has begun: readiness answers 503 from then on. */
  public boolean stopping() {
    return stopping.get();
  }

  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) return;
    long drain = config.integer("http.drain-millis", 0, 600_000);
    if (drain > 0) {
      // readiness is 503 now; give the balancer time to see it before the port closes
      log.info("stopping: readiness reports 503, HTTP closes in {} ms", drain);
      try {
        Thread.sleep(drain);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Stage stage : Stage.values()) {
      List<String> ids;
      synchronized (deployments) {
        ids = new ArrayList<>(deployments.getOrDefault(stage, List.of()));
      }
      List<Future<?>> undeploying = new ArrayList<>();
      for (String id : ids) undeploying.add(vertx.undeploy(id));
      long began = System.nanoTime();
      try {
        await(Future.join(undeploying), "stopping " + stage);
        log.info("stop: {} stopped in {} ms", stage, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      } catch (RuntimeException e) {
        log.warn("stopping {}: {}", stage, e.getMessage());
      }
    }
    try {
      await(pool.close(), "closing the database pool");
    } catch (RuntimeException e) {
      log.warn("closing the database pool: {}", e.getMessage());
    }
    closeQuietly(vertx, dev);
  }

  private static void closeQuietly(Vertx vertx, DevParts dev) {
    if (vertx != null) {
      try {
        await(vertx.close(), "stopping Vert.x");
      } catch (RuntimeException e) {
        log.warn("stopping Vert.x: {}", e.getMessage());
      }
    }
    if (dev != null) dev.close();
  }
}
