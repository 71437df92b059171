package org.opensignup.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.CatalogueApi;
import org.opensignup.support.OidcBrowser;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's development-login example, as written there, against the demo data: logged in with its
 * claims, Anna signs up as staff (the affiliation claim proves it) and, with the matriculation number the
 * claims carry, as a student (the demo enrolment list holds it); a number not on the list is refused.
 */
class ReadmeDevLoginTest {
  private static MockOAuth2Server oidc;
  private static Application app;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("db.demo-data", "true", "oidc.issuer", oidc.issuerUrl("campus").toString()));
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  /** The claims JSON of the README's dev-login example. */
  private static JsonObject readmeClaims() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("`(\\{\"email\"[^`]*\\})`").matcher(readme);
    assertTrue(m.find(), "the README shows the dev login's claims");
    return new JsonObject(m.group(1));
  }

  @Test
  void theReadmeExampleSignsUpAsStaffAndAsAStudentFromTheDemoEnrolmentList() throws Exception {
    JsonObject claims = readmeClaims();
    OidcBrowser anna = OidcBrowser.login(oidc, base, "anna", claims.getMap(), "/");
    CatalogueApi catalogue = new CatalogueApi(base);

    long staffCourse = catalogue.courseId("English", "B1 1");
    HttpResponse<String> asStaff = anna.postForm("/signup/" + staffCourse, form(claims, origin("Staff"), null), "/signup/" + staffCourse);
    assertEquals(303, asStaff.statusCode(), asStaff.body());

    long studentCourse = catalogue.courseId("French", "Français A2");
    Map<String, String> student = form(claims, origin("Students"), reference("degrees"));
    HttpResponse<String> asStudent = anna.postForm("/signup/" + studentCourse, student, "/signup/" + studentCourse);
    assertEquals(303, asStudent.statusCode(), "the demo enrolment list holds " + claims.getString("preferred_username") + ": " + asStudent.body());

    Sql sql = new Sql(app.config().string("db.url"));
    assertEquals(2, sql.count("SELECT count(*) FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail = '"
      + claims.getString("email") + "' AND t.state <> 'cancelled'"));

    // someone whose number is not on the list is refused as a student
    OidcBrowser other = OidcBrowser.login(oidc, base, "otto", Map.of("email", "otto@uni.example", "email_verified", true,
      "given_name", "Otto", "family_name", "Ohne", "preferred_username", "zz9999"), "/");
    HttpResponse<String> refused = other.postForm("/signup/" + studentCourse, form(new JsonObject().put("email", "otto@uni.example"),
      origin("Students"), reference("degrees")), "/signup/" + studentCourse);
    assertEquals(422, refused.statusCode());
  }

  private static Map<String, String> form(JsonObject claims, String originId, String degreeId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("firstName", claims.getString("given_name", "X"));
    f.put("lastName", claims.getString("family_name", "Y"));
    f.put("mail", claims.getString("email"));
    f.put("mailRepeat", claims.getString("email"));
    f.put("originId", originId);
    if (degreeId != null) {
      f.put("degreeId", degreeId);
      f.put("semester", "3");
    }
    return f;
  }

  private static String origin(String english) throws Exception {
    return idOf(get("/api/origins"), "origins", english);
  }

  private static String reference(String kind) throws Exception {
    String body = get("/api/" + kind).strip();
    JsonArray items = body.startsWith("[") ? new JsonArray(body) : new JsonObject(body).getJsonArray(kind);
    return String.valueOf(items.getJsonObject(0).getLong("id"));
  }

  private static String get(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
      HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String idOf(String body, String kind, String english) {
    body = body.strip();
    JsonArray items = body.startsWith("[") ? new JsonArray(body) : new JsonObject(body).getJsonArray(kind);
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      if (item.encode().contains("\"" + english + "\"")) return String.valueOf(item.getLong("id"));
    }
    throw new AssertionError("no " + english + " in " + body);
  }
}
