package org.opensignup.harvest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.opensignup.support.TestApp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small HTTP server on 127.0.0.1 playing an export: per path a queue of responses (the last one repeats). */
final class SourceServer implements AutoCloseable {
  record Response(int status, String body, long delayMs, String requiredHeader, String requiredValue) {}

  private final Vertx vertx;
  private final HttpServer server;
  private final Map<String, Deque<Response>> responses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  SourceServer(Vertx vertx) {
    this.vertx = vertx;
    this.server = TestApp.await(vertx.createHttpServer().requestHandler(req -> {
      hits.computeIfAbsent(req.path(), k -> new AtomicInteger()).incrementAndGet();
      Deque<Response> q = responses.get(req.path());
      Response r;
      synchronized (this) {
        r = q == null ? null : q.size() > 1 ? q.poll() : q.peek();
      }
      if (r == null) {
        req.response().setStatusCode(404).end("no such export");
        return;
      }
      if (r.requiredHeader() != null && !r.requiredValue().equals(req.getHeader(r.requiredHeader()))) {
        req.response().setStatusCode(401).end("unauthorised");
        return;
      }
      Runnable send = () -> {
        if (!req.response().closed()) req.response().setStatusCode(r.status()).end(r.body());
      };
      if (r.delayMs() > 0) vertx.setTimer(r.delayMs(), id -> send.run());
      else send.run();
    }).listen(0, "127.0.0.1"));
  }

  /** Serves body at path from now on (replacing what was there). */
  SourceServer serve(String path, String body) {
    return respond(path, new Response(200, body, 0, null, null));
  }

  synchronized SourceServer respond(String path, Response... sequence) {
    responses.put(path, new ArrayDeque<>(java.util.List.of(sequence)));
    return this;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Override
  public void close() {
    TestApp.await(server.close());
  }
}
