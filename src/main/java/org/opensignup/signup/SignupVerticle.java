package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.opensignup.auth.TagHasher;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.bus.SeatCommand;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The one pipeline for seats. Serves signups from the event bus: batches them (group commit) into the
 * database, answers each at once, and then tells the mail verticles and the catalogue. Every other seat
 * change (sign-off, offers, expiry, lottery draw, staff actions: {@link SeatCommand}) goes to the
 * partition of the course it touches and runs in the same queue, alone between batches, through
 * {@link SeatChanges}. The periodic draw and expiry are asked for by the jobs package, once per tick.
 */
public final class SignupVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SignupVerticle.class);
  private Pool pool;
  private SignupBatcher batcher;
  private StatusQuery status;
  private SeatChanges seats;
  private int partitions;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    pool = Database.pool(vertx, config);
    SeatChanges.Timeouts timeouts = new SeatChanges.Timeouts(config.integer("signup.lock-timeout-ms", 10, 600_000),
      config.integer("signup.statement-timeout-ms", 100, 3_600_000));
    int signoffDays = config.integer("signup.signoff-days", 0, 365);
    MailModel.Terms terms = new MailModel.Terms(config.publicUrl(), signoffDays, ApplicantSettings.from(config).paymentDueDays());
    SignupStore store = new SignupStore(pool, TagHasher.from(config),
      new Allocator.Limits(config.integer("signup.max-attendances", 1, 20)), terms, timeouts);
    batcher = new SignupBatcher(store, config.integer("signup.batch-size", 1, 5000), config.integer("signup.batch-concurrency", 1, 64),
      config.integer("signup.queue-limit", 1, 1_000_000), this::committed)
      .withMetrics(org.opensignup.Shared.get(vertx, org.opensignup.Shared.METRICS));
    status = new StatusQuery(pool, signoffDays);
    seats = new SeatChanges(pool, terms, config.integer("signup.offer-hours", 0, 24 * 30), timeouts);

    var bus = vertx.eventBus();
    partitions = partitions(config);
    Future<?> partition = vertx.sharedData().getLocalCounter("opensignup.signup.partition")
      .compose(c -> c.getAndIncrement())
      .compose(k -> Future.all(
        bus.<JsonObject>consumer(Bus.signupPartition(k, partitions), this::submit).completion(),
        bus.<JsonObject>consumer(Bus.seatPartition(k, partitions), this::seatHere).completion()));
    return Future.all(List.of(
      partition,
      bus.<JsonObject>consumer(Bus.SIGNUP_SUBMIT, this::submit).completion(),
      bus.<JsonObject>consumer(Bus.SIGNUP_STATUS, this::status).completion(),
      bus.<JsonObject>consumer(Bus.SEAT_COMMAND, this::seat).completion()));
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

  /** A seat command from anywhere: sent on to the partition of its course; course-spanning ones run here. */
  private void seat(Message<JsonObject> msg) {
    SeatCommand cmd;
    try {
      cmd = SeatCommand.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(400, "|error.bad-request");
      return;
    }
    seats.courseOf(cmd).onComplete(ar -> {
      if (ar.failed()) {
        failed(msg, ar.cause());
      } else if (ar.result() == null) {
        runSeat(msg, cmd);
      } else {
        vertx.eventBus().<JsonObject>request(Bus.seatPartition(ar.result(), partitions), msg.body(), new DeliveryOptions().setSendTimeout(60_000))
          .onComplete(reply -> {
            if (reply.succeeded()) msg.reply(reply.result().body());
            else failed(msg, reply.cause());
          });
      }
    });
  }

  private void seatHere(Message<JsonObject> msg) {
    runSeat(msg, SeatCommand.fromJson(msg.body()));
  }

  private void runSeat(Message<JsonObject> msg, SeatCommand cmd) {
    batcher.run(() -> seats.run(cmd)).onComplete(ar -> {
      if (ar.failed()) {
        failed(msg, ar.cause());
        return;
      }
      SeatCommand.SeatResult r = ar.result();
      msg.reply(r.toJson());
      announce(r);
    });
  }

  /** After a seat change: mails were written, and the courses' counts moved. */
  private void announce(SeatCommand.SeatResult r) {
    if (r.changedCourses().isEmpty()) return;
    vertx.eventBus().publish(Bus.MAIL_WAKEUP, new JsonObject());
    for (long courseId : r.changedCourses()) vertx.eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", courseId));
  }

  /** Refusals pass on as they are; the database away or too slow is a 503 with one log line; anything else a logged bug. */
  private static void failed(Message<JsonObject> msg, Throwable e) {
    if (e instanceof ReplyException re) {
      msg.fail(re.failureCode(), re.getMessage());
    } else if (Failures.unavailable(e)) {
      log.warn("signup refused, database busy or away: {}", e.getMessage());
      msg.fail(503, "|error.unavailable");
    } else {
      String id = java.util.UUID.randomUUID().toString().substring(0, 8);
      log.error("error {} in signup processing", id, e);
      msg.fail(500, "|error.internal|" + id);
    }
  }

  /** A clean stop answers everything queued before the shared pool goes (the application closes it last). */
  @Override
  public Future<?> stop() {
    if (batcher == null) return Future.succeededFuture();
    return batcher.drained().timeout(30, java.util.concurrent.TimeUnit.SECONDS).recover(e -> Future.succeededFuture())
      .compose(v -> pool.close());
  }
}
