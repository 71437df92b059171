package org.opensignup.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.db.Migrations;
import org.opensignup.support.Conditions;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A fresh migrated database, an SMTP port, and helpers to fill the outbox and watch it drain. */
final class MailFixture {
  static final String DOMAIN = "test.opensignup";

  final AppConfig config;

  private MailFixture(AppConfig config) {
    this.config = config;
  }

  /** Settings for fast tests: no rate limits, short backoff, frequent polls; {@code extra} wins. */
  static MailFixture create(int smtpPort, Map<String, String> extra) {
    Map<String, String> m = new HashMap<>();
    m.put("db.url", TestDatabases.fresh());
    m.put("db.user", "postgres");
    m.put("db.pool-size", "8");
    m.put("mail.smtp.host", "127.0.0.1");
    m.put("mail.smtp.port", String.valueOf(smtpPort));
    m.put("mail.smtp.starttls", "NONE");
    m.put("mail.transactional-per-second", "0");
    m.put("mail.bulk-per-second", "0");
    m.put("mail.poll-ms", "250");
    m.put("mail.backoff-initial-ms", "100");
    m.put("mail.backoff-max-ms", "500");
    m.put("mail.max-attempts", "1000");
    m.put("mail.message-id-domain", DOMAIN);
    m.put("mail.bounce-address", "bounce@" + DOMAIN);
    m.putAll(extra);
    AppConfig config = AppConfig.withOverrides(m);
    Migrations.migrate(config);
    return new MailFixture(config);
  }

  static GreenMail startSmtp(int port) {
    GreenMail gm = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    gm.start();
    return gm;
  }

  static GreenMail startSmtp() {
    GreenMail gm = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    gm.start();
    return gm;
  }

  /** A new Vert.x (a "node") running {@code instances} mail verticles. */
  Vertx startNode(int instances) {
    Vertx vertx = Vertx.vertx();
    TestApp.await(vertx.deployVerticle(MailVerticle.class, new DeploymentOptions().setConfig(config.toJson()).setInstances(instances)));
    return vertx;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(config), "postgres", "");
  }

  /** Inserts n rows of one lane in one statement; recipient user{i % 50}@{domain}. Ids are 1..n in a fresh database. */
  void insert(String lane, String kind, int n, String domain) {
    String sql = """
      INSERT INTO mail_outbox (lane, kind, recipient, locale, payload)
      SELECT ?, ?, 'user' || (i % 50) || '@' || ?, CASE WHEN i % 2 = 0 THEN 'de' ELSE 'en' END,
             jsonb_build_object('firstName', 'Ada', 'lastName', 'Nr. ' || i, 'course',
               jsonb_build_object('name', 'Englisch B2', 'language', 'Englisch'), 'state', 'confirmed',
               'feeCents', 6000, 'statusUrl', 'https://signup.example/s/' || i, 'subject', 'Kursinfo ' || i, 'body', 'Hallo\nWelt')
        FROM generate_series(1, ?) AS i""";
    try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, lane);
      st.setString(2, kind);
      st.setString(3, domain);
      st.setInt(4, n);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long insertOne(String lane, String kind, String recipient, String locale, String payloadJson) {
    try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
      "INSERT INTO mail_outbox (lane, kind, recipient, locale, payload) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id")) {
      st.setString(1, lane);
      st.setString(2, kind);
      st.setString(3, recipient);
      st.setString(4, locale);
      st.setString(5, payloadJson);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String string(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** With {@link #countRetries()}: how often the most retried row was put back for a retry. */
  static final String MOST_RETRIES = "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM test_retry GROUP BY outbox_id) x";

  /** Test instrumentation: records each retry (a new next_attempt_at for a pending row) in test_retry. */
  void countRetries() {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE test_retry (outbox_id bigint NOT NULL)");
      st.execute("""
        CREATE FUNCTION test_record_retry() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO test_retry VALUES (NEW.id);
          RETURN NULL;
        END $$""");
      st.execute("""
        CREATE TRIGGER test_retry AFTER UPDATE OF next_attempt_at ON mail_outbox FOR EACH ROW
        WHEN (NEW.state = 'pending' AND NEW.next_attempt_at IS DISTINCT FROM OLD.next_attempt_at) EXECUTE FUNCTION test_record_retry()""");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long sent() {
    return count("SELECT count(*) FROM mail_outbox WHERE state = 'sent'");
  }

  static void waitUntil(long timeoutMs, String what, BooleanSupplier done) {
    Conditions.waitUntil(timeoutMs, what, done);
  }

  static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> messageIds(GreenMail gm) {
    return Stream.of(gm.getReceivedMessages()).map(MailFixture::messageId).collect(Collectors.toList());
  }

  static void close(Vertx vertx) {
    if (vertx != null) TestApp.await(vertx.close());
  }
}
