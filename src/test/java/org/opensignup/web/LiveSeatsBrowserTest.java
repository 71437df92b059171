package org.opensignup.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensignup.Application;
import org.opensignup.support.Browser;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The catalogue in a real browser follows the seat counts live, without a reload. */
class LiveSeatsBrowserTest {

  @Test
  void catalogueShowsFreeSeatsChangingWithoutReload() throws Exception {
    try (Browser browser = Browser.start(); Application app = TestApp.start(Map.of("live.flush-millis", "200"))) {
      SignupFixture.load(new Sql(app.config().string("db.url")));
      String base = "http://127.0.0.1:" + app.config().httpPort();
      WebDriver web = browser.driver();
      web.get(base + "/?lang=de");
      By free = By.cssSelector("#course-" + SignupFixture.OPEN_BIG + " td.free");
      assertEquals("1000 / 1000", web.findElement(free).getText());
      ((JavascriptExecutor) web).executeScript("window.notReloaded = true;");

      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 3; i++) {
        String body = "{\"courseId\":" + SignupFixture.OPEN_BIG + ",\"mail\":\"live" + i + "@example.org\",\"firstName\":\"L\","
          + "\"lastName\":\"S\",\"originId\":" + SignupFixture.EXTERNAL + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signups"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
      }
      new WebDriverWait(web, Duration.ofSeconds(15)).until(d -> "997 / 1000".equals(d.findElement(free).getText()));
      assertEquals(Boolean.TRUE, ((JavascriptExecutor) web).executeScript("return window.notReloaded === true;"), "updated in place");
    }
  }
}
