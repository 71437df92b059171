package org.opensignup.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.opensignup.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema migrations (Flyway) and the demo data. Blocking JDBC: runs once at start-up before any
 * verticle is deployed, never on an event loop. Flyway's own lock makes concurrent nodes safe.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static MigrateResult migrate(AppConfig config) {
    Flyway flyway = Flyway.configure()
      .dataSource(Database.jdbcUrl(config), user(config), config.string("db.password"))
      .locations("classpath:db/migration")
      .javaMigrations(new V12_1__Mail_keys_from_java())
      .connectRetries(3)
      .load();
    MigrateResult result = flyway.migrate();
    log.info("database schema at version {} ({} migrations applied now)",
      flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), result.migrationsExecuted);
    return result;
  }

  /**
   * The demo's list of enrolled students: the matriculation number of the README's development-login
   * example ({@code preferred_username} "ab1234") and a few more, so a student signs up end to end.
   */
  public static final java.util.List<String> DEMO_ENROLMENT = java.util.List.of("ab1234", "cd5678", "1234567");

  /**
   * Loads the demo languages and courses, once, into a database that has no language yet, and the demo
   * enrolment list hashed with {@code tagHash} (the same keyed hash the signup checks against).
   */
  public static boolean loadDemoDataIfEmpty(AppConfig config, java.util.function.Function<String, byte[]> tagHash) {
    try (Connection c = DriverManager.getConnection(Database.jdbcUrl(config), user(config), config.string("db.password"));
         Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM language")) {
        rs.next();
        if (rs.getLong(1) > 0) return false;
      }
      st.execute(readResource("db/demo/demo-data.sql"));
      try (var insert = c.prepareStatement("INSERT INTO registration (tag_hash, source) VALUES (?, 'demo') ON CONFLICT DO NOTHING")) {
        for (String tag : DEMO_ENROLMENT) {
          insert.setBytes(1, tagHash.apply(tag));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      log.info("demo data loaded (enrolment list: {})", DEMO_ENROLMENT);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("loading demo data failed: " + e.getMessage(), e);
    }
  }

  private static String user(AppConfig config) {
    if (config.isSet("db.user")) return config.string("db.user");
    String userInfo = java.net.URI.create(config.string("db.url")).getUserInfo();
    return userInfo == null ? null : userInfo.split(":", 2)[0];
  }

  private static String readResource(String name) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " missing from classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
