package org.opensignup.web;

import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensignup.support.Axe;
import org.opensignup.support.Browser;
import org.opensignup.support.Sql;
import org.opensignup.support.StaffTestApp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The background export's page in Chromium: started from the exports page's form, then followed live
 * (the page polls the job's JSON and, with no reload, turns to "done" and offers the download).
 */
class ExportJobPageBrowserTest {
  private static Browser browser;
  private static ChromeDriver web;
  private static StaffTestApp staff;
  private static Sql sql;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(); // first: without a browser there is nothing to start
    web = browser.driver();
    staff = StaffTestApp.start(Map.of("admin.superusers", "boss"));
    sql = staff.sql;
    sql.exec("INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id) VALUES (1, 'ann@example.org', 'ann@example.org', 'Ann', 'Ärger', 3)",
      "INSERT INTO attendance (applicant_id, course_id, state, fee_cents, secret, confirmed_at) VALUES (1, 11, 'confirmed', 6000, 'secret-ann-aaaaaaaaaaaaaa', now())");
    staff.oidc.enqueueCallback(new DefaultOAuth2TokenCallback("campus", "boss", "JWT", List.of("opensignup"),
      Map.of("email", "boss@uni.example", "given_name", "Staff", "family_name", "Boss"), 3600));
    web.get(staff.base + "/auth/login?return=/admin/exports");
    waitFor(ExpectedConditions.urlToBe(staff.base + "/admin/exports"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (staff != null) staff.close();
  }

  private static void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
    new WebDriverWait(web, Duration.ofSeconds(30)).until(condition);
  }

  @Test
  void theFormStartsAnExportAndItsPageFollowsItLiveToTheDownload() {
    web.get(staff.base + "/admin/exports?lang=de");
    web.findElement(By.cssSelector("#export-job-form input[name=format][value=csv]")).click();
    web.findElement(By.id("export-job-start")).click();
    waitFor(ExpectedConditions.urlMatches("/admin/exports/\\d+$"));
    waitFor(ExpectedConditions.textToBe(By.id("job-state"), "fertig"));
    assertTrue(web.findElement(By.id("job-file")).isDisplayed());

    // a job still running when the page opens: the page turns to done by itself, without a reload
    sql.exec("INSERT INTO export_job (id, requested_by, scope, params, state, progress, rows, worker, heartbeat_at, started_at)"
      + " VALUES (4242, 'boss', 'language', '{\"format\":\"csv\",\"columns\":[\"mail\"],\"courseIds\":[11],\"languageId\":1}',"
      + " 'running', 40, 20, 'a-live-worker/elsewhere', now() + interval '1 hour', now())");
    web.get(staff.base + "/admin/exports/4242");
    assertEquals("läuft", web.findElement(By.id("job-state")).getText());
    assertFalse(web.findElement(By.id("job-download")).isDisplayed());
    Axe.check(web, "export job running");
    sql.exec("UPDATE export_job SET state = 'done', progress = 100, rows = 50, worker = NULL, file = convert_to('x', 'UTF8'),"
      + " file_name = 'e.csv', content_type = 'text/csv', finished_at = now(), expires_at = now() + interval '1 day' WHERE id = 4242");
    waitFor(ExpectedConditions.textToBe(By.id("job-state"), "fertig"));
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("job-file")));
    assertEquals("50", web.findElement(By.id("job-rows")).getText());
    assertEquals("100", web.findElement(By.id("job-progress")).getDomProperty("value"));
  }
}
