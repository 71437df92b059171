package org.opensignup.jobs;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.SeatCommand;
import org.opensignup.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs named jobs on schedules, once per tick across every instance and node sharing the database.
 * A job's row in job_lease is the lock: a node takes the lease only if it is free and the tick it
 * read is still the latest ({@code last_tick} compare-and-set), renews it while the job runs (so an
 * overrunning job is never started twice) and releases it at the end with {@code last_tick = now()},
 * from which the next tick is computed. Runs are recorded in harvest_run unless registered unrecorded.
 *
 * <p><b>Holder and fencing.</b> Each run claims the lease under a holder of its own:
 * {@code "<pid>@<host>/<8 hex>#<n>"}, that is {@link #id()} (the JVM's name plus a random suffix drawn
 * when this scheduler is created, so no two schedulers share it) and the number of the claim on this
 * scheduler. While the run goes on, {@code job_lease.holder} is that text and {@code lease_until} lies
 * in the future (renewed every third of the lease). A run that was too slow to renew, whose lease was
 * taken over, or that has ended (released, holder NULL) no longer matches, and no later run matches an
 * earlier run's holder. {@link #fence(String)} hands the pair (job, holder) to the run's writes: each
 * write transaction first checks it ({@link #checkLease}: {@code SELECT 1 FROM job_lease WHERE job = $1
 * AND holder = $2 AND lease_until > clock_timestamp() FOR SHARE}) and writes nothing when the row is
 * gone; the share lock makes a takeover wait for that commit instead of overlapping it.
 *
 * <p>A job is a {@code Supplier<Future<JsonObject>>}; its result may carry the counts
 * {@code rowsRead, inserted, updated, removed} for the run record. Create one scheduler per verticle
 * instance in {@code start()}, register jobs, call {@link #start()}, and {@link #stop()} in {@code stop()};
 * use it from that verticle's context only.
 */
public final class JobScheduler {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  private static final int MAX_ERROR = 2000;

  /** A job's write found that its run no longer holds the lease: it wrote nothing, and the run stops. */
  public static final class LeaseLostException extends RuntimeException {
    public LeaseLostException(SeatCommand.Fence fence) {
      super("job '" + fence.job() + "' lost its lease (holder " + fence.holder() + "); nothing more written");
    }
  }

  /** Thrown (as a failed future) by {@link #runNow} when another run of the job holds the lease. */
  public static final class BusyException extends RuntimeException {
    public BusyException(String job) {
      super("job '" + job + "' is running elsewhere");
    }
  }

  /** {@code recorded}: each run gets a harvest_run row (frequent housekeeping ticks go unrecorded). */
  private record Job(String name, Schedule schedule, Supplier<Future<JsonObject>> work, boolean recorded) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Duration poll;
  private final Duration lease;
  private final String id;
  private long runCount;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Future<JsonObject>> running = new HashMap<>();
  /** The holder (fence) of each run in progress on this scheduler. */
  private final Map<String, String> holders = new HashMap<>();
  private final Map<String, Long> runIds = new HashMap<>();
  private long pollTimer = -1;
  private boolean polling;
  /** The poll in progress (reading leases, claiming ticks); stop() waits for it. */
  private Future<?> currentPoll = Future.succeededFuture();
  private boolean stopped;

  public JobScheduler(Vertx vertx, Pool pool, Duration poll, Duration lease) {
    if (lease.toMillis() < 300) throw new IllegalArgumentException("lease must be at least 300 ms");
    this.vertx = vertx;
    this.pool = pool;
    this.poll = poll;
    this.lease = lease;
    this.id = nodeName() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A scheduler with jobs.poll-ms and jobs.lease-seconds from the configuration. */
  public static JobScheduler create(Vertx vertx, Pool pool, AppConfig config) {
    JobsSettings s = JobsSettings.from(config);
    return new JobScheduler(vertx, pool, s.poll(), s.lease());
  }

  /** Registers a job run every {@code interval} (measured from the end of the previous run). */
  public JobScheduler register(String name, Duration interval, Supplier<Future<JsonObject>> job) {
    return register(name, Schedule.every(interval), job);
  }

  /** Registers a job; a name is unique per scheduler and at most 60 characters (it names the runs). */
  public JobScheduler register(String name, Schedule schedule, Supplier<Future<JsonObject>> job) {
    return register(name, schedule, job, true);
  }

  /** Registers a job whose runs are not recorded in harvest_run (a failure is only logged). */
  public JobScheduler registerUnrecorded(String name, Schedule schedule, Supplier<Future<JsonObject>> job) {
    return register(name, schedule, job, false);
  }

  private synchronized JobScheduler register(String name, Schedule schedule, Supplier<Future<JsonObject>> job, boolean recorded) {
    if (name == null || name.isBlank() || name.length() > 60) throw new IllegalArgumentException("job name must have 1 to 60 characters: '" + name + "'");
    if (jobs.containsKey(name)) throw new IllegalArgumentException("job '" + name + "' is registered twice");
    jobs.put(name, new Job(name, schedule, job, recorded));
    if (pollTimer >= 0) ensureRow(jobs.get(name));
    return this;
  }

  public synchronized Set<String> names() {
    return Set.copyOf(jobs.keySet());
  }

  public synchronized Schedule schedule(String name) {
    Job job = jobs.get(name);
    return job == null ? null : job.schedule();
  }

  /** This scheduler's name, the first part of every holder it writes (see the class comment). */
  public String id() {
    return id;
  }

  /**
   * The fence of the run of {@code job} now in progress on this scheduler, for the run's writes to
   * check; call it from the job's work (the supplier), when the run has started.
   */
  public SeatCommand.Fence fence(String job) {
    String holder = holders.get(job);
    if (holder == null) throw new IllegalStateException("job '" + job + "' is not running on this scheduler");
    return new SeatCommand.Fence(job, holder);
  }

  /** A new holder for a run about to claim a lease: unique per run, so a stale run never passes a later run's fence. */
  private String nextHolder() {
    return id + "#" + (++runCount);
  }

  /** How long a claimed or renewed lease lasts. */
  public Duration lease() {
    return lease;
  }

  /**
   * Run first in a job's write transaction: succeeds while {@code fence} still holds its lease and keeps
   * the lease row share-locked until commit; fails with {@link LeaseLostException} otherwise, which
   * rolls the transaction back. A null fence (an unscheduled run, e.g. a tool or test) is not checked.
   */
  public static Future<Void> checkLease(SqlConnection conn, SeatCommand.Fence fence) {
    if (fence == null) return Future.succeededFuture();
    return conn.preparedQuery(JobsSql.LEASE_HELD).execute(Tuple.of(fence.job(), fence.holder()))
      .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(new LeaseLostException(fence)));
  }

  /** Makes sure every job has its lease row and starts polling. */
  public Future<Void> start() {
    stopped = false;
    List<Future<?>> ensured = new ArrayList<>();
    for (Job job : List.copyOf(jobs.values())) ensured.add(ensureRow(job));
    return Future.all(ensured).onSuccess(v -> {
      if (!stopped) pollTimer = vertx.setPeriodic(poll.toMillis(), id -> poll());
    }).mapEmpty();
  }

  /**
   * Stops polling and waits (up to a lease period, at least 5 s) for runs of this instance to end;
   * a run still going then is recorded as failed and its lease freed without recording the tick,
   * so another node runs it again instead of waiting for the lease to lapse.
   */
  public Future<Void> stop() {
    stopped = true;
    if (pollTimer >= 0) vertx.cancelTimer(pollTimer);
    pollTimer = -1;
    // a claim in flight may still start a run: let the poll settle first
    return currentPoll.otherwiseEmpty().compose(p -> {
      List<Future<?>> inFlight = new ArrayList<>();
      running.values().forEach(f -> inFlight.add(f.otherwiseEmpty()));
      if (inFlight.isEmpty()) return Future.<Void>succeededFuture();
      long grace = Math.max(lease.toMillis(), 5000);
      return Future.join(inFlight).<Void>mapEmpty().timeout(grace, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(timeout -> abandonRunning());
    });
  }

  private Future<Void> abandonRunning() {
    List<Future<?>> abandoned = new ArrayList<>();
    for (String name : List.copyOf(running.keySet())) {
      log.warn("job {}: stopping while it runs; its lease is freed for another node", name);
      Long runId = runIds.get(name);
      abandoned.add(pool.preparedQuery(JobsSql.LEASE_ABANDON).execute(Tuple.of(name, holders.get(name)))
        .compose(v -> runId == null ? Future.succeededFuture() : pool.preparedQuery(JobsSql.RUN_ABANDON).execute(Tuple.of(runId))));
    }
    return Future.join(abandoned).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Runs a registered job now, whatever its schedule; fails with {@link BusyException} if it is running. */
  public Future<JsonObject> runNow(String name) {
    Job job;
    synchronized (this) {
      job = jobs.get(name);
    }
    if (job == null) return Future.failedFuture(new IllegalArgumentException("no job named '" + name + "'"));
    return runNow(name, job.work());
  }

  /**
   * Runs {@code work} under the named job's lease (e.g. an uploaded file for a source), so it never
   * overlaps a scheduled run of that job; recorded as a run of the job.
   */
  public Future<JsonObject> runNow(String name, Supplier<Future<JsonObject>> work) {
    if (stopped) return Future.failedFuture(new IllegalStateException("the scheduler is stopping"));
    if (running.containsKey(name)) return Future.failedFuture(new BusyException(name));
    String holder = nextHolder();
    return pool.preparedQuery(JobsSql.LEASE_ENSURE).execute(Tuple.of(name, false))
      .compose(v -> pool.preparedQuery(JobsSql.LEASE_CLAIM_NOW).execute(Tuple.of(name, holder, seconds(lease))))
      .compose(rows -> {
        if (rows.rowCount() == 0 || running.containsKey(name)) return Future.failedFuture(new BusyException(name));
        Job job;
        synchronized (this) {
          job = jobs.get(name);
        }
        return execute(name, holder, work, job == null || job.recorded());
      });
  }

  private Future<?> ensureRow(Job job) {
    return pool.preparedQuery(JobsSql.LEASE_ENSURE).execute(Tuple.of(job.name(), job.schedule().dueAtStart()))
      .onFailure(e -> log.warn("job {}: cannot create its lease row: {}", job.name(), e.getMessage()));
  }

  private void poll() {
    if (polling || stopped) return;
    List<String> candidates = new ArrayList<>();
    synchronized (this) {
      for (Job job : jobs.values()) {
        if (!(job.schedule() instanceof Schedule.Never) && !running.containsKey(job.name())) candidates.add(job.name());
      }
    }
    if (candidates.isEmpty()) return;
    polling = true;
    currentPoll = pool.preparedQuery(JobsSql.LEASE_READ).execute(Tuple.tuple().addValue(candidates.toArray(new String[0])))
      .compose(rows -> {
        List<Future<?>> claims = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Row row : rows) {
          String name = row.getString("job");
          seen.add(name);
          Job job;
          synchronized (this) {
            job = jobs.get(name);
          }
          OffsetDateTime last = row.getOffsetDateTime("last_tick");
          Instant now = row.getOffsetDateTime("db_now").toInstant();
          if (!row.getBoolean("free") || !isDue(job.schedule(), last, now)) continue;
          claims.add(claimTick(job, last));
        }
        for (String name : candidates) {
          if (!seen.contains(name)) claims.add(ensureRow(jobs.get(name)));
        }
        return Future.join(claims);
      })
      .onFailure(e -> log.warn("job poll failed: {}", e.getMessage()))
      .onComplete(ar -> polling = false);
  }

  static boolean isDue(Schedule schedule, OffsetDateTime lastTick, Instant now) {
    if (lastTick == null) return true;
    Instant next = schedule.next(lastTick.toInstant());
    return next != null && !next.isAfter(now);
  }

  private Future<?> claimTick(Job job, OffsetDateTime lastTick) {
    String holder = nextHolder();
    return pool.preparedQuery(JobsSql.LEASE_CLAIM_TICK).execute(Tuple.of(job.name(), holder, seconds(lease), lastTick))
      .compose(rows -> {
        if (rows.rowCount() == 0 || stopped || running.containsKey(job.name())) {
          // another node took this tick; if we did claim but are stopping, give it back untaken
          if (rows.rowCount() > 0 && !running.containsKey(job.name())) {
            return pool.preparedQuery(JobsSql.LEASE_ABANDON).execute(Tuple.of(job.name(), holder));
          }
          return Future.succeededFuture();
        }
        execute(job.name(), holder, job.work(), job.recorded());
        return Future.succeededFuture();
      });
  }

  /** Runs work while holding the lease: records the run (if wanted), renews the lease, releases it at the end. */
  private Future<JsonObject> execute(String name, String holder, Supplier<Future<JsonObject>> work, boolean recorded) {
    Promise<JsonObject> done = Promise.promise();
    running.put(name, done.future());
    holders.put(name, holder);
    long renewEvery = Math.max(100, lease.toMillis() / 3);
    long renewTimer = vertx.setPeriodic(renewEvery, id -> pool.preparedQuery(JobsSql.LEASE_RENEW)
      .execute(Tuple.of(name, holder, seconds(lease)))
      .onSuccess(rows -> {
        if (rows.rowCount() == 0) log.warn("job {}: lease lost while running (renewal came too late); its writes are refused", name);
      })
      .onFailure(e -> log.warn("job {}: renewing the lease failed: {}", name, e.getMessage())));
    Future<JsonObject> ran;
    if (recorded) {
      ran = pool.preparedQuery(JobsSql.RUN_START).execute(Tuple.of(name, holder)).compose(rows -> {
        long runId = rows.iterator().next().getLong("id");
        runIds.put(name, runId);
        return call(work).transform(ar -> finish(name, runId, ar.succeeded() ? ar.result() : null, ar.cause()));
      });
    } else {
      ran = call(work).onFailure(e -> log.warn("job {} failed: {}", name, errorText(e)));
    }
    ran.eventually(() -> {
        vertx.cancelTimer(renewTimer);
        return pool.preparedQuery(JobsSql.LEASE_RELEASE).execute(Tuple.of(name, holder))
          .onFailure(e -> log.warn("job {}: releasing the lease failed (it lapses by itself): {}", name, e.getMessage()));
      })
      .onComplete(ar -> {
        running.remove(name);
        holders.remove(name);
        runIds.remove(name);
        done.handle(ar);
      });
    return done.future();
  }

  private static Future<JsonObject> call(Supplier<Future<JsonObject>> work) {
    try {
      Future<JsonObject> f = work.get();
      return f == null ? Future.succeededFuture(new JsonObject()) : f.map(r -> r == null ? new JsonObject() : r);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<JsonObject> finish(String name, long runId, JsonObject result, Throwable failure) {
    JsonObject r = result == null ? new JsonObject() : result;
    String status = failure == null ? "ok" : "failed";
    String error = failure == null ? null : errorText(failure);
    if (failure != null) log.warn("job {} failed: {}", name, error);
    Tuple t = Tuple.of(runId, status, count(r, "rowsRead"), count(r, "inserted"), count(r, "updated"), count(r, "removed"))
      .addString(error);
    return pool.preparedQuery(JobsSql.RUN_FINISH).execute(t).map(rows -> {
      Row row = rows.iterator().next();
      JsonObject summary = r.copy().put("runId", runId).put("job", name).put("status", status)
        .put("rowsRead", count(r, "rowsRead")).put("inserted", count(r, "inserted"))
        .put("updated", count(r, "updated")).put("removed", count(r, "removed"))
        .put("startedAt", row.getOffsetDateTime("started_at").toString())
        .put("finishedAt", row.getOffsetDateTime("finished_at").toString());
      if (error != null) summary.put("error", error);
      return summary;
    });
  }

  private static int count(JsonObject r, String key) {
    Object v = r.getValue(key);
    return v instanceof Number n ? n.intValue() : 0;
  }

  /** A failure as one bounded line for run records and logs. */
  public static String errorText(Throwable t) {
    String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    return m.length() > MAX_ERROR ? m.substring(0, MAX_ERROR) + "…" : m;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String nodeName() {
    String n = ManagementFactory.getRuntimeMXBean().getName();
    return n.length() > 40 ? n.substring(0, 40) : n;
  }
}
