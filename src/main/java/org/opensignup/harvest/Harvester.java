package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.jobs.JobScheduler;
import org.opensignup.jobs.Schedule;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configured sources on the job scheduler: each fetched source is a job named after it, so
 * its runs are recorded under its name and never overlap; uploads run under the same lease.
 * Also answers the run-history and status questions.
 */
public final class Harvester {
  private final Pool pool;
  private final HarvestSettings settings;
  private final JobScheduler scheduler;
  private final Fetcher fetcher;
  private final Importer importer;

  Harvester(Pool pool, HarvestSettings settings, JobScheduler scheduler, Fetcher fetcher, Importer importer) {
    this.pool = pool;
    this.settings = settings;
    this.scheduler = scheduler;
    this.fetcher = fetcher;
    this.importer = importer;
  }

  /** Registers every source as a job: fetched ones on their schedule, upload-only ones on demand. */
  void registerSources() {
    for (SourceConfig s : settings.sources()) {
      scheduler.register(s.name, s.schedule, () -> harvest(s));
    }
  }

  /** Fetches and imports a source (the job body); a source without a url has nothing to fetch. */
  Future<JsonObject> harvest(SourceConfig s) {
    if (!s.fetched()) return Future.failedFuture(new IllegalStateException("source '" + s.name + "' takes only uploaded files"));
    return fetcher.fetch(s).compose(bytes -> importer.importBytes(s, bytes, s.format));
  }

  /** Runs a configured source (or any registered job) now; fails with BusyException while it runs. */
  public Future<JsonObject> runNow(String name) {
    return scheduler.runNow(name);
  }

  /**
   * Imports an uploaded file for a configured source (its column mapping applies), as a recorded
   * run under the source's lease. format null: the source's format.
   */
  public Future<JsonObject> importUpload(String sourceName, byte[] bytes, SourceConfig.Format format) {
    SourceConfig s = settings.source(sourceName);
    if (s == null) return Future.failedFuture(new IllegalArgumentException("no source named '" + sourceName + "'"));
    return scheduler.runNow(s.name, () -> importer.importBytes(s, bytes, format == null ? s.format : format));
  }

  public SourceConfig source(String name) {
    return settings.source(name);
  }

  /**
   * {@code {sources:[{name, kind, schedule, fetched, lastStatus, lastRunAt, lastFinishedAt, lastError?,
   * failuresInRow, unhealthy, running, lastCounts:{rowsRead, inserted, updated, removed}}],
   * jobs:[same without kind/fetched/unhealthy], unhealthyAfter, unhealthy:[names], healthy}}.
   * A source is unhealthy when its last unhealthyAfter finished runs all failed.
   */
  public Future<JsonObject> status() {
    List<String> sourceNames = settings.sources().stream().map(s -> s.name).toList();
    List<String> jobNames = new ArrayList<>(scheduler.names());
    jobNames.removeAll(sourceNames);
    jobNames.sort(null);
    List<String> all = new ArrayList<>(sourceNames);
    all.addAll(jobNames);
    int depth = Math.max(settings.unhealthyAfter(), 20);
    return pool.preparedQuery(HarvestSql.RUNS_RECENT_PER_SOURCE).execute(Tuple.tuple().addValue(all.toArray(new String[0])).addValue(depth)).map(rows -> {
      Map<String, List<Row>> byName = new LinkedHashMap<>();
      for (Row r : rows) byName.computeIfAbsent(r.getString("source"), k -> new ArrayList<>()).add(r);
      JsonArray sources = new JsonArray();
      JsonArray unhealthy = new JsonArray();
      for (SourceConfig s : settings.sources()) {
        JsonObject o = summary(s.name, byName.getOrDefault(s.name, List.of()))
          .put("kind", s.kind.name().toLowerCase(Locale.ROOT))
          .put("fetched", s.fetched());
        if (s.fetched()) o.put("url", Fetcher.safe(s.url));
        boolean bad = o.getInteger("failuresInRow") >= settings.unhealthyAfter();
        o.put("unhealthy", bad);
        if (bad) unhealthy.add(s.name);
        sources.add(o);
      }
      JsonArray jobs = new JsonArray();
      for (String j : jobNames) jobs.add(summary(j, byName.getOrDefault(j, List.of())));
      return new JsonObject().put("sources", sources).put("jobs", jobs).put("unhealthyAfter", settings.unhealthyAfter())
        .put("unhealthy", unhealthy).put("healthy", unhealthy.isEmpty());
    });
  }

  private JsonObject summary(String name, List<Row> runs) {
    Schedule schedule = scheduler.schedule(name);
    JsonObject o = new JsonObject().put("name", name).put("schedule", schedule == null ? null : schedule.toString());
    boolean running = !runs.isEmpty() && "running".equals(runs.get(0).getString("status"));
    Row last = runs.stream().filter(r -> !"running".equals(r.getString("status"))).findFirst().orElse(null);
    int failures = 0;
    for (Row r : runs) {
      String st = r.getString("status");
      if ("running".equals(st)) continue;
      if (!"failed".equals(st)) break;
      failures++;
    }
    o.put("running", running).put("failuresInRow", failures);
    if (last == null) return o.put("lastStatus", "never");
    o.put("lastStatus", last.getString("status"))
      .put("lastRunAt", text(last.getOffsetDateTime("started_at")))
      .put("lastFinishedAt", text(last.getOffsetDateTime("finished_at")))
      .put("lastCounts", new JsonObject().put("rowsRead", last.getInteger("rows_read")).put("inserted", last.getInteger("inserted"))
        .put("updated", last.getInteger("updated")).put("removed", last.getInteger("removed")));
    if (last.getString("error") != null) o.put("lastError", last.getString("error"));
    return o;
  }

  /** {@code {runs:[{id, source, node, status, startedAt, finishedAt, rowsRead, inserted, updated, removed, error?}]}}. */
  public Future<JsonObject> runs(String source, int limit) {
    return pool.preparedQuery(HarvestSql.RUNS_LIST).execute(Tuple.of(source, Math.max(1, Math.min(limit, 1000)))).map(rows -> {
      JsonArray runs = new JsonArray();
      for (Row r : rows) {
        JsonObject o = new JsonObject().put("id", r.getLong("id")).put("source", r.getString("source")).put("node", r.getString("node"))
          .put("status", r.getString("status")).put("startedAt", text(r.getOffsetDateTime("started_at")))
          .put("finishedAt", text(r.getOffsetDateTime("finished_at"))).put("rowsRead", r.getInteger("rows_read"))
          .put("inserted", r.getInteger("inserted")).put("updated", r.getInteger("updated")).put("removed", r.getInteger("removed"));
        if (r.getString("error") != null) o.put("error", r.getString("error"));
        runs.add(o);
      }
      return new JsonObject().put("runs", runs);
    });
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
