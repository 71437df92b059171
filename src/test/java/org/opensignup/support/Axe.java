package org.opensignup.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * axe-core's WCAG 2.1 A and AA rules, run inside the browser on the page as it stands. Installed by
 * the test command (src/test/tools/install-test-parts.sh); missing, the check is skipped loudly, and
 * fails under CI.
 */
public final class Axe {
  public static final Path SCRIPT = Path.of("target/test-parts/axe/node_modules/axe-core/axe.min.js");
  private static final String RUN = """
    var done = arguments[arguments.length - 1];
    axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
      .then(function (r) {
        done(JSON.stringify(r.violations.map(function (v) {
          return {rule: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
        })));
      })
      .catch(function (e) { done('axe failed: ' + e); });""";
  private static String source;

  private Axe() {}

  /** Fails with every violation (rule, help text, elements) on the current page; {@code state} names it. */
  public static void check(WebDriver web, String state) {
    String script = source();
    if (script == null) return;
    JavascriptExecutor js = (JavascriptExecutor) web;
    web.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) js.executeScript(script);
    Object violations = js.executeAsyncScript(RUN);
    assertEquals("[]", violations, "axe-core WCAG 2.1 AA violations on " + state + " (" + web.getCurrentUrl() + ")");
  }

  private static synchronized String source() {
    if (source != null) return source;
    if (!Files.isReadable(SCRIPT)) {
      String message = "REQUIRED PART MISSING: axe-core (" + SCRIPT + "; the test command installs it with npm)";
      System.err.println("\n!!!!! " + message + (RequiredPart.inCi() ? " (CI: failing)" : " (accessibility check skipped)") + " !!!!!\n");
      if (RequiredPart.inCi()) fail(message);
      return null;
    }
    try {
      source = Files.readString(SCRIPT);
      return source;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
