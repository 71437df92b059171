package org.opensignup.support;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The running server's /api/courses, read the way a test needs it: courses by language and name, or by id. */
public final class CatalogueApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String base;

  public CatalogueApi(String base) {
    this.base = base;
  }

  public JsonObject courses() {
    try {
      return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/courses")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonObject language(String englishName) {
    return courses().getJsonArray("languages").stream().map(l -> (JsonObject) l)
      .filter(l -> l.getJsonObject("name").getString("en").equals(englishName)).findFirst().orElseThrow();
  }

  public JsonObject course(long id) {
    return courses().getJsonArray("languages").stream().flatMap(l -> ((JsonObject) l).getJsonArray("courses").stream())
      .map(c -> (JsonObject) c).filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
  }

  /** The id of the course of that language (English name) whose name ends with {@code name}. */
  public long courseId(String language, String name) {
    return language(language).getJsonArray("courses").stream().map(c -> (JsonObject) c)
      .filter(c -> c.getString("name").endsWith(name)).findFirst().orElseThrow().getLong("id");
  }
}
