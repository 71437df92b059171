package org.opensignup.web;

import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensignup.Application;
import org.opensignup.auth.TagHasher;
import org.opensignup.support.Axe;
import org.opensignup.support.Browser;
import org.opensignup.support.CatalogueApi;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Applicants in a real browser (headless Chromium) on the real pages, with a real OIDC provider
 * (mock-oauth2-server, interactive login) for students and staff. Demo data: English is in
 * first-come-first-served, so every signup is confirmed at once.
 */
class SignupPagesBrowserTest {
  private static MockOAuth2Server oidc;
  private static Application app;
  private static Browser browser;
  private static WebDriver web;
  private static String base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(); // first: without a browser there is nothing to start
    web = browser.driver();
    oidc = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("db.demo-data", "true", "oidc.issuer", oidc.issuerUrl("campus").toString()));
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  @BeforeEach
  void freshBrowserSession() {
    web.get(base + "/health/live");
    web.manage().deleteAllCookies();
    web.get(base + "/?lang=de");
  }

  @Test
  void externalApplicantSignsUpThroughThePagesAndIsConfirmed() {
    long course = courseId("English", "B1 1");
    Axe.check(web, "catalogue");
    web.findElement(By.cssSelector("#course-" + course + " a.button")).click();
    waitFor(ExpectedConditions.urlToBe(base + "/signup/" + course));
    assertTrue(web.findElements(By.id("login")).size() == 1, "OIDC is configured, so the form offers the login");

    fillExternal("Erika", "Muster", "erika.muster@example.org", "erika.muster@example.org");
    web.findElement(By.id("submit")).click();

    waitFor(ExpectedConditions.urlContains("/status/"));
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());
    assertTrue(web.getPageSource().contains("English B1 1"));
    Axe.check(web, "result page after the form");
  }

  @Test
  void mismatchedMailIsShownNextToTheFieldAndTypedValuesAreKept() {
    long course = courseId("English", "B1 2");
    web.get(base + "/signup/" + course);
    fillExternal("Max", "Mustermann", "max@example.org", "maks@example.org");
    web.findElement(By.id("submit")).click();

    WebElement error = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("mailRepeat-error")));
    assertEquals("Die beiden E-Mail-Adressen stimmen nicht überein.", error.getText());
    assertEquals("true", web.findElement(By.id("mailRepeat")).getDomAttribute("aria-invalid"));
    Axe.check(web, "form with a field error");
    assertEquals("Max", web.findElement(By.id("firstName")).getDomProperty("value"));
    assertEquals("Mustermann", web.findElement(By.id("lastName")).getDomProperty("value"));
    assertEquals("max@example.org", web.findElement(By.id("mail")).getDomProperty("value"));
    assertEquals("maks@example.org", web.findElement(By.id("mailRepeat")).getDomProperty("value"));
    assertEquals("Externe", new Select(web.findElement(By.id("originId"))).getFirstSelectedOption().getText());
    assertEquals(0, count("SELECT count(*) FROM applicant WHERE mail_key = 'max@example.org'"));
  }

  @Test
  void signOffOnTheStatusPageFreesTheSeat() throws Exception {
    long course = courseId("English", "B1 2");
    int freeBefore = free(course);
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups"))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("courseId", course).put("mail", "sign.off@example.org")
        .put("firstName", "Sina").put("lastName", "Off").put("originId", originId("Externe")).encode())).build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    String secret = new JsonObject(created.body()).getString("secret");
    awaitFree(course, freeBefore - 1);

    web.get(base + "/status/" + secret);
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());
    web.findElement(By.id("signoff-button")).click();

    // a separate step says what will happen; nothing has changed yet
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("signoff-confirm")));
    assertTrue(web.findElement(By.id("signoff-what")).getText().contains("nicht rückgängig"));
    assertEquals(0, count("SELECT count(*) FROM attendance WHERE secret = '" + secret + "' AND state = 'cancelled'"));
    web.findElement(By.id("signoff-confirm")).click();

    waitFor(ExpectedConditions.textToBe(By.id("state"), "Diese Anmeldung ist storniert."));
    assertEquals("Sie sind abgemeldet. Eine E-Mail bestätigt es.", web.findElement(By.id("signoff-done")).getText());
    assertTrue(web.findElements(By.id("signoff-button")).isEmpty());
    awaitFree(course, freeBefore);
    assertEquals(1, count("SELECT count(*) FROM attendance WHERE secret = '" + secret + "' AND state = 'cancelled'"));
  }

  @Test
  void staffMemberLogsInByOidcGetsIdentityPrefilledAndSignsUpWithHashedTag() {
    long course = courseId("English", "B1 1");
    web.get(base + "/signup/" + course);
    web.findElement(By.id("login")).click();

    // the provider's own login page (mock-oauth2-server, interactive login)
    WebElement user = waitFor(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    user.sendKeys("ab1234");
    web.findElement(By.name("claims")).sendKeys(new JsonObject().put("email", "anna.berg@uni.example")
      .put("given_name", "Anna").put("family_name", "Berg").put("preferred_username", "ab1234")
      // the demo's staff origin is proven by this claim of the login
      .put("affiliation", new io.vertx.core.json.JsonArray().add("staff")).encode());
    web.findElement(By.cssSelector("input[type=submit]")).click();

    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logged-in-as")));
    Axe.check(web, "form of a logged-in applicant");
    assertEquals(base + "/signup/" + course, web.getCurrentUrl());
    assertEquals("Anna Berg (anna.berg@uni.example)", web.findElement(By.id("logged-in-as")).getText());
    for (var e : Map.of("firstName", "Anna", "lastName", "Berg", "mail", "anna.berg@uni.example",
      "mailRepeat", "anna.berg@uni.example", "tag", "ab1234").entrySet()) {
      WebElement field = web.findElement(By.id(e.getKey()));
      assertEquals(e.getValue(), field.getDomProperty("value"), e.getKey());
      assertEquals("true", field.getDomProperty("readOnly"), e.getKey() + " is read-only");
    }
    // a tampered form does not change who signs up: the identity comes from the session
    ((org.openqa.selenium.JavascriptExecutor) web).executeScript(
      "for (const id of ['tag', 'mail', 'mailRepeat']) { const f = document.getElementById(id); f.removeAttribute('readonly');"
        + " f.value = id === 'tag' ? 'forged' : 'forged@example.org'; }");
    new Select(web.findElement(By.id("originId"))).selectByVisibleText("Beschäftigte");
    web.findElement(By.id("submit")).click();

    waitFor(ExpectedConditions.urlContains("/status/"));
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());
    byte[] expected = TagHasher.from(app.config()).hash("ab1234");
    try (Connection c = db(); PreparedStatement st = c.prepareStatement(
      "SELECT a.tag_hash, a.first_name, t.state FROM attendance t JOIN applicant a ON a.id = t.applicant_id WHERE a.mail_key = ? AND t.course_id = ?")) {
      st.setString(1, "anna.berg@uni.example");
      st.setLong(2, course);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "an attendance for the logged-in applicant");
        assertArrayEquals(expected, rs.getBytes(1));
        assertEquals("Anna", rs.getString(2));
        assertEquals("confirmed", rs.getString(3));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }

    assertEquals(0, count("SELECT count(*) FROM applicant WHERE mail_key = 'forged@example.org'"));

    // logging out forgets the identity: the form offers the login again
    web.get(base + "/signup/" + course);
    web.findElement(By.id("logout")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    assertEquals("", web.findElement(By.id("firstName")).getDomProperty("value"));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static void fillExternal(String first, String last, String mail, String repeat) {
    web.findElement(By.id("firstName")).sendKeys(first);
    web.findElement(By.id("lastName")).sendKeys(last);
    web.findElement(By.id("mail")).sendKeys(mail);
    web.findElement(By.id("mailRepeat")).sendKeys(repeat);
    new Select(web.findElement(By.id("originId"))).selectByVisibleText("Externe");
  }

  private static <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    return new WebDriverWait(web, Duration.ofSeconds(15)).until(condition);
  }

  private static JsonObject course(long id) {
    return new CatalogueApi(base).course(id);
  }

  private static long courseId(String language, String name) {
    return new CatalogueApi(base).courseId(language, name);
  }

  private static int free(long course) {
    return course(course).getInteger("free");
  }

  /** The catalogue is cached briefly, so the count is polled. */
  private static void awaitFree(long course, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int now;
    while ((now = free(course)) != expected && System.nanoTime() < deadline) Thread.sleep(200);
    assertEquals(expected, now, "free seats of course " + course);
  }

  private static long originId(String nameDe) {
    return count("SELECT id FROM origin WHERE name_de = '" + nameDe + "'");
  }

  private static long count(String sql) {
    try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static Connection db() throws java.sql.SQLException {
    return DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "");
  }
}
