package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks delivered rows as sent, batching whatever piles up while one UPDATE is under way: one
 * statement per batch instead of one per mail, without waiting on a timer. Used on one event loop.
 */
final class SentMarker {
  private static final Logger log = LoggerFactory.getLogger(SentMarker.class);
  private static final int MAX_BATCH = 500;

  private final Vertx vertx;
  private final OutboxStore store;
  private List<Long> waiting = new ArrayList<>();
  private boolean flushing;
  private int failuresInRow;
  private Promise<Void> drained;

  SentMarker(Vertx vertx, OutboxStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mark(long id) {
    waiting.add(id);
    if (!flushing) flush();
  }

  /** Completes once every mark handed in so far is written (the stop path waits for this). */
  Future<Void> drained() {
    if (drained == null) drained = Promise.promise();
    checkDrained();
    return drained.future();
  }

  private void checkDrained() {
    if (drained != null && !flushing && waiting.isEmpty()) drained.tryComplete();
  }

  private void flush() {
    if (waiting.isEmpty()) {
      checkDrained();
      return;
    }
    List<Long> batch;
    if (waiting.size() <= MAX_BATCH) {
      batch = waiting;
      waiting = new ArrayList<>();
    } else {
      batch = new ArrayList<>(waiting.subList(0, MAX_BATCH));
      waiting = new ArrayList<>(waiting.subList(MAX_BATCH, waiting.size()));
    }
    flushing = true;
    store.markSent(batch).onComplete(ar -> {
      if (ar.succeeded()) {
        failuresInRow = 0;
        flushing = false;
        flush();
      } else {
        // the mails are out; if the rows stay claimed until the claim lapses, they are sent again
        // with the same Message-ID, so keep trying for a while
        failuresInRow++;
        log.warn("marking {} mails as sent failed ({}); retrying", batch.size(), ar.cause().getMessage());
        batch.addAll(waiting);
        waiting = batch;
        vertx.setTimer(Math.min(10_000, 200L * failuresInRow), t -> {
          flushing = false;
          flush();
        });
      }
    });
  }
}
