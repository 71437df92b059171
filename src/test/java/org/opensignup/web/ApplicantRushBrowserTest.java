package org.opensignup.web;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensignup.Application;
import org.opensignup.http.FormTokens;
import org.opensignup.support.Axe;
import org.opensignup.support.Browser;
import org.opensignup.support.CatalogueApi;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An applicant's minute in a rush, on a phone-sized Chromium through the real pages: many tabs, a
 * form left open too long, a window that opens while the page is open, every error at once, the fee
 * by origin, and each outcome in its own words. axe-core checks every page state visited.
 */
class ApplicantRushBrowserTest {
  private static final String SECRET = "applicant-rush-test-secret";
  private static Application app;
  private static Browser browser;
  private static WebDriver web;
  private static String base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    browser = Browser.phone();
    web = browser.driver();
    app = TestApp.start(Map.of("db.demo-data", "true", "security.csrf-secret", SECRET));
    base = "http://127.0.0.1:" + app.config().httpPort();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (app != null) app.close();
  }

  @BeforeEach
  void german() {
    web.get(base + "/?lang=de");
  }

  @AfterEach
  void oneTabLeft() {
    List<String> tabs = new ArrayList<>(web.getWindowHandles());
    for (int i = 1; i < tabs.size(); i++) web.switchTo().window(tabs.get(i)).close();
    web.switchTo().window(tabs.get(0));
  }

  @Test
  void twoTabsSubmittedInEitherOrderBothGoThrough() {
    long one = courseId("English", "B1 1");
    long two = courseId("English", "B1 2");
    for (boolean secondFirst : List.of(true, false)) {
      String suffix = secondFirst ? "a" : "b";
      web.get(base + "/signup/" + one);
      String first = web.getWindowHandle();
      fill("Tabea", "Eins", "tab.one." + suffix + "@example.org", "Externe");
      Axe.check(web, "filled signup form");
      web.switchTo().newWindow(WindowType.TAB);
      String second = web.getWindowHandle();
      web.get(base + "/signup/" + two);
      fill("Tobias", "Zwei", "tab.two." + suffix + "@example.org", "Externe");
      for (String tab : secondFirst ? List.of(second, first) : List.of(first, second)) {
        web.switchTo().window(tab);
        web.findElement(By.id("submit")).click();
        waitFor(ExpectedConditions.urlContains("/status/"));
        assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());
      }
      Axe.check(web, "result page, confirmed");
      web.switchTo().window(second).close();
      web.switchTo().window(first);
    }
    assertEquals(4, count("SELECT count(*) FROM attendance t JOIN applicant a ON a.id = t.applicant_id"
      + " WHERE a.mail_key LIKE 'tab.%' AND t.state = 'confirmed'"));
  }

  @Test
  void aFormLeftOpenTooLongComesBackWithTheValuesAndThenGoesThrough() {
    long course = courseId("English", "B1 1");
    web.get(base + "/signup/" + course);
    fill("Lena", "Langsam", "lena.langsam@example.org", "Externe");
    // the page was loaded longer ago than a token lives
    String old = new FormTokens(SECRET).issue("/signup/" + course, Instant.now().minus(FormTokens.LIFETIME).minusSeconds(60));
    ((JavascriptExecutor) web).executeScript("document.querySelector('input[name=formToken]').value = arguments[0]", old);
    web.findElement(By.id("submit")).click();

    WebElement line = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("form-expired")));
    assertTrue(line.getText().contains("Ihre Eingaben sind erhalten"), line.getText());
    assertEquals("Lena", value("firstName"));
    assertEquals("lena.langsam@example.org", value("mailRepeat"));
    assertEquals("Externe", new Select(web.findElement(By.id("originId"))).getFirstSelectedOption().getText());
    assertEquals(0, count("SELECT count(*) FROM applicant WHERE mail_key = 'lena.langsam@example.org'"));
    Axe.check(web, "expired form shown again");

    web.findElement(By.id("submit")).click();
    waitFor(ExpectedConditions.urlContains("/status/"));
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());
  }

  @Test
  void anEmptySubmitShowsEveryErrorAtOnceWithFocusOnTheSummary() {
    long course = courseId("English", "B1 2");
    web.get(base + "/signup/" + course);
    Axe.check(web, "empty signup form");
    web.findElement(By.id("submit")).click();

    WebElement summary = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
    List<String> links = summary.findElements(By.tagName("a")).stream().map(a -> a.getDomAttribute("href")).toList();
    assertEquals(List.of("#firstName", "#lastName", "#mail", "#mailRepeat", "#originId"), links);
    waitFor(d -> "error-summary".equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
    assertTrue(web.getTitle().startsWith("Fehler (5)"), web.getTitle());
    for (String f : List.of("firstName", "lastName", "mail", "mailRepeat", "originId")) {
      assertEquals("true", web.findElement(By.id(f)).getDomAttribute("aria-invalid"), f);
    }
    Axe.check(web, "form with every error");
    summary.findElement(By.cssSelector("a[href='#mail']")).click();
    waitFor(d -> "mail".equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
  }

  @Test
  void theFeeFollowsTheOriginAndStudentFieldsHideForOthers() {
    long course = courseId("English", "B1 2"); // 60 € course
    web.get(base + "/signup/" + course);
    WebElement fee = web.findElement(By.id("fee"));
    assertEquals("Kursgebühr: 60,00 €", fee.getText());
    Select origin = new Select(web.findElement(By.id("originId")));

    origin.selectByVisibleText("Externe");
    waitFor(ExpectedConditions.textToBe(By.id("fee"), "Ihre Gebühr: 60,00 €"));
    assertFalse(web.findElement(By.id("tag")).isDisplayed(), "no matriculation number for externals");
    assertFalse(web.findElement(By.id("degreeId")).isDisplayed());
    Axe.check(web, "form for an external applicant");

    origin.selectByVisibleText("Beschäftigte");
    waitFor(ExpectedConditions.textToBe(By.id("fee"), "Ihre Gebühr: 30,00 €"));
    assertTrue(web.findElement(By.id("tag")).isDisplayed(), "staff give their user id");
    assertFalse(web.findElement(By.id("semester")).isDisplayed());

    origin.selectByVisibleText("Studierende");
    waitFor(ExpectedConditions.textToBe(By.id("fee"), "Ihre Gebühr: kostenlos, wenn dies Ihr erster Kurs ist; sonst 60,00 €"));
    assertTrue(web.findElement(By.id("semester")).isDisplayed());
    assertTrue(web.findElement(By.id("degreeId")).isDisplayed());
    Axe.check(web, "form for a student");
  }

  @Test
  void thePageOpensByItselfAtTheStartAndTheFormFilledBeforeGoesThrough() throws Exception {
    // a language that opens in a few seconds, first come first served
    long course;
    try (Connection c = db()) {
      c.createStatement().execute("INSERT INTO language (name_de, name_en, signup_begin, signup_end) VALUES"
        + " ('Italienisch', 'Italian', now() + interval '20 seconds', now() + interval '30 days')");
      ResultSet rs = c.createStatement().executeQuery("INSERT INTO course (language_id, level, schedule, seats, price_cents)"
        + " SELECT id, 'Italiano A1', 'Mo 9:45–11:15', 10, 6000 FROM language WHERE name_de = 'Italienisch' RETURNING id");
      rs.next();
      course = rs.getLong(1);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!courses().encode().contains("Italiano A1") && System.nanoTime() < deadline) Thread.sleep(100);
    assertTrue(courses().encode().contains("Italiano A1"), "the new course reaches the catalogue");

    web.get(base + "/");
    String catalogue = web.getWindowHandle();
    By button = By.cssSelector("#course-" + course + " a.button");
    assertFalse(web.findElement(button).isDisplayed(), "closed before the start");
    WebElement countdown = web.findElement(By.cssSelector("#language-" + languageOf(course) + " .countdown"));
    waitFor(d -> countdown.getText().startsWith("Öffnet in 0:00:"));
    Axe.check(web, "catalogue before an opening");

    web.switchTo().newWindow(WindowType.TAB);
    web.get(base + "/signup/" + course);
    fill("Frieda", "Früh", "frieda.frueh@example.org", "Externe");
    WebElement submit = web.findElement(By.id("submit"));
    assertFalse(submit.isEnabled(), "the button waits for the opening");
    assertTrue(web.findElement(By.id("submit-waits")).isDisplayed());
    assertTrue(web.findElement(By.id("countdown")).getText().startsWith("Öffnet in"));
    Axe.check(web, "form filled before the opening");

    new WebDriverWait(web, Duration.ofSeconds(40)).until(ExpectedConditions.elementToBeClickable(By.id("submit")));
    assertEquals("true", String.valueOf(count("SELECT count(*) = 1 FROM language WHERE name_de = 'Italienisch' AND signup_begin <= now()") == 1),
      "opened at the moment, not before");
    assertTrue(web.findElement(By.id("phase-text")).getText().startsWith("Anmeldung geöffnet"), web.findElement(By.id("phase-text")).getText());
    web.findElement(By.id("submit")).click();
    waitFor(ExpectedConditions.urlContains("/status/"));
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());

    web.switchTo().window(catalogue);
    waitFor(ExpectedConditions.visibilityOfElementLocated(button));
    assertTrue(web.findElement(By.cssSelector("#language-" + languageOf(course) + " .phase")).getText().startsWith("Anmeldung geöffnet"));
    Axe.check(web, "catalogue after the opening");
  }

  @Test
  void outcomesAndTheCatalogueSayWhatIsTrueInEnglish() throws Exception {
    web.get(base + "/?lang=en");
    long manual = courseId("German as a foreign language", "Deutsch B2");
    long lottery = courseId("French", "Français A1");
    String row = web.findElement(By.id("course-" + manual)).getText();
    assertTrue(row.contains("assigned by staff"), row);
    assertFalse(row.contains("18 / 18"), "manual assignment shows no free seats: " + row);
    assertEquals("Apply", web.findElement(By.cssSelector("#course-" + manual + " a.button")).getText());
    assertEquals("Enter the lottery", web.findElement(By.cssSelector("#course-" + lottery + " a.button")).getText());
    assertTrue(web.findElement(By.id("course-" + courseId("English", "B1 1"))).getText().contains("Mon 17:30"), "English weekday names");
    String frenchPhase = web.findElement(By.cssSelector("#language-" + languageOf(lottery) + " .phase")).getText();
    assertTrue(frenchPhase.matches(".*\\d{2}:\\d{2} (CET|CEST|GMT\\+0?[12]:?0{0,2}).*"), "a time with its zone: " + frenchPhase);
    Axe.check(web, "catalogue in English");

    String pool = apiSignup(lottery, "pool.person@example.org");
    web.get(base + "/status/" + pool + "?lang=en");
    String poolText = web.findElement(By.id("state")).getText();
    assertTrue(poolText.startsWith("Your application is in the lottery: 1 applications for 25 seats so far. The draw is on "), poolText);
    Axe.check(web, "status page, lottery pool");

    String first = apiSignup(manual, "manual.one@example.org");
    String second = apiSignup(manual, "manual.two@example.org");
    awaitCount("SELECT count(*) FROM attendance WHERE state = 'waiting' AND course_id = " + manual, 2);
    deadlineFor(() -> courseJson(manual).getInteger("waiting") == 2);
    web.get(base + "/status/" + second + "?lang=en");
    String manualText = web.findElement(By.id("state")).getText();
    assertTrue(manualText.startsWith("The language centre assigns the seats of this course itself.") && manualText.contains("place 2 of 2"), manualText);
    Axe.check(web, "status page, manual assignment");
    assertNotNull(first);

    // sign-off: the status page's button only leads to the step that says what happens
    web.findElement(By.id("signoff-button")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("signoff-confirm")));
    assertEquals("If you sign off, your application is withdrawn and your place is lost. This cannot be undone.",
      web.findElement(By.id("signoff-what")).getText());
    Axe.check(web, "sign-off confirmation");
    web.findElement(By.id("signoff-confirm")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("signoff-done")));
    assertEquals("This signup is cancelled.", web.findElement(By.id("state")).getText());
    Axe.check(web, "status page, cancelled");
  }

  @Test
  void mySignupsIsReachedFromEveryPageAndListsTheSignupsFromTheMailedLink() throws Exception {
    String secret = apiSignup(courseId("English", "B1 2"), "mine.browser@example.org");
    web.findElement(By.cssSelector("header a[href='/signup/mine']")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("mine-submit")));
    Axe.check(web, "my signups: ask for the link");
    web.findElement(By.id("mail")).sendKeys("mine.browser@example.org");
    web.findElement(By.id("mine-submit")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("mine-sent")));
    Axe.check(web, "my signups: link sent");

    String link;
    try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
      "SELECT payload->>'listUrl' FROM mail_outbox WHERE kind = 'signup.list' AND recipient = 'mine.browser@example.org'")) {
      assertTrue(rs.next(), "the link went into the outbox");
      link = rs.getString(1);
    }
    web.get(base + link.substring(link.indexOf("/signup/mine/list")));
    WebElement list = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("mine-list")));
    assertTrue(list.getText().contains("English B1 2"), list.getText());
    Axe.check(web, "my signups: the list");
    list.findElement(By.tagName("a")).click();
    waitFor(ExpectedConditions.urlContains("/status/" + secret));
  }

  @Test
  void theCatalogueButtonSaysWaitingListAndComesBackLiveWhenASeatFrees() throws Exception {
    long course;
    try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery("INSERT INTO course (language_id, level, schedule, seats,"
      + " price_cents, waiting_cap_factor) SELECT id, 'English Tiny', 'Fr 8:00–9:30', 1, 0, 1 FROM language WHERE name_de = 'Englisch' RETURNING id")) {
      rs.next();
      course = rs.getLong(1);
    }
    String seated = apiSignup(course, "tiny.seat@example.org");
    deadlineFor(() -> courses().encode().contains("English Tiny") && "waiting_list".equals(courseJson(course).getString("status")));
    web.get(base + "/?lang=de");
    By button = By.cssSelector("#course-" + course + " a.button");
    assertEquals("Auf die Warteliste", web.findElement(button).getText());
    Axe.check(web, "catalogue with a waiting list");

    apiSignup(course, "tiny.waiting@example.org"); // the list (cap 1) is now full too
    waitFor(ExpectedConditions.invisibilityOfElementLocated(button));
    HttpResponse<String> off = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups/" + seated)).DELETE().build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(200, off.statusCode(), off.body());
    // the waiting person moves up, the list has room again: the button comes back without a reload
    try {
      waitFor(ExpectedConditions.textToBe(button, "Auf die Warteliste"));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("row now: " + web.findElement(By.id("course-" + course)).getDomProperty("outerHTML")
        + " / api: " + courseJson(course).encode(), e);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static void fill(String first, String last, String mail, String origin) {
    // a flaky run once found no form here; if it happens again, say what page was there instead
    if (web.findElements(By.id("firstName")).isEmpty()) {
      fail("no signup form at " + web.getCurrentUrl() + " (\"" + web.getTitle() + "\", " + web.getWindowHandles().size() + " tabs):\n"
        + web.getPageSource());
    }
    web.findElement(By.id("firstName")).sendKeys(first);
    web.findElement(By.id("lastName")).sendKeys(last);
    web.findElement(By.id("mail")).sendKeys(mail);
    web.findElement(By.id("mailRepeat")).sendKeys(mail);
    new Select(web.findElement(By.id("originId"))).selectByVisibleText(origin);
  }

  private static String value(String id) {
    return web.findElement(By.id(id)).getDomProperty("value");
  }

  private static <T> T waitFor(ExpectedCondition<T> condition) {
    return new WebDriverWait(web, Duration.ofSeconds(20)).until(condition);
  }

  private static void deadlineFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(200);
    assertTrue(done.getAsBoolean(), "condition within 10 s");
  }

  private static void awaitCount(String sql, long expected) throws InterruptedException {
    deadlineFor(() -> count(sql) == expected);
  }

  private static String apiSignup(long course, String mail) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("courseId", course).put("mail", mail).put("firstName", "Api")
        .put("lastName", "Person").put("originId", count("SELECT id FROM origin WHERE name_de = 'Externe'")).encode())).build(),
      HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() == 201, r.body());
    return new JsonObject(r.body()).getString("secret");
  }

  private static JsonObject courses() {
    return new CatalogueApi(base).courses();
  }

  private static JsonObject courseJson(long id) {
    return new CatalogueApi(base).course(id);
  }

  private static long languageOf(long course) {
    return count("SELECT language_id FROM course WHERE id = " + course);
  }

  private static long courseId(String language, String name) {
    return new CatalogueApi(base).courseId(language, name);
  }

  private static long count(String sql) {
    try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      Object v = rs.getObject(1);
      return v instanceof Boolean b ? (b ? 1 : 0) : rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static Connection db() throws java.sql.SQLException {
    return DriverManager.getConnection(TestDatabases.jdbc(app.config().string("db.url")), "postgres", "");
  }
}
