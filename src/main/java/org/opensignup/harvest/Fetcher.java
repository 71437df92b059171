package org.opensignup.harvest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.opensignup.jobs.JobScheduler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Downloads a source's export: per-attempt timeout, retries with doubling back-off on network
 * errors, timeouts, 5xx and 429 (not on other 4xx: a wrong token does not get better by asking
 * again), and the source's header or basic authentication. The body is read as a stream and cut
 * off past {@code harvest.max-bytes}: such a run fails saying so, and no memory is spent on the rest.
 */
final class Fetcher {
  private final Vertx vertx;
  private final HttpClient client;
  private final long maxBytes;

  Fetcher(Vertx vertx, HttpClient client, long maxBytes) {
    this.vertx = vertx;
    this.client = client;
    this.maxBytes = maxBytes;
  }

  Future<byte[]> fetch(SourceConfig source) {
    return attempt(source, 1);
  }

  private Future<byte[]> attempt(SourceConfig s, int attempt) {
    int attempts = s.retries + 1;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(s.url.toString())
      .setConnectTimeout(s.timeoutMs).setIdleTimeout(s.timeoutMs).setFollowRedirects(true)
      .putHeader(HttpHeaders.USER_AGENT, "OpenSignup-harvest");
    if (s.authHeaderValue != null) options.putHeader(s.authHeaderName, s.authHeaderValue);
    if (s.basicUser != null) {
      String pair = s.basicUser + ":" + (s.basicPassword == null ? "" : s.basicPassword);
      options.putHeader(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return client.request(options).compose(req -> req.send()).compose(this::read).transform(ar -> {
      if (ar.succeeded()) return Future.succeededFuture(ar.result());
      if (ar.cause() instanceof TooLargeException tl) return Future.failedFuture(new FetchException(tl.getMessage() + " from " + safe(s.url)));
      String problem;
      boolean retryable;
      if (ar.cause() instanceof StatusException st) {
        problem = st.getMessage();
        retryable = st.status >= 500 || st.status == 429;
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

  /** The body of a 2xx answer, at most maxBytes of it; a longer one is cut off (the connection closed). */
  private Future<byte[]> read(HttpClientResponse r) {
    if (r.statusCode() / 100 != 2) {
      String problem = "HTTP " + r.statusCode() + (r.statusMessage() == null ? "" : " " + r.statusMessage());
      // the body of a refusal is of no interest; drop it rather than read it
      r.request().connection().close();
      return Future.failedFuture(new StatusException(r.statusCode(), problem));
    }
    String length = r.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
      r.request().connection().close();
      return Future.failedFuture(tooLarge());
    }
    Promise<byte[]> done = Promise.promise();
    Buffer body = Buffer.buffer();
    r.exceptionHandler(e -> done.tryFail(e));
    r.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        if (done.tryFail(tooLarge())) r.request().connection().close();
        return;
      }
      body.appendBuffer(chunk);
    });
    r.endHandler(v -> done.tryComplete(body.getBytes()));
    return done.future();
  }

  private TooLargeException tooLarge() {
    return new TooLargeException("the source delivered more than harvest.max-bytes=" + maxBytes + " bytes; refused");
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

  private static final class StatusException extends RuntimeException {
    final int status;

    StatusException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private static final class TooLargeException extends RuntimeException {
    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }
}
