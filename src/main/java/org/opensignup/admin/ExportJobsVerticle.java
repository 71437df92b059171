package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The export worker, one per process: takes queued export jobs one at a time (woken by
 * {@link Bus#EXPORT_WAKEUP}, and polling every jobs.poll-ms), runs them with {@link ExportJobRunner}
 * and keeps their heartbeat. A job whose worker has not been heard of for jobs.lease-seconds belonged
 * to a dead process: it is marked failed at start and at every poll. On an orderly stop the job under
 * way goes back to the queue.
 */
public final class ExportJobsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ExportJobsVerticle.class);

  private Pool pool;
  private ExportJobs jobs;
  private ExportJobRunner runner;
  private ExportJobs.Settings settings;
  private String worker;
  private int staleSeconds;
  private boolean busy;
  private boolean stopping;
  private Future<Void> current = Future.succeededFuture();
  private long pollTimer = -1;
  private long heartbeatTimer = -1;
  private MessageConsumer<Object> wakeups;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    settings = ExportJobs.Settings.from(config);
    staleSeconds = config.integer("jobs.lease-seconds", 1, 86_400);
    int pollMs = config.integer("jobs.poll-ms", 20, 3_600_000);
    pool = Database.pool(vertx, config);
    jobs = new ExportJobs(pool);
    worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    runner = new ExportJobRunner(vertx, pool, settings, worker, () -> stopping);
    wakeups = vertx.eventBus().consumer(Bus.EXPORT_WAKEUP, m -> poll());
    return jobs.failStale(staleSeconds, settings.keepHours()).onSuccess(n -> {
      if (n > 0) log.warn("{} export job(s) left running by a stopped process marked failed", n);
      pollTimer = vertx.setPeriodic(pollMs, id -> poll());
      // a third of the staleness, as the job leases do
      heartbeatTimer = vertx.setPeriodic(Math.max(200, staleSeconds * 1000L / 3), id -> {
        if (busy) jobs.heartbeat(worker).onFailure(e -> log.warn("export heartbeat: {}", e.getMessage()));
      });
      poll();
    });
  }

  private void poll() {
    if (busy || stopping) return;
    busy = true;
    current = jobs.failStale(staleSeconds, settings.keepHours())
      .compose(n -> jobs.claim(worker))
      .compose(job -> {
        if (job == null) return Future.succeededFuture(false);
        log.info("export job {} ({}) started", job.id(), job.params().getString("format"));
        return runner.run(job).map(true);
      })
      .onComplete(ar -> {
        busy = false;
        // a database that is away is retried by the next poll; said once per poll only at debug level
        if (ar.failed() && org.opensignup.db.Unavailable.is(ar.cause())) log.debug("export worker: {}", ar.cause().getMessage());
        else if (ar.failed()) log.warn("export worker: {}", ar.cause().getMessage());
        else if (ar.result()) poll(); // there may be more queued
      }).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(heartbeatTimer);
    Future<Void> unregistered = wakeups == null ? Future.succeededFuture() : wakeups.unregister();
    // first give the job back (its next write then finds it gone and stops), then wait for the run to end
    Future<Void> requeued = jobs == null ? Future.succeededFuture() : jobs.requeue(worker).recover(e -> Future.succeededFuture());
    // the run notices at its next step; a step that hangs does not hold up the stop for long
    return Future.join(unregistered, requeued)
      .eventually(() -> current.timeout(10, java.util.concurrent.TimeUnit.SECONDS).recover(e -> Future.succeededFuture()))
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
