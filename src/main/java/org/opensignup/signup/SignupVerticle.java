package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.TagHasher;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Serves signups from the event bus: batches them (group commit) into the database, answers each at
 * once, and then tells the mail verticles and the catalogue. Also runs the lottery draw and the expiry
 * of waiting-list offers; both are safe to run on every instance at once (row locks decide).
 */
public final class SignupVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SignupVerticle.class);
  private Pool pool;
  private SignupBatcher batcher;
  private Waitlist waitlist;
  private StatusQuery status;
  private Lottery lottery;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    SignupStore store = new SignupStore(pool, TagHasher.from(config),
      new Allocator.Limits(config.integer("signup.max-attendances", 1, 20)), config.publicUrl());
    batcher = new SignupBatcher(store, config.integer("signup.batch-size", 1, 5000), config.integer("signup.batch-concurrency", 1, 64),
      config.integer("signup.queue-limit", 1, 1_000_000), this::committed)
      .withMetrics(org.opensignup.Shared.get(vertx, org.opensignup.Shared.METRICS));
    int signoffDays = config.integer("signup.signoff-days", 0, 365);
    waitlist = new Waitlist(pool, signoffDays, config.integer("signup.offer-hours", 0, 24 * 30), config.publicUrl());
    status = new StatusQuery(pool, signoffDays);
    lottery = new Lottery(pool, waitlist);

    var bus = vertx.eventBus();
    int partitions = partitions(config);
    Future<?> partition = vertx.sharedData().getLocalCounter("opensignup.signup.partition")
      .compose(c -> c.getAndIncrement())
      .compose(k -> bus.<JsonObject>consumer(Bus.signupPartition(k, partitions), this::submit).completion());
    return Future.all(
      partition,
      bus.<JsonObject>consumer(Bus.SIGNUP_SUBMIT, this::submit).completion(),
      bus.<JsonObject>consumer(Bus.SIGNUP_STATUS, this::status).completion(),
      bus.<JsonObject>consumer(Bus.SIGNUP_CHANGE, this::change).completion(),
      bus.<JsonObject>consumer(Bus.LOTTERY_DRAW, this::draw).completion());
  }

  /** How many course partitions the signup instances of one process split the work into. */
  public static int partitions(AppConfig config) {
    int p = config.integer("signup.partitions", 0, 64);
    return p == 0 ? config.instances("signup") : p;
  }

  private void submit(Message<JsonObject> msg) {
    batcher.submit(SignupRequest.fromBus(msg.body())).onComplete(ar -> {
      if (ar.failed()) {
        failed(msg, ar.cause());
      } else if (ar.result() instanceof Outcome.Accepted a) {
        msg.reply(a.toJson());
      } else if (ar.result() instanceof Outcome.Refused r) {
        ReplyException e = BusFailure.of(r.status(), r.field(), r.messageKey(), r.args());
        msg.fail(e.failureCode(), e.getMessage());
      }
    });
  }

  private void committed(SignupStore.Result result) {
    if (result.mailsWritten()) vertx.eventBus().publish(Bus.MAIL_WAKEUP, new JsonObject());
    for (long courseId : result.changedCourses()) vertx.eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", courseId));
  }

  private void status(Message<JsonObject> msg) {
    status.status(msg.body().getString("secret", ""), Instant.now()).onComplete(ar -> {
      if (ar.failed()) failed(msg, ar.cause());
      else if (ar.result() == null) msg.fail(404, "|signup.error.unknown-secret");
      else msg.reply(ar.result());
    });
  }

  private void change(Message<JsonObject> msg) {
    String secret = msg.body().getString("secret", "");
    Instant now = Instant.now();
    Future<Waitlist.Change> f = switch (msg.body().getString("action", "")) {
      case "signoff" -> waitlist.signOff(secret, now);
      case "accept" -> waitlist.accept(secret, now);
      case "decline" -> waitlist.decline(secret, "offer declined");
      default -> Future.failedFuture(BusFailure.of(400, "action", "error.bad-request"));
    };
    f.onComplete(ar -> {
      if (ar.failed()) {
        failed(msg, ar.cause());
        return;
      }
      msg.reply(ar.result().reply());
      announce(ar.result());
    });
  }

  private void draw(Message<JsonObject> msg) {
    Long languageId = msg.body().getLong("languageId");
    Future<JsonObject> f = languageId == null ? lottery.drawDue()
      : lottery.drawLanguage(languageId, msg.body().getLong("seed", new java.security.SecureRandom().nextLong()))
        .map(d -> new JsonObject().put("draws", d == null ? new io.vertx.core.json.JsonArray() : new io.vertx.core.json.JsonArray().add(d)));
    f.onComplete(ar -> {
      if (ar.failed()) {
        failed(msg, ar.cause());
        return;
      }
      afterDraws(ar.result());
      msg.reply(ar.result());
    });
  }

  private void afterDraws(JsonObject result) {
    var draws = result.getJsonArray("draws");
    if (draws.isEmpty()) return;
    vertx.eventBus().publish(Bus.MAIL_WAKEUP, new JsonObject());
    for (Object d : draws) {
      for (Object c : ((JsonObject) d).getJsonArray("courses")) {
        vertx.eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", ((Number) c).longValue()));
      }
    }
  }

  /** After a waiting-list change: mails were written, and one course's counts moved. */
  private void announce(Waitlist.Change change) {
    vertx.eventBus().publish(Bus.MAIL_WAKEUP, new JsonObject());
    vertx.eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", change.courseId()));
  }

  private static void failed(Message<JsonObject> msg, Throwable e) {
    if (e instanceof ReplyException re) {
      msg.fail(re.failureCode(), re.getMessage());
    } else if (e instanceof SignupBatcher.Overloaded) {
      msg.fail(503, "|error.unavailable");
    } else {
      log.error("signup processing failed", e);
      msg.fail(503, "|error.unavailable");
    }
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
