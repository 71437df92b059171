package org.opensignup.dev;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.opensignup.Application;
import org.opensignup.DevParts;
import org.opensignup.StartupException;
import org.opensignup.config.AppConfig;
import org.opensignup.http.DevMailRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The development jar's parts (registered in META-INF/services): an embedded PostgreSQL when
 * {@code db.url} is empty, the SMTP sink with its viewer at /dev/mails when {@code mail.smtp.host} is.
 */
public final class DevServices implements DevParts {
  private static final Logger log = LoggerFactory.getLogger(DevServices.class);

  private volatile EmbeddedPostgresServer postgres;
  private volatile MailSink sink;
  private volatile String dataDir;

  @Override
  public AppConfig startServices(AppConfig config) {
    try {
      if (config.embeddedDatabase()) {
        Path dir = Path.of(config.string("db.embedded-dir"));
        int port = config.integer("db.embedded-port", 0, 65535);
        postgres = startPostgres(dir, port);
        dataDir = config.string("db.embedded-dir");
        config = config.with("db.url", postgres.url()).with("db.user", "postgres").with("db.password", "");
      }
      if (config.embeddedMail()) {
        int port = config.integer("mail.sink.port", 0, 65535);
        try {
          sink = MailSink.start(port);
        } catch (RuntimeException e) {
          throw new StartupException("embedded SMTP sink could not listen on 127.0.0.1:" + port
            + " (set mail.sink.port, or mail.smtp.host for a real relay): " + root(e), e);
        }
        config = config.with("mail.smtp.host", "127.0.0.1").with("mail.smtp.port", String.valueOf(sink.port()))
          .with("mail.smtp.starttls", "NONE");
      }
      return config;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static EmbeddedPostgresServer startPostgres(Path dir, int port) {
    try {
      return EmbeddedPostgresServer.start(dir, port, false); // stopped by close(), after the ordered stop
    } catch (Exception e) {
      throw new StartupException("embedded PostgreSQL could not start (data in " + dir + ", port " + port
        + "; is another OpenSignup running? set db.embedded-port or OPENSIGNUP_DB_URL): " + root(e), e);
    }
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    MailSink s = sink;
    // the viewer shows every mail, status links included: only where the sink itself runs
    if (s != null) DevMailRoutes.mount(vertx, router, s);
  }

  @Override
  public Map<String, String> banner(AppConfig config) {
    Map<String, String> lines = new LinkedHashMap<>();
    if (sink != null) lines.put("Captured mails", config.publicUrl() + "/dev/mails");
    if (postgres != null) lines.put("Embedded data", dataDir + " (PostgreSQL, kept between runs)");
    return lines;
  }

  /** The running SMTP sink, or null when a real relay is configured. */
  public MailSink mailSink() {
    return sink;
  }

  /** The sink of a running application (for tests and tools of the development build). */
  public static MailSink mailSink(Application app) {
    return app.devParts() instanceof DevServices d ? d.sink : null;
  }

  @Override
  public void close() {
    MailSink s = sink;
    sink = null;
    if (s != null) s.close();
    EmbeddedPostgresServer pg = postgres;
    postgres = null;
    if (pg != null) {
      try {
        pg.close();
      } catch (Exception e) {
        log.warn("stopping embedded PostgreSQL: {}", e.getMessage());
      }
    }
  }

  private static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
