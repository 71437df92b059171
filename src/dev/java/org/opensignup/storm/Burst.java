package org.opensignup.storm;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The burst: K virtual users on K connections, each taking the next applicant and submitting its one
 * or two signups through the real JSON route, retrying on 503 as a phone would. Latency of every
 * final answer (retries included) goes into an HdrHistogram.
 */
final class Burst {
  /** A 2xx answer, to be matched against the database afterwards. */
  record Answer(String mail, long courseId, String secret, String state, Integer position) {}

  /** Who signs up for what: applicants numbered from 0, courses firstCourse .. firstCourse + courses - 1. */
  record Plan(int applicants, long firstCourse, int courses, String mailPrefix) {}

  record Result(long elapsedNanos, long requests, long retries, Map<Integer, Integer> byStatus, Histogram latency,
                List<Answer> answers, long confirmed, long transportErrors) {}

  private Burst() {}

  static Result signups(Vertx vertx, int port, StormOptions o, Plan plan) {
    HttpClient client = client(vertx, port, o.connections());
    AtomicInteger next = new AtomicInteger();
    ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    AtomicLong requests = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong confirmed = new AtomicLong();
    AtomicLong transportErrors = new AtomicLong();
    long start = System.nanoTime();
    List<Future<Void>> users = new ArrayList<>();
    for (int u = 0; u < o.connections(); u++) {
      Promise<Void> done = Promise.promise();
      users.add(done.future());
      vertx.runOnContext(v -> user(vertx, client, o, plan, next, latency, byStatus, answers, requests, retries, confirmed, transportErrors, done));
    }
    await(Future.join(users), 600);
    long elapsed = System.nanoTime() - start;
    client.close();
    return new Result(elapsed, requests.get(), retries.get(), Map.copyOf(byStatus), latency, List.copyOf(answers), confirmed.get(), transportErrors.get());
  }

  private static void user(Vertx vertx, HttpClient client, StormOptions o, Plan plan, AtomicInteger next, Histogram latency,
                           Map<Integer, Integer> byStatus, ConcurrentLinkedQueue<Answer> answers, AtomicLong requests,
                           AtomicLong retries, AtomicLong confirmed, AtomicLong transportErrors, Promise<Void> done) {
    int applicant = next.getAndIncrement();
    if (applicant >= plan.applicants()) {
      done.complete();
      return;
    }
    SplittableRandom random = new SplittableRandom(o.seed() * 1_000_003 + applicant);
    long first = plan.firstCourse() + random.nextInt(plan.courses());
    List<Long> courses = new ArrayList<>(List.of(first));
    if (plan.courses() > 1 && random.nextDouble() < o.secondSignupShare()) {
      long second;
      do {
        second = plan.firstCourse() + random.nextInt(plan.courses());
      } while (second == first);
      courses.add(second);
    }
    Future<Void> chain = Future.succeededFuture();
    String mail = StormData.mail(plan.mailPrefix(), applicant);
    for (long course : courses) {
      chain = chain.compose(v -> submit(vertx, client, mail, course, o.maxRetries(), System.nanoTime(), latency, byStatus, answers,
        requests, retries, confirmed, transportErrors, 0));
    }
    chain.onComplete(ar -> user(vertx, client, o, plan, next, latency, byStatus, answers, requests, retries, confirmed, transportErrors, done));
  }

  private static Future<Void> submit(Vertx vertx, HttpClient client, String mail, long course, int retriesLeft, long startedAt,
                                     Histogram latency, Map<Integer, Integer> byStatus, ConcurrentLinkedQueue<Answer> answers,
                                     AtomicLong requests, AtomicLong retries, AtomicLong confirmed, AtomicLong transportErrors, int attempt) {
    String body = "{\"courseId\":" + course + ",\"mail\":\"" + mail + "\",\"firstName\":\"Storm\",\"lastName\":\"Applicant\",\"originId\":"
      + StormData.ORIGIN + "}";
    requests.incrementAndGet();
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/signups")
      .putHeader("Content-Type", "application/json").putHeader("Accept-Language", "en");
    return client.request(req)
      .compose(r -> r.send(Buffer.buffer(body)))
      .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b, resp.getHeader("Retry-After")}))
      .transform(ar -> {
        boolean retryable;
        long retryAfterMillis = 100;
        if (ar.failed()) {
          transportErrors.incrementAndGet();
          retryable = true;
        } else {
          int status = (int) ar.result()[0];
          retryable = status == 503 || status == 429;
          if (retryable && ar.result()[2] != null) {
            // honour Retry-After, but a phone's user retries sooner than a 2 s hint; cap it at 1 s
            retryAfterMillis = Math.min(1000, Long.parseLong(((String) ar.result()[2]).trim()) * 1000);
          }
          if (!retryable || retriesLeft == 0) {
            byStatus.merge(status, 1, Integer::sum);
            latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedAt), TimeUnit.SECONDS.toMicros(60)));
            if (status == 200 || status == 201) {
              JsonObject j = new JsonObject((Buffer) ar.result()[1]);
              answers.add(new Answer(mail, course, j.getString("secret"), j.getString("state"), j.getInteger("position")));
              if ("confirmed".equals(j.getString("state"))) confirmed.incrementAndGet();
            }
            return Future.succeededFuture();
          }
        }
        if (retriesLeft == 0) {
          byStatus.merge(-1, 1, Integer::sum);
          return Future.succeededFuture();
        }
        retries.incrementAndGet();
        Promise<Void> p = Promise.promise();
        long wait = Math.max(10, retryAfterMillis / 2 + (long) (Math.random() * retryAfterMillis));
        vertx.setTimer(wait, t -> submit(vertx, client, mail, course, retriesLeft - 1, startedAt, latency, byStatus, answers, requests,
          retries, confirmed, transportErrors, attempt + 1).onComplete(p));
        return p.future();
      });
  }

  /** Plain GETs on one route for a fixed time; returns requests per second. */
  static double routeRate(Vertx vertx, int port, String path, int connections, int seconds) {
    HttpClient client = client(vertx, port, connections);
    AtomicLong count = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Promise<Void> done = Promise.promise();
      loops.add(done.future());
      vertx.runOnContext(v -> get(client, path, end, count, failures, done));
    }
    long start = System.nanoTime();
    await(Future.join(loops), seconds + 60);
    double rate = count.get() / ((System.nanoTime() - start) / 1e9);
    client.close();
    if (failures.get() > 0) System.out.println("  (" + path + ": " + failures.get() + " failed requests)");
    return rate;
  }

  private static void get(HttpClient client, String path, long end, AtomicLong count, AtomicLong failures, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    client.request(HttpMethod.GET, path).compose(r -> r.send()).compose(resp -> resp.body().map(b -> resp.statusCode()))
      .onComplete(ar -> {
        if (ar.succeeded() && ar.result() == 200) count.incrementAndGet();
        else failures.incrementAndGet();
        get(client, path, end, count, failures, done);
      });
  }

  private static HttpClient client(Vertx vertx, int port, int connections) {
    return vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
        .setConnectTimeout(10_000).setIdleTimeout(120),
      new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  static <T> T await(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("storm step did not finish: " + e, e);
    }
  }
}
