package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Group commit: requests queue up while a batch is in the database, and the next batch takes all of
 * them at once. A lone request goes at once (no timer, no added latency); under load, batches grow by
 * themselves. The queue is bounded: past it, requests are refused at once (HTTP 503) instead of waiting.
 * Used from one event loop only, so it needs no locks.
 */
public final class SignupBatcher {
  /** The queue is full: the caller should answer 503 with Retry-After. */
  public static final class Overloaded extends RuntimeException {
    Overloaded() {
      super("signup queue full", null, false, false);
    }
  }

  private record Pending(SignupRequest request, Promise<Outcome> promise) {}

  private final SignupStore store;
  private final int maxBatch;
  private final int maxInFlight;
  private final int maxQueue;
  private final Consumer<SignupStore.Result> onCommitted;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;
  private io.micrometer.core.instrument.Timer batchTime;
  private io.micrometer.core.instrument.DistributionSummary batchSize;

  /** Reports each batch's size and time to the process's metrics (shown at /metrics). */
  public SignupBatcher withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    if (registry != null) {
      batchTime = io.micrometer.core.instrument.Timer.builder("opensignup.signup.batch.time")
        .description("time of one signup batch transaction").register(registry);
      batchSize = io.micrometer.core.instrument.DistributionSummary.builder("opensignup.signup.batch.size")
        .description("signups per batch transaction").register(registry);
    }
    return this;
  }

  public SignupBatcher(SignupStore store, int maxBatch, int maxInFlight, int maxQueue, Consumer<SignupStore.Result> onCommitted) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.maxQueue = maxQueue;
    this.onCommitted = onCommitted;
  }

  public Future<Outcome> submit(SignupRequest request) {
    if (queue.size() >= maxQueue) return Future.failedFuture(new Overloaded());
    Promise<Outcome> p = Promise.promise();
    queue.add(new Pending(request, p));
    drain();
    return p.future();
  }

  public int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
      while (batch.size() < maxBatch && !queue.isEmpty()) batch.add(queue.poll());
      inFlight++;
      long started = System.nanoTime();
      store.process(batch.stream().map(Pending::request).toList()).onComplete(ar -> {
        inFlight--;
        if (batchTime != null) {
          batchTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
          batchSize.record(batch.size());
        }
        if (ar.succeeded()) {
          List<Outcome> outcomes = ar.result().outcomes();
          for (int i = 0; i < batch.size(); i++) batch.get(i).promise().complete(outcomes.get(i));
          onCommitted.accept(ar.result());
        } else {
          batch.forEach(p -> p.promise().fail(ar.cause()));
        }
        drain();
      });
    }
  }
}
