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
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The applicants' forms over plain HTTP: stateless signed tokens instead of sessions (any number of
 * page loads work, a foreign or missing token is refused, an expired one shows the form again), no
 * session for anonymous visitors, the session cookie's flags, every missing field at once, and the
 * JSON lists API clients need. The public URL is https, so the cookie must be Secure.
 */
class ApplicantFormsTest {
  private static final String SECRET = "applicant-forms-test-secret";
  private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
  private static MockOAuth2Server oidc;
  private static Application app;
  private static String base;
  private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("db.demo-data", "true", "oidc.issuer", oidc.issuerUrl("campus").toString(),
      "http.public-url", "https://signup.example.org", "security.csrf-secret", SECRET));
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  @Test
  void anonymousVisitorsGetNoSession() throws Exception {
    long course = courseId("English", "B1 1");
    String secret = apiSignup(courseId("English", "B1 2"), "no.session@example.org");
    for (String path : List.of("/", "/signup/" + course, "/status/" + secret, "/status/" + secret + "/signoff")) {
      HttpResponse<String> r = get(path);
      assertEquals(200, r.statusCode(), path);
      assertNoSessionCookie(r, path);
    }
    HttpResponse<String> refused = post("/signup/" + course, form(tokenOf(get("/signup/" + course)), "firstName", "Nora"));
    assertEquals(422, refused.statusCode());
    assertNoSessionCookie(refused, "POST /signup");
  }

  @Test
  void theSessionCookieOfALoginIsHttpOnlyAndSecureUnderHttps() throws Exception {
    HttpResponse<String> login = get("/auth/login?return=/");
    String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("opensignup.session=")).findFirst()
      .orElseThrow(() -> new AssertionError("the login keeps its state in a session: " + login.headers().map()));
    List<String> flags = List.of(cookie.toLowerCase(java.util.Locale.ROOT).split(";\\s*"));
    assertTrue(flags.contains("httponly"), cookie);
    assertTrue(flags.contains("secure"), cookie);
    assertTrue(flags.contains("samesite=lax"), cookie);
  }

  @Test
  void aMissingForgedOrForeignTokenIsRefusedWith403AndChangesNothing() throws Exception {
    long course = courseId("English", "B1 1");
    long other = courseId("English", "B1 2");
    Map<String, String> person = person("forged@example.org");
    assertEquals(403, post("/signup/" + course, form(null, person)).statusCode());
    assertEquals(403, post("/signup/" + course, form("1234.abcd", person)).statusCode());
    assertEquals(403, post("/signup/" + course, form(tokenOf(get("/signup/" + other)), person)).statusCode(),
      "a token opens only the form it was issued for");
    assertEquals(403, post("/signup/" + course, form(new FormTokens("another-secret").issue("/signup/" + course, Instant.now()), person)).statusCode());
    assertEquals(0, count("SELECT count(*) FROM applicant WHERE mail_key = 'forged@example.org'"));

    String secret = apiSignup(other, "keeps.seat@example.org");
    String acceptToken = new FormTokens(SECRET).issue("/status/" + secret + "/accept", Instant.now());
    assertEquals(403, post("/status/" + secret + "/signoff", form(null, Map.of())).statusCode());
    assertEquals(403, post("/status/" + secret + "/signoff", form(acceptToken, Map.of())).statusCode());
    assertEquals(1, count("SELECT count(*) FROM attendance WHERE secret = '" + secret + "' AND state = 'confirmed'"));
  }

  @Test
  void formsFromManyPageLoadsAllWorkInEitherOrder() throws Exception {
    long course = courseId("English", "B1 1");
    String first = tokenOf(get("/signup/" + course));
    String second = tokenOf(get("/signup/" + course));
    HttpResponse<String> b = post("/signup/" + course, form(second, person("tab.two@example.org")));
    HttpResponse<String> a = post("/signup/" + course, form(first, person("tab.one@example.org")));
    assertEquals(303, b.statusCode(), b.body());
    assertEquals(303, a.statusCode(), a.body());
    assertTrue(a.headers().firstValue("Location").orElseThrow().startsWith("/status/"));
    // the same token again (back button, retry) is still accepted: the answer is the signup's own
    // (already signed up, link mailed again), not a refused form
    HttpResponse<String> again = post("/signup/" + course, form(first, person("tab.one@example.org")));
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("id=\"form-error\""), again.body());
  }

  @Test
  void aCourseCreatedAMomentAgoHasItsFormAtOnce() throws Exception {
    assertEquals(200, get("/").statusCode(), "the catalogue is now cached");
    long course = count("INSERT INTO course (language_id, level, schedule, seats, price_cents) SELECT id, 'Brandneu A1',"
      + " 'Di 8:00–9:30', 12, 6000 FROM language WHERE name_en = 'English' RETURNING id");
    HttpResponse<String> form = get("/signup/" + course);
    assertEquals(200, form.statusCode(), "not 'no such course' while the cached catalogue is a moment old: " + form.body());
    assertTrue(form.body().contains("Brandneu A1"));
    assertEquals(404, get("/signup/987654").statusCode(), "an unknown course is still unknown");
  }

  @Test
  void anExpiredFormIsShownAgainWithTheValuesAndOneLine() throws Exception {
    long course = courseId("English", "B1 1");
    String old = new FormTokens(SECRET).issue("/signup/" + course, Instant.now().minus(FormTokens.LIFETIME).minus(Duration.ofMinutes(5)));
    HttpResponse<String> r = post("/signup/" + course, form(old, person("slow.typist@example.org")));
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("id=\"form-expired\""), r.body());
    assertTrue(r.body().contains("value=\"slow.typist@example.org\""));
    assertTrue(r.body().contains("value=\"Sam\""));
    assertNotEquals(old, tokenOf(r), "the form comes back with a fresh token");
    assertEquals(0, count("SELECT count(*) FROM applicant WHERE mail_key = 'slow.typist@example.org'"));
    assertEquals(303, post("/signup/" + course, form(tokenOf(r), person("slow.typist@example.org"))).statusCode());
  }

  @Test
  void anEmptySubmitNamesEveryMissingFieldAtOnce() throws Exception {
    long course = courseId("English", "B1 1");
    HttpResponse<String> r = post("/signup/" + course, form(tokenOf(get("/signup/" + course)), Map.of()));
    assertEquals(422, r.statusCode());
    for (String field : List.of("firstName", "lastName", "mail", "mailRepeat", "originId")) {
      assertTrue(r.body().contains("<a href=\"#" + field + "\">"), field + " in the error summary");
    }
    assertTrue(r.body().contains("<title>Fehler (5): Anmeldung"), "the title says there are errors");

    // a student who gives no matriculation number, degree or semester hears about all three in one round
    Map<String, String> student = new LinkedHashMap<>(person("student@example.org"));
    student.put("originId", String.valueOf(count("SELECT id FROM origin WHERE name_de = 'Studierende'")));
    HttpResponse<String> s = post("/signup/" + course, form(tokenOf(get("/signup/" + course)), student));
    assertEquals(422, s.statusCode());
    for (String field : List.of("tag", "degreeId", "semester")) assertTrue(s.body().contains("<a href=\"#" + field + "\">"), field);
  }

  @Test
  void apiClientsGetTheChoicesAndTheTimetable() throws Exception {
    JsonArray origins = new JsonObject(get("/api/origins").body()).getJsonArray("origins");
    assertEquals(4, origins.size());
    JsonObject staff = origins.stream().map(o -> (JsonObject) o).filter(o -> o.getJsonObject("name").getString("en").equals("Staff"))
      .findFirst().orElseThrow();
    assertEquals(50, staff.getInteger("discountPercent"));
    assertTrue(staff.getBoolean("internal"));
    assertEquals(3, new JsonObject(get("/api/degrees").body()).getJsonArray("degrees").size());
    assertEquals(3, new JsonObject(get("/api/graduations").body()).getJsonArray("graduations").size());

    JsonObject french = language("French");
    assertEquals("lottery", french.getString("phase"));
    for (String k : List.of("signupBegin", "lotteryEnd", "fcfsBegin", "signupEnd")) assertNotNull(french.getString(k), k);
    assertFalse(french.getBoolean("manual"));
    JsonObject a1 = french.getJsonArray("courses").getJsonObject(0);
    assertEquals(0, a1.getInteger("pool"));
    apiSignup(a1.getLong("id"), "lottery.api@example.org");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (language("French").getJsonArray("courses").getJsonObject(0).getInteger("pool") != 1 && System.nanoTime() < deadline) Thread.sleep(200);
    assertEquals(1, language("French").getJsonArray("courses").getJsonObject(0).getInteger("pool"), "pool size in the catalogue");
    assertTrue(language("German as a foreign language").getBoolean("manual"));
  }

  @Test
  void mySignupsMailsALinkThatListsEverySignupOfTheAddress() throws Exception {
    String english = apiSignup(courseId("English", "B1 2"), "Many.Signups@example.org");
    String french = apiSignup(courseId("French", "A1"), "many.signups@example.org");
    HttpResponse<String> page = get("/signup/mine");
    assertEquals(200, page.statusCode());
    assertNoSessionCookie(page, "GET /signup/mine");
    assertEquals(403, post("/signup/mine", form(null, "mail", "many.signups@example.org")).statusCode(), "the form has a token too");

    HttpResponse<String> sent = post("/signup/mine", form(tokenOf(page), "mail", "many.signups@example.org"));
    assertEquals(200, sent.statusCode());
    assertTrue(sent.body().contains("id=\"mine-sent\""));
    // an address without signups gets the same answer, and no mail
    HttpResponse<String> unknown = post("/signup/mine", form(tokenOf(page), "mail", "nobody.here@example.org"));
    assertEquals(200, unknown.statusCode());
    assertTrue(unknown.body().contains("id=\"mine-sent\""));
    assertEquals(0, count("SELECT count(*) FROM mail_outbox WHERE kind = 'signup.list' AND lower(recipient) = 'nobody.here@example.org'"));

    String link;
    try (Connection c = DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "");
         ResultSet rs = c.createStatement().executeQuery("SELECT payload->>'listUrl', locale FROM mail_outbox WHERE kind = 'signup.list'"
           + " AND lower(recipient) = 'many.signups@example.org'")) {
      assertTrue(rs.next(), "one mail with the link");
      link = rs.getString(1);
      assertEquals("de", rs.getString(2), "in the page's language");
      assertFalse(rs.next());
    }
    String publicUrl = "https://signup.example.org";
    assertTrue(link.startsWith(publicUrl + "/signup/mine/list?"), link);
    HttpResponse<String> list = get(link.substring(publicUrl.length()));
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("/status/" + english) && list.body().contains("/status/" + french), list.body());
    assertTrue(list.body().contains("English B1 2") && list.body().contains("Français A1"));
    assertEquals(403, get(link.substring(publicUrl.length()).replace("many.signups", "other.person")).statusCode(),
      "the link opens only its own address's list");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static Map<String, String> person(String mail) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("firstName", "Sam");
    m.put("lastName", "Sample");
    m.put("mail", mail);
    m.put("mailRepeat", mail);
    m.put("originId", String.valueOf(count("SELECT id FROM origin WHERE name_de = 'Externe'")));
    return m;
  }

  private static Map<String, String> form(String token, Map<String, String> fields) {
    Map<String, String> m = new LinkedHashMap<>(fields);
    if (token != null) m.put("formToken", token);
    return m;
  }

  private static Map<String, String> form(String token, String k, String v) {
    return form(token, Map.of(k, v));
  }

  private static String tokenOf(HttpResponse<String> page) {
    Matcher m = TOKEN.matcher(page.body());
    assertTrue(m.find(), "the page has a form token");
    return m.group(1);
  }

  private static void assertNoSessionCookie(HttpResponse<String> r, String what) {
    assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("opensignup.session")),
      what + " must not create a session: " + r.headers().allValues("Set-Cookie"));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "de").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
      + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
      .header("Accept-Language", "de").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String apiSignup(long course, String mail) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("courseId", course).put("mail", mail).put("firstName", "Api")
        .put("lastName", "Client").put("originId", count("SELECT id FROM origin WHERE name_de = 'Externe'")).encode())).build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("secret");
  }

  private static JsonObject language(String en) {
    return new CatalogueApi(base).language(en);
  }

  private static long courseId(String language, String name) {
    return new CatalogueApi(base).courseId(language, name);
  }

  private static long count(String sql) {
    try (Connection c = DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "");
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
