package org.opensignup;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.util.Map;

/** Starts OpenSignup with the configuration from conf/, a local file and OPENSIGNUP_* variables. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    run(System.getenv(), Map.of());
  }

  /**
   * Starts with the given environment and prints the banner; {@code extraLines} (label to URL) are
   * added to it, e.g. by a development launcher that starts more than the server.
   */
  public static void run(Map<String, String> env, Map<String, String> extraLines) {
    Application app;
    try {
      app = Application.start(AppConfig.load(env));
    } catch (ConfigException | StartupException e) {
      System.err.println("opensignup: " + e.getMessage());
      System.exit(e instanceof ConfigException ? 2 : 1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      System.out.println("OpenSignup stopped.");
    }, "opensignup-shutdown"));
    System.out.println(banner(app, extraLines));
  }

  private static String banner(Application app, Map<String, String> extraLines) {
    AppConfig c = app.config();
    String url = c.publicUrl();
    StringBuilder b = new StringBuilder("\nOpenSignup is running.\n")
      .append("  Catalogue      ").append(url).append("/\n")
      .append("  API            ").append(url).append("/api/courses\n")
      .append("  Health         ").append(url).append("/health/ready\n")
      .append("  Metrics        ").append(url).append("/metrics\n");
    if (app.mailSink() != null) b.append("  Captured mails ").append(url).append("/dev/mails\n");
    if (c.isSet("oidc.issuer")) b.append("  OIDC login     ").append(c.string("oidc.issuer")).append('\n');
    extraLines.forEach((label, value) -> b.append("  ").append(String.format("%-15s", label)).append(value).append('\n'));
    b.append("  Database       ").append(c.string("db.url"));
    if (app.usesEmbeddedDatabase()) {
      b.append(" (embedded, data in ").append(c.string("db.embedded-dir")).append(')');
    }
    b.append("\nStop with Ctrl-C.\n");
    return b.toString();
  }
}
