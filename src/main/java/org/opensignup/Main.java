package org.opensignup;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Starts OpenSignup with the configuration from conf/, a local file and OPENSIGNUP_* variables.
 * The production jar's entry point; the development jar's is {@code org.opensignup.dev.DevMain}.
 */
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
    // SIGTERM and Ctrl-C: the ordered stop (readiness 503, HTTP, queues, mails, then the pool)
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      System.out.println("OpenSignup stopped.");
    }, "opensignup-shutdown"));
    if (app.devParts() != null) {
      LoggerFactory.getLogger(Main.class).warn("DEVELOPMENT MODE: embedded services and /dev routes; not for production (use opensignup.jar)");
    }
    System.out.println(banner(app, extraLines));
  }

  private static final String DEV_WARNING = """

    ################################################################################
    ##  DEVELOPMENT MODE (opensignup-dev.jar)
    ##  Embedded PostgreSQL, an SMTP sink showing every mail at /dev/mails, a local
    ##  test login. NOT FOR PRODUCTION: run target/opensignup.jar with
    ##  OPENSIGNUP_DB_URL and OPENSIGNUP_MAIL_SMTP_HOST.
    ################################################################################""";

  private static String banner(Application app, Map<String, String> extraLines) {
    AppConfig c = app.config();
    String url = c.publicUrl();
    StringBuilder b = new StringBuilder();
    if (app.devParts() != null) b.append(DEV_WARNING).append('\n');
    b.append("\nOpenSignup is running").append(app.devParts() != null ? " IN DEVELOPMENT MODE.\n" : ".\n")
      .append("  Catalogue      ").append(url).append("/\n")
      .append("  API            ").append(url).append("/api/courses\n")
      .append("  Health         ").append(url).append("/health/ready\n");
    if (c.isSet("metrics.port")) {
      b.append("  Metrics        http://").append(c.string("metrics.host")).append(':').append(c.string("metrics.port")).append("/metrics\n");
    } else if (c.isSet("metrics.token")) {
      b.append("  Metrics        ").append(url).append("/metrics (Authorization: Bearer <metrics.token>)\n");
    }
    if (c.isSet("oidc.issuer")) b.append("  OIDC login     ").append(c.string("oidc.issuer")).append('\n');
    Map<String, String> lines = new java.util.LinkedHashMap<>(extraLines);
    if (app.devParts() != null) lines.putAll(app.devParts().banner(c));
    lines.forEach((label, value) -> b.append("  ").append(String.format("%-15s", label)).append(value).append('\n'));
    b.append("  Database       ").append(c.string("db.url"));
    b.append("\nStop with Ctrl-C.\n");
    return b.toString();
  }
}
