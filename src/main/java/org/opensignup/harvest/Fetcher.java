package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.opensignup.jobs.JobScheduler;

import java.net.URI;

/**
 * Downloads a source's export: per-attempt timeout, retries with doubling back-off on network
 * errors, timeouts, 5xx and 429 (not on other 4xx: a wrong token does not get better by asking
 * again), and the source's header or basic authentication.
 */
final class Fetcher {
  private final Vertx vertx;
  private final WebClient client;

  Fetcher(Vertx vertx, WebClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  Future<byte[]> fetch(SourceConfig source) {
    return attempt(source, 1);
  }

  private Future<byte[]> attempt(SourceConfig s, int attempt) {
    int attempts = s.retries + 1;
    HttpRequest<Buffer> request = client.getAbs(s.url.toString())
      .connectTimeout(s.timeoutMs)
      .timeout(s.timeoutMs);
    if (s.authHeaderValue != null) request.putHeader(s.authHeaderName, s.authHeaderValue);
    if (s.basicUser != null) request.basicAuthentication(s.basicUser, s.basicPassword);
    return request.send().transform(ar -> {
      String problem;
      boolean retryable;
      if (ar.succeeded()) {
        HttpResponse<Buffer> r = ar.result();
        if (r.statusCode() / 100 == 2) {
          Buffer body = r.body();
          return Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
        }
        problem = "HTTP " + r.statusCode() + (r.statusMessage() == null ? "" : " " + r.statusMessage());
        retryable = r.statusCode() >= 500 || r.statusCode() == 429;
      } else {
        problem = JobScheduler.errorText(ar.cause());
        retryable = true;
      }
      String where = " from " + safe(s.url) + " (attempt " + attempt + " of " + attempts + ")";
      if (!retryable || attempt >= attempts) return Future.failedFuture(new FetchException(problem + where));
      long delay = (long) s.retryBackoffMs << Math.min(attempt - 1, 16);
      return delay(delay).compose(v -> attempt(s, attempt + 1));
    });
  }

  private Future<Void> delay(long ms) {
    if (ms <= 0) return Future.succeededFuture();
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  /** The URL without its query, which may carry a token. */
  static String safe(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  static final class FetchException extends RuntimeException {
    FetchException(String message) {
      super(message);
    }
  }
}
