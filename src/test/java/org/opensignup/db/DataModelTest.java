package org.opensignup.db;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.config.AppConfig;
import org.opensignup.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The schema refuses bad data by itself, whatever the application does. */
class DataModelTest {
  private static AppConfig config;

  @BeforeAll
  static void migrate() {
    config = AppConfig.withOverrides(Map.of("db.url", TestDatabases.fresh(), "db.user", "postgres"));
    Migrations.migrate(config);
    Migrations.loadDemoDataIfEmpty(config, org.opensignup.auth.TagHasher.from(config)::hash);
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(config), "postgres", "");
  }

  private static void assertRefused(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
      assertTrue(e.getSQLState().startsWith("23") || e.getSQLState().startsWith("22"), e.getSQLState() + " " + e.getMessage());
    } catch (SQLException e) {
      fail(e);
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void migrationCreatesTheWholeDataModel() throws SQLException {
    for (String table : new String[] {"language", "course", "origin", "degree", "graduation", "applicant", "attendance",
      "payment", "approval", "registration", "preterm_token", "app_user", "course_role", "mail_outbox", "mail_attachment",
      "mail_bounce", "lottery_draw", "job_lease", "harvest_run", "audit_log"}) {
      assertEquals(1, count("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'"), table);
    }
  }

  @Test
  void migratingTwiceChangesNothing() {
    assertEquals(0, Migrations.migrate(config).migrationsExecuted);
    assertFalse(Migrations.loadDemoDataIfEmpty(config, org.opensignup.auth.TagHasher.from(config)::hash), "demo data is loaded only into an empty database");
  }

  @Test
  void demoDataHasLanguagesAndCourses() throws SQLException {
    assertTrue(count("SELECT count(*) FROM language") >= 3);
    assertTrue(count("SELECT count(*) FROM course") >= 5);
  }

  @Test
  void courseCannotHoldMoreConfirmedSeatsThanItHas() {
    assertRefused("UPDATE course SET confirmed_count = seats + 1 WHERE id = (SELECT min(id) FROM course)");
  }

  @Test
  void mailAddressIsUniqueWhateverItsCase() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('Ada@Example.org', 'ada@example.org', 'Ada', 'Lovelace')");
    }
    assertRefused("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('ada@example.ORG', 'ada@example.org', 'Ada', 'L')");
  }

  @Test
  void malformedMailAndOverlongNameAreRefused() {
    assertRefused("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('not-a-mail', 'not-a-mail', 'A', 'B')");
    assertRefused("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('x@example.org', 'x@example.org', repeat('a', 61), 'B')");
  }

  @Test
  void applicantHoldsAtMostOneRunningAttendancePerCourse() throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('twice@example.org', 'twice@example.org', 'T', 'W')");
      st.execute("INSERT INTO attendance (applicant_id, course_id, state, secret) SELECT a.id, (SELECT min(id) FROM course), 'waiting', 'secret-aaaaaaaaaaaaaaaaaaaa' FROM applicant a WHERE mail = 'twice@example.org'");
    }
    assertRefused("INSERT INTO attendance (applicant_id, course_id, state, secret) SELECT a.id, (SELECT min(id) FROM course), 'waiting', 'secret-bbbbbbbbbbbbbbbbbbbb' FROM applicant a WHERE mail = 'twice@example.org'");
  }

  @Test
  void offeredAttendanceNeedsAnExpiry() {
    assertRefused("INSERT INTO attendance (applicant_id, course_id, state, secret) SELECT min(a.id), (SELECT max(id) FROM course), 'offered', 'secret-cccccccccccccccccccc' FROM applicant a");
  }

  @Test
  void ratingBoundsMustBeOrdered() {
    assertRefused("UPDATE course SET rating_lowest = 90, rating_highest = 10 WHERE id = (SELECT min(id) FROM course)");
  }

  @Test
  void phasesMustBeInOrder() {
    assertRefused("UPDATE language SET fcfs_begin = now(), signup_end = now() - interval '1 day' WHERE id = (SELECT min(id) FROM language)");
  }
}
