package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one lane of the outbox: claims due rows as far as its rate limit and its in-flight limit
 * allow, sends them through its own SMTP pool, and records the outcome. Each lane has its own pool,
 * bucket and limits, so a long bulk queue never stands in front of a confirmation. All state is
 * touched only on the owning verticle's event loop; {@link #kick()} is the one entry point.
 */
final class LaneWorker {
  private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);
  /** Longest pause of a lane whose relay is down; individual rows use the configured backoff. */
  private static final long MAX_LANE_PAUSE_MS = 30_000;

  private final Vertx vertx;
  private final Outbox.Lane lane;
  private final OutboxStore store;
  private final MailClient client;
  private final MessageFactory messages;
  private final Attachments attachments;
  private final SentMarker sent;
  private final MailSettings settings;
  private final String node;
  private final TokenBucket bucket;
  private final Backoff backoff;
  private final int maxInFlight;

  private int inFlight;
  private boolean claiming;
  private boolean kickedWhileClaiming;
  private long pausedUntil;
  private int relayFailures;
  private long timer = -1;
  private boolean stopped;
  /** Completed once stopped with no claim and no send under way. */
  private final Promise<Void> idle = Promise.promise();

  LaneWorker(Vertx vertx, Outbox.Lane lane, OutboxStore store, MailClient client, MessageFactory messages, Attachments attachments,
             SentMarker sent, MailSettings settings, String node) {
    this.attachments = attachments;
    this.vertx = vertx;
    this.lane = lane;
    this.store = store;
    this.client = client;
    this.messages = messages;
    this.sent = sent;
    this.settings = settings;
    this.node = node;
    this.bucket = TokenBucket.perSecond(settings.perSecond(lane), System.nanoTime());
    this.backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs());
    // a few mails queued per connection keep the pool busy without holding many claims
    this.maxInFlight = settings.connections() * 4;
  }

  /** Looks for work now (insert notified, poll tick, a send finished). Cheap when there is none. */
  void kick() {
    if (stopped) return;
    if (claiming) {
      kickedWhileClaiming = true;
      return;
    }
    long now = System.nanoTime();
    if (now < pausedUntil) {
      wakeIn(pausedUntil - now);
      return;
    }
    int room = maxInFlight - inFlight;
    if (room <= 0) return; // the next finished send kicks again
    int tokens = bucket.available(now);
    if (tokens <= 0) {
      wakeIn(bucket.nanosUntilNext(now));
      return;
    }
    int limit = Math.min(settings.batchSize(), Math.min(room, tokens));
    claiming = true;
    kickedWhileClaiming = false;
    // attachments are read with the claim (only for rows that carry any), before anything is sent
    store.claim(lane, limit, node, settings.claimSeconds()).compose(rows -> attachments.of(rows)
      .recover(e -> {
        log.warn("{} lane: reading attachments failed: {}", lane.dbValue(), e.getMessage());
        return io.vertx.core.Future.succeededFuture(null);
      })
      .map(files -> new Claimed(rows, files))).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        if (!stopped) log.warn("{} lane: claiming outbox rows failed: {}", lane.dbValue(), ar.cause().getMessage());
        wakeIn(TimeUnit.SECONDS.toNanos(1));
        checkIdle();
        return;
      }
      List<OutboxRow> rows = ar.result().rows();
      bucket.take(rows.size(), System.nanoTime());
      // rows claimed while stopping are sent too: left claimed, they would wait out the claim
      if (!rows.isEmpty()) {
        inFlight += rows.size();
        // rendering templates and calendar files is CPU work: on a worker, so the event loop (shared with
        // other verticles, signup batches among them) is not held for a whole claim's worth of mails
        Map<Long, List<MailAttachment>> files = ar.result().files();
        vertx.executeBlocking(() -> rows.stream().map(row -> built(row, files)).toList(), false).onComplete(built -> {
          for (int i = 0; i < rows.size(); i++) {
            send(rows.get(i), built.succeeded() ? built.result().get(i) : new Built(null, built.cause()));
          }
        });
      }
      if (rows.size() == limit || kickedWhileClaiming) kick();
      checkIdle();
    });
  }

  /** A row's message, or why it cannot be built (that failure is the row's, not the claim's). */
  private record Built(MailMessage message, Throwable failure) {}

  private Built built(OutboxRow row, Map<Long, List<MailAttachment>> files) {
    try {
      if (files == null && Attachments.carries(row)) throw new IllegalStateException("attachments could not be read");
      return new Built(messages.build(row, files == null ? List.of() : files.getOrDefault(row.id(), List.of())), null);
    } catch (RuntimeException e) {
      return new Built(null, e);
    }
  }

  /** Claimed rows and their attachments; {@code files} is null when they could not be read (retried later). */
  private record Claimed(List<OutboxRow> rows, Map<Long, List<MailAttachment>> files) {}

  /** Counted in {@link #inFlight} since its claim; hands the built message to the relay. */
  private void send(OutboxRow row, Built built) {
    Future<MailResult> result;
    try {
      result = built.failure() != null ? Future.failedFuture(built.failure()) : client.sendMail(built.message());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      inFlight--;
      if (ar.succeeded()) {
        relayFailures = 0;
        // even while stopping: a mail that went out must not be sent again if this can be helped
        sent.mark(row.id());
      } else {
        failed(row, ar.cause());
      }
      kick();
      checkIdle();
    });
  }

  private void failed(OutboxRow row, Throwable cause) {
    SendFailure f = SendFailure.classify(cause);
    if (f.permanent()) {
      log.info("outbox {} to {}: permanent failure, not retried: {}", row.id(), row.recipient(), f.message());
      store.markFailed(row.id(), f.message()).onFailure(e -> log.warn("outbox {}: marking failed: {}", row.id(), e.getMessage()));
      return;
    }
    if (row.attempts() >= settings.maxAttempts() && !f.relayDown()) {
      String m = "gave up after " + row.attempts() + " attempts: " + f.message();
      log.warn("outbox {} to {}: {}", row.id(), row.recipient(), m);
      store.markFailed(row.id(), m).onFailure(e -> log.warn("outbox {}: marking failed: {}", row.id(), e.getMessage()));
      return;
    }
    long delay = backoff.delayMs(row.attempts());
    store.retry(row.id(), delay, f.message(), f.relayDown()).onFailure(e -> log.warn("outbox {}: scheduling retry: {}", row.id(), e.getMessage()));
    if (f.relayDown()) {
      long now = System.nanoTime();
      // one pause per outage, not one per mail that was already on its way
      if (now >= pausedUntil) {
        relayFailures++;
        long pauseMs = Math.min(MAX_LANE_PAUSE_MS, backoff.delayMs(relayFailures));
        pausedUntil = now + TimeUnit.MILLISECONDS.toNanos(pauseMs);
        log.warn("{} lane: relay unavailable ({}); pausing {} ms", lane.dbValue(), f.message(), pauseMs);
      }
    }
  }

  private void wakeIn(long nanos) {
    if (timer >= 0 || stopped) return;
    long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
    timer = vertx.setTimer(ms, id -> {
      timer = -1;
      kick();
    });
  }

  /**
   * Claims nothing more; completes once the sends under way have their answer and their outcome
   * is handed on (sent rows to the {@link SentMarker}, failures recorded for a retry).
   */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
    checkIdle();
    return idle.future();
  }

  private void checkIdle() {
    if (stopped && !claiming && inFlight == 0) idle.tryComplete();
  }

  int inFlight() {
    return inFlight;
  }
}
