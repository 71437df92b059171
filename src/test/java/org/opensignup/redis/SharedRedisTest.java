package org.opensignup.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensignup.Application;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;
import redis.embedded.RedisServer;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.TestApp.await;

/**
 * Two OpenSignup servers on one database and one real Redis (embedded 6.2): rate limits are shared,
 * seat changes made on one reach browsers on the other (coalesced), and losing Redis costs neither
 * signups nor readiness. Clients are told apart by X-Forwarded-For (http.trust-proxy=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRedisTest {
  private final long startedAt = System.currentTimeMillis();
  private int redisPort;
  private RedisServer redis;
  private Application a;
  private Application b;
  private Vertx vertx;
  private WebClient client;
  private Sql sql;

  @BeforeAll
  void start() throws Exception {
    redisPort = TestApp.freePort();
    redis = newRedis();
    redis.start();
    Map<String, String> common = Map.of(
      "redis.url", "redis://127.0.0.1:" + redisPort,
      "redis.timeout-millis", "3000", // this machine is shared and often overloaded; a slow answer would mean local limits
      "http.trust-proxy", "true",
      "ratelimit.exempt-loopback", "false",
      "ratelimit.signup-mail.burst", "3",
      "ratelimit.signup-mail.per-minute", "3",
      "ratelimit.signup-ip.burst", "300",
      "ratelimit.signup-ip.per-minute", "60", // slow refill, so the flood check does not depend on this machine's speed
      "live.flush-millis", "500");
    a = TestApp.start(common);
    Map<String, String> sameDb = new java.util.HashMap<>(common);
    sameDb.put("db.url", a.config().string("db.url"));
    b = TestApp.start(sameDb);
    sql = new Sql(a.config().string("db.url"));
    SignupFixture.load(sql);
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(100));
  }

  @AfterAll
  void stop() throws Exception {
    if (vertx != null) await(vertx.close());
    if (a != null) a.close();
    if (b != null) b.close();
    if (redis != null && redis.isActive()) redis.stop();
    // embedded-redis unpacks its binary into the temp directory on every start
    File[] left = new File(System.getProperty("java.io.tmpdir")).listFiles(f -> f.getName().startsWith("redis-server") && f.lastModified() >= startedAt - 1000);
    if (left != null) for (File f : left) f.delete();
  }

  private RedisServer newRedis() throws Exception {
    return RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
  }

  // --- rate limits -------------------------------------------------------------------------------

  @Test
  void perMailLimitIsSharedByBothServers() {
    String ip = "198.51.100.1";
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    long[] courses = {SignupFixture.OPEN_BIG, SignupFixture.OPEN_BIG2, SignupFixture.OPEN_BIG3, SignupFixture.OPEN_FREE, SignupFixture.OPEN_BIG, SignupFixture.OPEN_BIG2};
    for (int i = 0; i < courses.length; i++) {
      answers.add(signup(i % 2 == 0 ? a : b, ip, applicant(courses[i], "Hammer@example.org")));
    }
    for (int i = 0; i < 3; i++) assertNotEquals(429, answers.get(i).statusCode(), "the first three pass: " + answers.get(i).bodyAsString());
    for (int i = 3; i < 6; i++) {
      HttpResponse<Buffer> r = answers.get(i);
      assertEquals(429, r.statusCode(), "three per minute per mail, across both servers: " + r.bodyAsString());
      long retryAfter = Long.parseLong(r.getHeader("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 20, "a token comes back every 20 s: " + retryAfter);
      JsonObject problem = r.bodyAsJsonObject();
      assertEquals("application/problem+json", r.getHeader("Content-Type"));
      assertEquals("error.rate-limited.mail", problem.getString("code"));
      assertEquals("mail", problem.getString("field"));
      assertTrue(problem.getString("detail").contains("E-Mail-Adresse") && problem.getString("detail").contains(String.valueOf(retryAfter)), problem.getString("detail"));
    }
    // the signup form counts against the same mail (and answers with a page)
    HttpResponse<Buffer> form = await(client.post(a.config().httpPort(), "127.0.0.1", "/signup/" + SignupFixture.OPEN_BIG)
      .putHeader("X-Forwarded-For", ip).putHeader("Accept", "text/html")
      .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("mail", "hammer@example.org ")));
    assertEquals(429, form.statusCode());
    assertNotNull(form.getHeader("Retry-After"));
    assertTrue(form.getHeader("Content-Type").startsWith("text/html"), form.getHeader("Content-Type"));
    // another person from the same address is not affected
    assertEquals(201, signup(b, ip, applicant(SignupFixture.OPEN_BIG, "neighbour@example.org")).statusCode());
  }

  @Test
  void dormBehindOneAddressGetsThroughAndOnlyAFloodIsStopped() {
    String dorm = "203.0.113.7";
    long t0 = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 250; i++) burst.add(signupAsync(i % 2 == 0 ? a : b, dorm, applicant(SignupFixture.OPEN_BIG2, "dorm" + i + "@example.org")));
    await(Future.join(burst));
    for (Future<HttpResponse<Buffer>> f : burst) assertEquals(201, f.result().statusCode(), f.result().bodyAsString());

    // far beyond any dorm: the per-address rule (300 at once, refilled 1 a second here, shared by both servers) answers 429
    List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
    for (int i = 0; i < 150; i++) flood.add(signupAsync(i % 2 == 0 ? a : b, dorm, applicant(SignupFixture.OPEN_BIG3, "flood" + i + "@example.org")));
    await(Future.join(flood));
    double seconds = (System.nanoTime() - t0) / 1e9;
    long refused = flood.stream().filter(f -> f.result().statusCode() == 429).count();
    long passed = 250 + 150 - refused;
    assertTrue(passed <= 300 + Math.ceil(seconds) + 2, "one bucket for both servers: " + passed + " passed in " + seconds + " s");
    assertTrue(refused > 0, "the flood is stopped");
    HttpResponse<Buffer> one = flood.stream().map(Future::result).filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertEquals("error.rate-limited.address", one.bodyAsJsonObject().getString("code"));
    assertNotNull(one.getHeader("Retry-After"));
  }

  // --- live seat counts --------------------------------------------------------------------------

  @Test
  void browserOnOneServerSeesSignupsMadeOnTheOtherCoalesced() throws Exception {
    EventStream onA = EventStream.open(vertx, a.config().httpPort());
    try {
      assertEquals(201, signup(b, "192.0.2.10", applicant(SignupFixture.OPEN_SMALL, "live@example.org")).statusCode());
      JsonObject small = onA.awaitCourse(c -> c.getLong("courseId") == SignupFixture.OPEN_SMALL && c.getInteger("free") == 24, 5000);
      assertEquals(25, small.getInteger("seats"));
      assertEquals("free", small.getString("status"));
      assertNotNull(small.getString("statusText"));

      int eventsBefore = onA.events.size();
      long t0 = System.nanoTime();
      List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
      for (int i = 0; i < 200; i++) burst.add(signupAsync(b, "192.0.2." + (20 + i % 50), applicant(SignupFixture.OPEN_FREE, "burst" + i + "@example.org")));
      await(Future.join(burst));
      for (Future<HttpResponse<Buffer>> f : burst) assertEquals(201, f.result().statusCode(), f.result().bodyAsString());
      int free = Integer.parseInt(sql.one("SELECT seats - confirmed_count FROM course WHERE id = " + SignupFixture.OPEN_FREE));
      onA.awaitCourse(c -> c.getLong("courseId") == SignupFixture.OPEN_FREE && c.getInteger("free") == free, 5000);
      int events = onA.events.size() - eventsBefore;
      double flushes = (System.nanoTime() - t0) / 1e9 / 0.5; // live.flush-millis = 500
      assertTrue(events >= 1 && events <= flushes + 2 && events < 50, "200 signups, at most one push per flush: " + events + " in " + flushes + " flushes");
    } finally {
      onA.close();
    }
  }

  // --- Redis down --------------------------------------------------------------------------------

  @Test
  void signupsGoOnWhileRedisIsDownAndHealthSaysDegradedUntilItIsBack() throws Exception {
    assertEquals("UP", ready(a).getString("status"));
    assertEquals("UP", ready(a).getJsonObject("checks").getJsonObject("redis").getString("status"));
    redis.stop();
    try {
      for (int i = 0; i < 10; i++) {
        HttpResponse<Buffer> r = signup(i % 2 == 0 ? a : b, "192.0.2.200", applicant(SignupFixture.OPEN_BIG3, "down" + i + "@example.org"));
        assertEquals(201, r.statusCode(), "no Redis, still signups: " + r.bodyAsString());
      }
      // the limits are local now, but still there
      String mail = "local-limit@example.org";
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) statuses.add(signup(a, "192.0.2.201", applicant(SignupFixture.OPEN_BIG3 - (i % 3), mail)).statusCode());
      assertEquals(429, statuses.get(4), "the local per-mail rule still holds: " + statuses);

      HttpResponse<Buffer> health = await(client.get(b.config().httpPort(), "127.0.0.1", "/health/ready").send());
      assertEquals(200, health.statusCode(), "degraded is still ready");
      assertEquals("DEGRADED", health.bodyAsJsonObject().getString("status"));
      assertEquals("DEGRADED", health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis").getString("status"));
      assertEquals("UP", health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"));
    } finally {
      redis = newRedis();
      redis.start();
    }
    long until = System.currentTimeMillis() + 10_000;
    while (!"UP".equals(ready(a).getString("status")) && System.currentTimeMillis() < until) Thread.sleep(200);
    assertEquals("UP", ready(a).getString("status"));
    assertEquals("UP", ready(b).getString("status"));

    // shared again: limits in Redis and changes across servers
    EventStream onA = EventStream.open(vertx, a.config().httpPort());
    try {
      long deadline = System.currentTimeMillis() + 10_000;
      int n = 0;
      JsonObject seen = null;
      while (seen == null && System.currentTimeMillis() < deadline) {
        assertEquals(201, signup(b, "192.0.2.202", applicant(SignupFixture.OPEN_A1_PARALLEL - (n % 2), "back" + n++ + "@example.org")).statusCode());
        seen = onA.poll(c -> c.getLong("courseId") == SignupFixture.OPEN_A1 || c.getLong("courseId") == SignupFixture.OPEN_A1_PARALLEL, 1500);
      }
      assertNotNull(seen, "after Redis returned, server A hears of signups on B again");
    } finally {
      onA.close();
    }
  }

  @Test
  void catalogueStreamIsAnEventStream() {
    HttpResponse<Buffer> page = await(client.get(a.config().httpPort(), "127.0.0.1", "/").send());
    assertTrue(page.bodyAsString().contains("/static/live-seats.js"));
    HttpResponse<Buffer> js = await(client.get(a.config().httpPort(), "127.0.0.1", "/static/live-seats.js").send());
    assertEquals(200, js.statusCode());
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static JsonObject applicant(long courseId, String mail) {
    return new JsonObject().put("courseId", courseId).put("mail", mail).put("firstName", "Test").put("lastName", "Person")
      .put("originId", SignupFixture.EXTERNAL);
  }

  private HttpResponse<Buffer> signup(Application app, String ip, JsonObject body) {
    return await(signupAsync(app, ip, body));
  }

  private Future<HttpResponse<Buffer>> signupAsync(Application app, String ip, JsonObject body) {
    return client.post(app.config().httpPort(), "127.0.0.1", "/api/signups").putHeader("Content-Type", "application/json")
      .putHeader("X-Forwarded-For", ip).sendBuffer(Buffer.buffer(body.encode()));
  }

  private JsonObject ready(Application app) {
    return await(client.get(app.config().httpPort(), "127.0.0.1", "/health/ready").send()).bodyAsJsonObject();
  }

  /** A minimal Server-Sent Events reader: collects the courses of every "seats" event. */
  private static final class EventStream {
    final List<JsonObject> events = new CopyOnWriteArrayList<>();
    final List<JsonObject> courses = new CopyOnWriteArrayList<>();
    private final HttpClient http;
    private final StringBuilder pending = new StringBuilder();

    private EventStream(HttpClient http) {
      this.http = http;
    }

    static EventStream open(Vertx vertx, int port) {
      HttpClient http = vertx.createHttpClient();
      EventStream s = new EventStream(http);
      HttpClientResponse response = TestApp.await(http.request(HttpMethod.GET, port, "127.0.0.1", "/api/courses/stream")
        .compose(req -> req.putHeader("Accept", "text/event-stream").send()));
      assertEquals(200, response.statusCode());
      assertTrue(response.getHeader("Content-Type").startsWith("text/event-stream"));
      response.handler(s::chunk);
      return s;
    }

    private synchronized void chunk(Buffer b) {
      pending.append(b.toString());
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        String block = pending.substring(0, end);
        pending.delete(0, end + 2);
        if (!block.startsWith("event: seats")) continue;
        JsonObject data = new JsonObject(block.substring(block.indexOf("data: ") + 6));
        events.add(data);
        data.getJsonArray("courses").forEach(c -> courses.add((JsonObject) c));
      }
    }

    JsonObject awaitCourse(Predicate<JsonObject> wanted, long millis) throws InterruptedException {
      JsonObject c = poll(wanted, millis);
      assertNotNull(c, "no such seat event within " + millis + " ms; got " + courses);
      return c;
    }

    JsonObject poll(Predicate<JsonObject> wanted, long millis) throws InterruptedException {
      long until = System.currentTimeMillis() + millis;
      while (System.currentTimeMillis() < until) {
        for (JsonObject c : courses) if (wanted.test(c)) return c;
        Thread.sleep(50);
      }
      return null;
    }

    void close() {
      TestApp.await(http.close());
    }
  }
}
