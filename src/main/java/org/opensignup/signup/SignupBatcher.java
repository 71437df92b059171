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
 * Seat changes other than signups (sign-off, offers, staff moves, draws) queue in the same line and run
 * alone between batches, so one partition has one writer. Used from one event loop only, so it needs no locks.
 */
public final class SignupBatcher {
  /** The queue is full: the caller should answer 503 with Retry-After. */
  public static final class Overloaded extends RuntimeException {
    Overloaded() {
      super("signup queue full", null, false, false);
    }
  }

  private record Pending(SignupRequest request, Promise<Outcome> promise) {}

  /** A seat change that runs alone, in the queue's order. */
  private record Task(java.util.function.Supplier<Future<?>> work, Promise<Object> promise) {}

  private final SignupStore store;
  private final int maxBatch;
  private final int maxInFlight;
  private final int maxQueue;
  private final Consumer<SignupStore.Result> onCommitted;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private Promise<Void> drained;
  private boolean taskRunning;
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

  /** Queues a seat change; it runs when no batch of this partition is in the database. */
  @SuppressWarnings("unchecked")
  public <T> Future<T> run(java.util.function.Supplier<Future<T>> work) {
    if (queue.size() >= maxQueue) return Future.failedFuture(new Overloaded());
    Promise<Object> p = Promise.promise();
    queue.add(new Task((java.util.function.Supplier<Future<?>>) (java.util.function.Supplier<?>) work, p));
    drain();
    return (Future<T>) p.future();
  }

  public int queued() {
    return queue.size();
  }

  /** Completes when everything queued so far has been answered (for a clean stop). */
  public Future<Void> drained() {
    if (queue.isEmpty() && inFlight == 0) return Future.succeededFuture();
    if (drained == null) drained = Promise.promise();
    return drained.future();
  }

  private void drain() {
    while (!queue.isEmpty() && !taskRunning && (inFlight == 0 || inFlight < maxInFlight && !(queue.peek() instanceof Task))) {
      if (queue.peek() instanceof Task t) {
        queue.poll();
        inFlight++;
        runAlone(t);
        return;
      }
      List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
      while (batch.size() < maxBatch && queue.peek() instanceof Pending) batch.add((Pending) queue.poll());
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
        settled();
      });
    }
  }

  /** A task runs alone: nothing else starts until it is done. */
  private void runAlone(Task t) {
    taskRunning = true;
    Future<?> f;
    try {
      f = t.work().get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      inFlight--;
      taskRunning = false;
      if (ar.succeeded()) t.promise().complete(ar.result());
      else t.promise().fail(ar.cause());
      drain();
      settled();
    });
  }

  private void settled() {
    if (drained != null && queue.isEmpty() && inFlight == 0) {
      Promise<Void> p = drained;
      drained = null;
      p.complete();
    }
  }
}
