package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.TagHasher;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.jobs.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Runs the configured imports on a {@link JobScheduler}, and answers the harvest addresses of
 * {@link Bus}. Rules live in {@link Harvester} and {@link Importer}.
 */
public final class HarvestVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HarvestVerticle.class);

  private Pool pool;
  private HttpClient client;
  private JobScheduler scheduler;
  private Harvester harvester;
  private long maxBytes;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    HarvestSettings settings = HarvestSettings.from(config);
    pool = Database.pool(vertx, config);
    client = vertx.createHttpClient(new HttpClientOptions());
    maxBytes = HarvestSettings.maxBytes(config);
    scheduler = new JobScheduler(vertx, pool, settings.poll(), settings.lease());
    harvester = new Harvester(pool, settings, scheduler, new Fetcher(vertx, client, maxBytes),
      new Importer(vertx, pool, TagHasher.from(config)));
    harvester.registerSources();

    var bus = vertx.eventBus();
    List<Future<?>> ready = List.of(
      bus.<JsonObject>consumer(Bus.HARVEST_STATUS, msg -> reply(msg, harvester.status())).completion(),
      bus.<JsonObject>consumer(Bus.HARVEST_RUNS, msg -> {
        JsonObject b = body(msg);
        reply(msg, harvester.runs(b.getString("source"), b.getInteger("limit", 50)));
      }).completion(),
      bus.<JsonObject>consumer(Bus.HARVEST_RUN_NOW, this::runNow).completion(),
      bus.<JsonObject>consumer(Bus.HARVEST_UPLOAD, this::upload).completion());
    return Future.all(ready).compose(v -> scheduler.start())
      .onSuccess(v -> log.info("harvest: {} source(s), jobs {}", settings.sources().size(), scheduler.names()));
  }

  private void runNow(Message<JsonObject> msg) {
    String name = body(msg).getString("source");
    if (name == null || !scheduler.names().contains(name)) {
      fail(msg, 404, "source", "harvest.unknownSource");
      return;
    }
    reply(msg, harvester.runNow(name));
  }

  private void upload(Message<JsonObject> msg) {
    JsonObject b = body(msg);
    String name = b.getString("source");
    if (name == null || harvester.source(name) == null) {
      fail(msg, 404, "source", "harvest.unknownSource");
      return;
    }
    SourceConfig.Format format = null;
    if (b.getString("format") != null) {
      try {
        format = SourceConfig.Format.valueOf(b.getString("format").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        fail(msg, 400, "format", "harvest.badFormat");
        return;
      }
    }
    String content = b.getString("content", "");
    // base64 is a third larger than the file: a longer text cannot be within the cap
    if (content.length() > (maxBytes + 2) / 3 * 4 + content.length() / 76 * 2 + 4) {
      fail(msg, 413, "content", "harvest.tooLarge");
      return;
    }
    SourceConfig.Format chosen = format;
    // decoding many MB is work for a worker thread, not for this event loop
    vertx.executeBlocking(() -> Base64.getMimeDecoder().decode(content), false).onComplete(ar -> {
      if (ar.failed()) {
        fail(msg, 400, "content", "harvest.badUpload");
      } else if (ar.result().length == 0) {
        fail(msg, 400, "content", "harvest.emptyUpload");
      } else if (ar.result().length > maxBytes) {
        fail(msg, 413, "content", "harvest.tooLarge");
      } else {
        reply(msg, harvester.importUpload(name, ar.result(), chosen));
      }
    });
  }

  private static void fail(Message<?> msg, int status, String field, String messageKey) {
    var e = BusFailure.of(status, field, messageKey);
    msg.fail(e.failureCode(), e.getMessage());
  }

  private static JsonObject body(Message<JsonObject> msg) {
    return msg.body() == null ? new JsonObject() : msg.body();
  }

  /** A run that happened and failed is still an answer (status failed, error); only "busy" is a refusal. */
  private static void reply(Message<JsonObject> msg, Future<JsonObject> result) {
    result.onSuccess(msg::reply).onFailure(e -> {
      if (e instanceof JobScheduler.BusyException) fail(msg, 409, "source", "harvest.busy");
      else {
        log.warn("harvest request on {} failed: {}", msg.address(), e.getMessage());
        fail(msg, 500, null, "harvest.failed");
      }
    });
  }

  /** The scheduler of this instance, for tests and for registering further jobs after start. */
  public JobScheduler scheduler() {
    return scheduler;
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = scheduler == null ? Future.succeededFuture() : scheduler.stop();
    return stopped.eventually(() -> {
      if (client != null) client.close();
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
