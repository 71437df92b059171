package org.opensignup.support;

import org.opensignup.dev.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: the one named by OPENSIGNUP_TEST_DB_URL (a superuser URL like
 * postgresql://postgres@127.0.0.1:5432/postgres), or an embedded one started once per test JVM.
 * Every caller gets a fresh, empty database of its own.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static String adminUrl;

  private TestDatabases() {}

  /** A new empty database; returns its URL for the reactive client (user postgres, no password). */
  public static synchronized String fresh() {
    String admin = adminUrl();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbc(admin), "postgres", "");
         Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
  }

  private static String adminUrl() {
    if (adminUrl == null) {
      String env = System.getenv("OPENSIGNUP_TEST_DB_URL");
      if (env != null && !env.isBlank()) {
        adminUrl = env;
      } else {
        try {
          EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              pg.close();
            } catch (Exception ignored) {
              // the JVM is going away
            }
          }));
          adminUrl = pg.url();
        } catch (Exception e) {
          throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
      }
    }
    return adminUrl;
  }

  public static String jdbc(String url) {
    return "jdbc:" + url.replaceFirst("^postgres(ql)?://([^@/]*@)?", "postgresql://");
  }
}
