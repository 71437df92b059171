package org.opensignup.web;

import io.vertx.core.json.JsonObject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensignup.Application;
import org.opensignup.admin.StaffInput;
import org.opensignup.support.Axe;
import org.opensignup.support.Browser;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A superuser runs the start of a semester in a real browser (headless Chromium) against the real
 * OIDC provider (mock-oauth2-server, interactive login): creates a language and two courses on the
 * pages, opens the window; an applicant signs up on the public page; staff find them by typing three
 * letters and move them to the other course. The seat counts on the staff and public pages follow.
 */
class StaffDeskBrowserTest {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static MockOAuth2Server oidc;
  private static Application app;
  private static Browser browser;
  private static WebDriver web;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(); // first: without a browser there is nothing to start
    web = browser.driver();
    oidc = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "boss"));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql); // origins for the public form (and other languages, which the catalogue lists too)
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  @Test
  void superuserCreatesALanguageAndCoursesOpensTheWindowFindsTheNewApplicantByThreeLettersAndMovesThem() {
    web.get(base + "/health/live");
    web.manage().deleteAllCookies();
    loginAsSuperuser("/admin/semester");
    Axe.check(web, "semester page");

    // a language without a window yet
    web.findElement(By.id("nameDe")).sendKeys("Baskisch");
    web.findElement(By.id("nameEn")).sendKeys("Basque");
    web.findElement(By.id("save-language")).click();
    waitFor(ExpectedConditions.urlMatches("/admin/languages/\\d+"));
    long language = idIn(web.getCurrentUrl(), "/admin/languages/(\\d+)");
    Axe.check(web, "language page");

    long morning = createCourse(language, "Morgen");
    long evening = createCourse(language, "Abend");

    // open the window: first come first served from ten minutes ago for a week (local times of the centre)
    web.get(base + "/admin/languages/" + language);
    LocalDateTime now = LocalDateTime.now(StaffInput.ZONE);
    setValue("signupBegin", now.minusMinutes(10).format(LOCAL));
    setValue("signupEnd", now.plusDays(7).format(LOCAL));
    web.findElement(By.id("save-language")).click();
    waitFor(ExpectedConditions.urlContains("saved=1"));
    assertEquals(1, sql.count("SELECT count(*) FROM language WHERE name_de = 'Baskisch' AND signup_begin < now() AND signup_end > now()"));

    // an applicant signs up on the public page (a browser without the staff session)
    web.manage().deleteAllCookies();
    web.get(base + "/?lang=de");
    WebElement button = waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#course-" + morning + " a.button")));
    button.click();
    waitFor(ExpectedConditions.urlToBe(base + "/signup/" + morning));
    web.findElement(By.id("firstName")).sendKeys("Quirin");
    web.findElement(By.id("lastName")).sendKeys("Zanetti");
    web.findElement(By.id("mail")).sendKeys("quirin.zanetti@example.org");
    web.findElement(By.id("mailRepeat")).sendKeys("quirin.zanetti@example.org");
    new Select(web.findElement(By.id("originId"))).selectByVisibleText("Externe");
    web.findElement(By.id("submit")).click();
    waitFor(ExpectedConditions.urlContains("/status/"));
    assertEquals("Sie haben einen Platz.", web.findElement(By.id("state")).getText());

    // staff find them by typing three letters
    loginAsSuperuser("/admin/applicants");
    WebElement search = web.findElement(By.id("applicant-search"));
    search.sendKeys("Zan");
    WebElement found = waitFor(ExpectedConditions.elementToBeClickable(By.linkText("Quirin Zanetti")));
    Axe.check(web, "applicant search with results");
    found.click();
    waitFor(ExpectedConditions.urlMatches("/admin/applicants/\\d+$"));
    Axe.check(web, "applicant page");

    // and move them to the evening course
    WebElement move = web.findElement(By.cssSelector("select[id^='move-to-']"));
    long attendance = idIn(move.getDomAttribute("id"), "move-to-(\\d+)");
    new Select(move).selectByVisibleText("A1 Abend");
    web.findElement(By.id("move-" + attendance)).click();
    waitFor(ExpectedConditions.urlContains("done=1"));
    assertEquals("confirmed|" + evening, sql.one("SELECT state || '|' || course_id FROM attendance WHERE id = " + attendance));

    // the seat counts on the staff page
    web.get(base + "/admin/languages/" + language);
    assertEquals("0", cell(morning, 3), "confirmed in the morning course");
    assertEquals("1", cell(evening, 3), "confirmed in the evening course");
    // and on the public catalogue (read at most a second late)
    web.manage().deleteAllCookies();
    new WebDriverWait(web, Duration.ofSeconds(15)).until(d -> {
      d.get(base + "/?lang=de");
      return "5 / 5".equals(free(morning)) && "4 / 5".equals(free(evening));
    });
  }

  @Test
  void staffCloseACourseOnItsPageAndEditAnApplicantsDataInTheBrowser() {
    web.get(base + "/health/live");
    web.manage().deleteAllCookies();
    sql.exec("INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (900, 'vera@example.org', 'vera@example.org', 'Vera', 'Vogt', 3)",
      "INSERT INTO attendance (applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES (900, 16, 'confirmed', 6000, 'secret-vera-aaaaaaaaaaaaa', now())",
      "UPDATE course SET confirmed_count = confirmed_count + 1 WHERE id = 16");
    loginAsSuperuser("/admin/courses/16/settings");
    web.findElement(By.id("close-course")).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("course-closed-notice")));
    assertEquals(1, web.findElements(By.id("reopen-course")).size(), "a closed course offers to reopen it");
    assertEquals(0, web.findElements(By.id("close-course")).size());
    Axe.check(web, "course settings of a closed course");
    assertEquals("confirmed", sql.one("SELECT state FROM attendance WHERE applicant_id = 900"), "the attendance stays");

    web.get(base + "/admin/applicants/900");
    web.findElement(By.id("edit-applicant")).click();
    waitFor(ExpectedConditions.urlContains("/admin/applicants/900/edit"));
    Axe.check(web, "applicant data form");
    WebElement last = web.findElement(By.id("lastName"));
    last.clear();
    last.sendKeys("Vogt-Weber");
    new Select(web.findElement(By.id("locale"))).selectByValue("en");
    web.findElement(By.id("save-applicant")).click();
    waitFor(ExpectedConditions.urlContains("/admin/applicants/900?saved=1"));
    assertEquals("Vera Vogt-Weber", web.findElement(By.tagName("h1")).getText());
    assertEquals("Vogt-Weber|en|true", sql.one("SELECT last_name || '|' || locale || '|' || (tag_hash IS NULL) FROM applicant WHERE id = 900"));

    // the public catalogue shows the course closed, without a signup button
    web.manage().deleteAllCookies();
    new WebDriverWait(web, Duration.ofSeconds(15)).until(d -> {
      d.get(base + "/?lang=de");
      return "Geschlossen".equals(d.findElement(By.cssSelector("#course-16 span.status")).getText());
    });
    assertFalse(web.findElement(By.cssSelector("#course-16 a.button")).isDisplayed());
  }

  // --- steps -------------------------------------------------------------------------------------

  /** The provider's own login page: user name and the claims of the id token. */
  private static void loginAsSuperuser(String returnPath) {
    web.get(base + "/auth/login?return=" + returnPath);
    WebElement user = waitFor(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    user.sendKeys("boss");
    web.findElement(By.name("claims")).sendKeys(new JsonObject().put("email", "boss@uni.example").put("email_verified", true)
      .put("given_name", "Berta").put("family_name", "Boss").encode());
    web.findElement(By.cssSelector("input[type=submit]")).click();
    waitFor(ExpectedConditions.urlContains(returnPath));
  }

  private static long createCourse(long language, String alternative) {
    web.get(base + "/admin/languages/" + language);
    WebElement form = web.findElement(By.id("course-form"));
    form.findElement(By.id("level")).sendKeys("A1");
    form.findElement(By.id("alternative")).sendKeys(alternative);
    WebElement seats = form.findElement(By.id("seats"));
    seats.clear();
    seats.sendKeys("5");
    form.findElement(By.id("save-course")).click();
    waitFor(ExpectedConditions.urlMatches("/admin/courses/\\d+/settings"));
    return idIn(web.getCurrentUrl(), "/admin/courses/(\\d+)/settings");
  }

  private static void setValue(String id, String value) {
    ((JavascriptExecutor) web).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
  }

  /** A cell of a course's row in the language page's course table, counted from 1: course, seats, confirmed, waiting. */
  private static String cell(long course, int column) {
    return web.findElement(By.id("course-" + course)).findElements(By.tagName("td")).get(column - 1).getText().strip();
  }

  private static String free(long course) {
    var cells = web.findElements(By.cssSelector("#course-" + course + " td.free"));
    return cells.isEmpty() ? "" : cells.get(0).getText().strip();
  }

  private static long idIn(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), text + " has no " + regex);
    return Long.parseLong(m.group(1));
  }

  private static <T> T waitFor(ExpectedCondition<T> condition) {
    return new WebDriverWait(web, Duration.ofSeconds(15)).until(condition);
  }
}
