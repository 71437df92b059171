package org.opensignup.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensignup.Application;
import org.opensignup.support.LogCapture;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The door refuses, through the real routes, what would fail later: addresses the mailer cannot
 * take, names that are not text or carry bidi and C1 controls, malformed query strings on any route.
 */
class DoorTest {
  private static final Pattern CSRF = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");
  private static Application app;
  private static Sql sql;
  private static String base;
  private static final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private static final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of());
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postJson(JsonObject body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  private static JsonObject applicant(String mail) {
    return new JsonObject().put("courseId", SignupFixture.OPEN_BIG).put("mail", mail).put("firstName", "Ada").put("lastName", "Lovelace")
      .put("originId", SignupFixture.EXTERNAL);
  }

  private static void assertRefused(HttpResponse<String> r, String field, String code) {
    assertEquals(422, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonObject problem = new JsonObject(r.body());
    assertEquals(field, problem.getString("field"), r.body());
    assertEquals(code, problem.getString("code"), r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a@b.cd>", "a,b@c.de", "\"q\"@c.de", "a;b@c.de", "Ada <ada@uni.example>", "a@[127.0.0.1]"})
  void addressesTheMailerWouldRefuseAreRefusedAtTheDoor(String mail) throws Exception {
    long before = sql.count("SELECT count(*) FROM attendance");
    assertRefused(postJson(applicant(mail)), "mail", "signup.error.mail-invalid");
    assertEquals(before, sql.count("SELECT count(*) FROM attendance"));
    assertEquals(0, sql.count("SELECT count(*) FROM mail_outbox WHERE recipient LIKE '%c.de%' OR recipient LIKE '%b.cd%'"));
  }

  @Test
  void namesMustBeTextWithoutBidiOrC1Controls() throws Exception {
    assertRefused(postJson(applicant("n1@uni.example").put("firstName", 42)), "firstName", "signup.error.not-text");
    assertRefused(postJson(applicant("n2@uni.example").put("lastName", new JsonArray().add("Love"))), "lastName", "signup.error.not-text");
    assertRefused(postJson(applicant("n3@uni.example").put("lastName", new JsonObject().put("a", 1))), "lastName", "signup.error.not-text");
    assertRefused(postJson(applicant("n4@uni.example").put("lastName", "Love\u202Eecal")), "lastName", "signup.error.control-characters");
    assertRefused(postJson(applicant("n5@uni.example").put("firstName", "\u2066Ada\u2069")), "firstName", "signup.error.control-characters");
    assertRefused(postJson(applicant("n6@uni.example").put("lastName", "Love\u0085lace")), "lastName", "signup.error.control-characters");
    assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail LIKE 'n_@uni.example'"));
  }

  @Test
  void idsMayStillBeNumbersOrDigitStrings() throws Exception {
    HttpResponse<String> r = postJson(applicant("ids@uni.example").put("courseId", String.valueOf(SignupFixture.OPEN_BIG)).put("originId", "3")
      .put("firstName", "Jürgen").put("lastName", "Müller-Lüdenscheidt"));
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void theFormRefusesTheSameAddresses() throws Exception {
    HttpResponse<String> page = get("/signup/" + SignupFixture.OPEN_BIG);
    assertEquals(200, page.statusCode());
    Matcher m = CSRF.matcher(page.body());
    assertTrue(m.find(), "the form carries a CSRF token");
    String form = "X-XSRF-TOKEN=" + enc(m.group(1)) + "&firstName=Ada&lastName=" + enc("Love\u202Elace") + "&mail=" + enc("a;b@c.de")
      + "&mailRepeat=" + enc("a;b@c.de") + "&originId=3";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/signup/" + SignupFixture.OPEN_BIG))
      .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    assertEquals(422, r.statusCode(), r.body());
    assertTrue(r.body().contains("id=\"mail-error\""), "the mail field is marked");
    assertTrue(r.body().contains("id=\"lastName-error\""), "the name field is marked");
    assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail = 'a;b@c.de'"));
  }

  @Test
  void malformedQueryStringsAreABadRequestOnEveryRoute() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      for (String path : List.of("/api/courses?a=%ZZ", "/health/live?a=%ZZ", "/health/ready?x=%", "/api/signups/abc?q=%E0%A4%A",
          "/metrics?%ZZ")) {
        Raw r = raw("GET", path, null, null);
        assertEquals(400, r.status(), path + ": " + r.body());
        assertEquals("application/problem+json", r.contentType(), path);
        JsonObject problem = new JsonObject(r.body());
        assertEquals("error.bad-query", problem.getString("code"), path);
        assertEquals("query", problem.getString("field"), path);
      }
      for (String path : List.of("/?a=%ZZ", "/?lang=%ZZ", "/signup/15?a=%ZZ", "/status/abcdefghijklmnopqrstuvwxyz?a=%ZZ", "/admin?a=%ZZ",
          "/dev/mails?a=%ZZ", "/static/app.css?v=%ZZ", "/no/such/page?a=%ZZ")) {
        Raw r = raw("GET", path, null, null);
        assertEquals(400, r.status(), path + ": " + r.body());
        assertTrue(r.contentType().startsWith("text/html"), path + ": " + r.contentType());
        assertTrue(r.body().contains("The address contains invalid characters"), path + ": " + r.body());
      }
      Raw post = raw("POST", "/api/signups?x=%ZZ", "application/json", applicant("q@uni.example").encode());
      assertEquals(400, post.status(), post.body());
      assertEquals(0, sql.count("SELECT count(*) FROM applicant WHERE mail = 'q@uni.example'"));
      List<ILoggingEvent> errors = logs.from("").stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).toList();
      assertEquals(List.of(), errors.stream().map(ILoggingEvent::getFormattedMessage).toList(), "a bad request is not logged");
    }
    assertEquals(200, get("/api/courses?a=%20ok").statusCode(), "a well-formed query still works");
  }

  @Test
  void malformedPathsAndFormBodiesAreABadRequestToo() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      for (String path : List.of("/status/%ZZ", "/api/signups/%ZZ", "/signup/%E0%A4%A")) {
        Raw r = raw("GET", path, null, null);
        assertTrue(r.status() == 400 || r.status() == 404, path + ": " + r.status() + " " + r.body());
      }
      Raw form = raw("POST", "/signup/" + SignupFixture.OPEN_BIG, "application/x-www-form-urlencoded", "firstName=%ZZ&mail=a%");
      assertTrue(form.status() == 400 || form.status() == 403, "refused (bad request, or the missing CSRF token): " + form.status() + " " + form.body());
      HttpResponse<String> page = get("/signup/" + SignupFixture.OPEN_BIG);
      Matcher m = CSRF.matcher(page.body());
      assertTrue(m.find());
      HttpResponse<String> withToken = send(HttpRequest.newBuilder(URI.create(base + "/signup/" + SignupFixture.OPEN_BIG))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("X-XSRF-TOKEN=" + enc(m.group(1)) + "&firstName=%ZZ&mail=a%")));
      assertEquals(400, withToken.statusCode(), withToken.body());
      assertEquals(List.of(), logs.from("").stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
        .map(ILoggingEvent::getFormattedMessage).toList());
    }
  }

  /** What a raw request got back (java.net.URI would refuse to send a malformed query). */
  private record Raw(int status, String contentType, String body) {}

  private static Raw raw(String method, String target, String contentType, String body) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.config().httpPort())) {
      socket.setSoTimeout(30_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\nConnection: close\r\n"
        + (contentType == null ? "Accept: text/html\r\n" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + content.length + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(content);
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      String headers = answer.substring(0, split);
      Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(headers);
      return new Raw(Integer.parseInt(headers.substring(9, 12)), type.find() ? type.group(1).strip() : "", answer.substring(split + 4));
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
