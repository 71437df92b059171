package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.TestApp.await;

/** The running server: health, catalogue page and API, errors, headers, the dev mail viewer, the verticles. */
@ExtendWith(VertxExtension.class)
class FoundationRoutesTest {
  private static Application app;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    app = TestApp.start(Map.of("db.demo-data", "true"));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.config().httpPort()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> get(String path, String... headers) {
    var req = client.get(path);
    for (int i = 0; i < headers.length; i += 2) req.putHeader(headers[i], headers[i + 1]);
    return await(req.send());
  }

  @Test
  void livenessAndReadinessAreUp() {
    assertEquals(200, get("/health/live").statusCode());
    HttpResponse<Buffer> ready = get("/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("done", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("migrations"));
  }

  @Test
  void apiListsLanguagesWithCoursesAndFreeSeats() {
    HttpResponse<Buffer> r = get("/api/courses");
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    JsonObject english = r.bodyAsJsonObject().getJsonArray("languages").stream().map(o -> (JsonObject) o)
      .filter(l -> l.getJsonObject("name").getString("en").equals("English")).findFirst().orElseThrow();
    assertEquals("fcfs", english.getString("phase"));
    JsonObject b2 = english.getJsonArray("courses").stream().map(o -> (JsonObject) o)
      .filter(c -> c.getString("level").equals("English B2")).findFirst().orElseThrow();
    assertEquals(4, b2.getInteger("free"));
    assertEquals("few_left", b2.getString("status"), "4 free seats count as few");
  }

  @Test
  void cataloguePageSpeaksGermanByDefaultAndEnglishWhenAsked() {
    HttpResponse<Buffer> de = get("/");
    assertEquals(200, de.statusCode());
    assertTrue(de.bodyAsString().contains("Kursangebot"));
    assertTrue(de.bodyAsString().contains("English B1"));
    assertTrue(get("/", "Accept-Language", "en-GB,en;q=0.9").bodyAsString().contains("Courses on offer"));
    HttpResponse<Buffer> switched = get("/?lang=en", "Accept-Language", "de");
    assertTrue(switched.bodyAsString().contains("Courses on offer"));
    assertTrue(switched.cookies().stream().anyMatch(c -> c.startsWith("lang=en")), "the choice is remembered");
  }

  @Test
  void everyAnswerCarriesSecurityHeaders() {
    HttpResponse<Buffer> r = get("/");
    assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
    assertEquals("DENY", r.getHeader("X-Frame-Options"));
    assertTrue(r.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
  }

  @Test
  void unknownApiPathIsProblemJsonAndUnknownPageIsFriendlyHtml() {
    HttpResponse<Buffer> api = get("/api/nothing-here");
    assertEquals(404, api.statusCode());
    assertEquals("application/problem+json", api.getHeader("Content-Type"));
    assertEquals(404, api.bodyAsJsonObject().getInteger("status"));
    assertFalse(api.bodyAsJsonObject().getString("detail").isBlank());
    HttpResponse<Buffer> page = get("/nothing-here", "Accept", "text/html");
    assertEquals(404, page.statusCode());
    assertTrue(page.bodyAsString().contains("Diese Seite gibt es nicht."));
    assertFalse(page.bodyAsString().contains("Exception"));
  }

  @Test
  void uploadFromSomeoneNotLoggedInIsRefusedBeforeItIsRead() {
    var r = await(client.post("/admin/harvest/upload").putHeader("Content-Type", "multipart/form-data; boundary=b")
      .sendBuffer(Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\n"
        + "a,b\n".repeat(1000) + "\r\n--b--\r\n")));
    assertEquals(401, r.statusCode());
  }

  @Test
  void staticFilesAreServedFromWebroot() {
    HttpResponse<Buffer> css = get("/static/app.css");
    assertEquals(200, css.statusCode());
    assertTrue(css.getHeader("Content-Type").startsWith("text/css"));
  }

  @Test
  void devMailViewerShowsTheSink() {
    assertEquals(200, get("/dev/mails").statusCode());
    assertEquals(0, get("/dev/mails.json").bodyAsJsonObject().getInteger("count"));
  }

  @Test
  void metricsAreNotPublicWithoutTokenOrManagementPort() {
    // served only with metrics.token or on metrics.port: see MetricsAccessTest
    assertEquals(404, get("/metrics").statusCode());
  }

  @Test
  void mailAndHarvestVerticlesAnswerOnTheEventBus() {
    JsonObject stats = await(app.vertx().eventBus().<JsonObject>request(Bus.MAIL_STATS, new JsonObject())).body();
    assertEquals(0L, stats.getLong("pending"));
    JsonObject harvest = await(app.vertx().eventBus().<JsonObject>request(Bus.HARVEST_STATUS, new JsonObject())).body();
    assertNotNull(harvest.getJsonArray("sources"));
  }
}
