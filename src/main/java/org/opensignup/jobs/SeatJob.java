package org.opensignup.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A periodic seat job (lottery draw, offer expiry) that writes nothing itself: each tick sends its
 * {@link SeatCommand}, carrying the tick's lease as fence, to {@link Bus#SEAT_COMMAND}, where the
 * signup verticle checks the fence inside its own transaction. The request times out before the lease
 * can lapse (see {@link JobsSettings#seatRequestTimeout()}); a command still queued then finds the lease
 * released and writes nothing.
 */
final class SeatJob {
  private static final Logger log = LoggerFactory.getLogger(SeatJob.class);
  /** Jobs that already said nobody consumes seat commands: said once per process, not every tick. */
  private static final Set<String> NO_CONSUMER_REPORTED = ConcurrentHashMap.newKeySet();

  private final Vertx vertx;
  private final String job;
  private final Function<SeatCommand.Fence, SeatCommand> command;
  private final DeliveryOptions options;

  SeatJob(Vertx vertx, String job, Function<SeatCommand.Fence, SeatCommand> command, Duration timeout) {
    this.vertx = vertx;
    this.job = job;
    this.command = command;
    this.options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
  }

  /** Draws every language whose lottery window has ended and that is not drawn yet. */
  static SeatJob lotteryDraw(Vertx vertx, Duration timeout) {
    return new SeatJob(vertx, JobsSettings.LOTTERY_DRAW, fence -> new SeatCommand.Draw(null, null, false, null, fence), timeout);
  }

  /** Passes on the offers whose time is up. */
  static SeatJob offerExpiry(Vertx vertx, Duration timeout) {
    return new SeatJob(vertx, JobsSettings.OFFER_EXPIRY, SeatCommand.ExpireOffers::new, timeout);
  }

  String job() {
    return job;
  }

  /**
   * One tick under {@code fence} (the run's lease): the command's answer as {@code {updated: changed
   * courses, detail}}; no consumer yet counts as nothing done.
   */
  Future<JsonObject> run(SeatCommand.Fence fence) {
    return vertx.eventBus().<JsonObject>request(Bus.SEAT_COMMAND, command.apply(fence).toJson(), options)
      .map(reply -> {
        SeatCommand.SeatResult result = SeatCommand.SeatResult.from(reply.body() == null ? new JsonObject() : reply.body());
        return new JsonObject().put("updated", result.changedCourses().size()).put("detail", result.detail());
      })
      .recover(e -> {
        if (e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
          if (NO_CONSUMER_REPORTED.add(job)) log.warn("job {}: nothing consumes {} yet; the tick does nothing", job, Bus.SEAT_COMMAND);
          else log.debug("job {}: still no consumer of {}", job, Bus.SEAT_COMMAND);
          return Future.succeededFuture(new JsonObject().put("skipped", "no consumer"));
        }
        return Future.failedFuture(e);
      });
  }
}
