package org.opensignup.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.CatalogueApi;
import org.opensignup.support.TestApp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A course that needs a placement result says so on its form, with the configured link to the test (the
 * English one on English pages), before and after a refused submit; a course without the gate shows none.
 */
class PlacementTestLinkTest {
  private static final String DE_URL = "https://lernen.example.org/einstufung?kurs=sprachen";
  private static final String EN_URL = "https://lernen.example.org/placement";
  private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
  private static final HttpClient http = HttpClient.newHttpClient();
  private static Application app;
  private static String base;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("db.demo-data", "true", "signup.placement-test-url", DE_URL, "signup.placement-test-url.en", EN_URL));
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void aGatedCoursesFormLinksToThePlacementTestInBothLanguages() throws Exception {
    long gated = new CatalogueApi(base).courseId("English", "B2");
    HttpResponse<String> de = get("/signup/" + gated, "de");
    assertEquals(200, de.statusCode());
    assertTrue(de.body().contains("Einstufungstest zwischen 60 und 80 %"), de.body());
    assertTrue(de.body().contains("href=\"" + DE_URL.replace("&", "&amp;") + "\" id=\"placement-link\""), de.body());
    HttpResponse<String> en = get("/signup/" + gated, "en");
    assertTrue(en.body().contains("placement test result between 60 and 80 %"), en.body());
    assertTrue(en.body().contains("href=\"" + EN_URL + "\" id=\"placement-link\" rel=\"noopener\">Take the placement test</a>"), en.body());

    long open = new CatalogueApi(base).courseId("English", "B1 1");
    assertFalse(get("/signup/" + open, "de").body().contains("id=\"placement\""), "no gate, no placement notice");
  }

  @Test
  void aSubmitRefusedForWantOfAResultKeepsTheWayToTheTest() throws Exception {
    long gated = new CatalogueApi(base).courseId("English", "B2");
    String path = "/signup/" + gated;
    Matcher token = TOKEN.matcher(get(path, "en").body());
    assertTrue(token.find());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("formToken", token.group(1));
    f.put("firstName", "Pia");
    f.put("lastName", "Probe");
    f.put("mail", "pia.probe@example.org");
    f.put("mailRepeat", "pia.probe@example.org");
    f.put("originId", externalOrigin());
    HttpResponse<String> refused = post(path, f, "en");
    assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
    assertTrue(refused.body().contains("needs a placement test"), refused.body());
    assertTrue(refused.body().contains("id=\"placement\" role=\"alert\""), "the way to the test is announced: " + refused.body());
    assertTrue(refused.body().contains("href=\"" + EN_URL + "\""), refused.body());
    assertTrue(refused.body().contains("value=\"pia.probe@example.org\""), "the values are kept");
  }

  private static String externalOrigin() throws Exception {
    String body = get("/api/origins", "en").body().strip();
    io.vertx.core.json.JsonArray origins = body.startsWith("[") ? new io.vertx.core.json.JsonArray(body)
      : new io.vertx.core.json.JsonObject(body).getJsonArray("origins");
    for (Object o : origins) {
      io.vertx.core.json.JsonObject origin = (io.vertx.core.json.JsonObject) o;
      if (origin.encode().contains("\"External\"")) return String.valueOf(origin.getLong("id"));
    }
    throw new AssertionError("no external origin in " + body);
  }

  private static HttpResponse<String> get(String path, String lang) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", lang).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, Map<String, String> fields, String lang) throws Exception {
    String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
      + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
      .header("Accept-Language", lang).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
