package org.opensignup.mail;

import org.junit.jupiter.api.Test;
import org.opensignup.Main;
import org.opensignup.config.AppConfig;
import org.opensignup.support.ServerProcess;
import org.opensignup.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9 item 7: a normal stop (SIGTERM) while mails go out through a slow relay. Readiness goes
 * 503 first; the mails under way are finished and marked sent before the pool closes; a restart on
 * the same data sends the rest, and every outbox row reaches the relay exactly once.
 */
class StopExactlyOnceTest {
  private static final int MAILS = 200;

  @Test
  void sigtermWhileMailsGoOutThenRestartDeliversEveryRowExactlyOnce() throws Exception {
    try (FakeSmtp relay = new FakeSmtp("250 OK", 100)) {
      MailFixture f = MailFixture.create(relay.port(), Map.of(
        // long enough that a slow send is not claimed twice while running; a row sent but left
        // unmarked by the stop is still sent again (a duplicate) before the restart reports all sent
        "mail.claim-seconds", "20",
        "mail.smtp.connections", "4"));
      f.insert(Outbox.Lane.TRANSACTIONAL.dbValue(), Outbox.Kind.CONFIRMED, MAILS, "example.org");
      Path dir = Files.createTempDirectory("opensignup-stop");

      try (ServerProcess first = start(f.config, dir, Map.of("http.drain-millis", "1500"))) {
        first.awaitReady(120_000);
        MailFixture.waitUntil(60_000, "mails going out", () -> relay.messageIds.size() >= 40);
        Thread stopper = new Thread(() -> {
          try {
            first.terminate(90_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        stopper.start();
        // the first thing a stop does: readiness says 503 while the port still answers
        MailFixture.waitUntil(10_000, "readiness 503 during the drain", () -> first.status("/health/ready") == 503);
        assertEquals(200, first.status("/health/live"), "liveness stays up while draining");
        stopper.join(120_000);
        assertFalse(first.isAlive(), first.output());
      }

      List<String> beforeRestart = List.copyOf(relay.messageIds);
      assertTrue(beforeRestart.size() < MAILS, "the stop came while mails were still going out: " + beforeRestart.size());
      Set<Long> sent = sentIds(f);
      for (String messageId : beforeRestart) {
        assertTrue(sent.contains(outboxId(messageId)), "delivered before the stop but not marked sent: " + messageId);
      }

      try (ServerProcess second = start(f.config, dir, Map.of())) {
        second.awaitReady(120_000);
        MailFixture.waitUntil(120_000, "every row sent after the restart", () -> f.sent() == MAILS);
        second.terminate(90_000);
      }
      List<String> all = List.copyOf(relay.messageIds);
      assertEquals(MAILS, new HashSet<>(all).size(), "every row delivered");
      Set<String> seen = new HashSet<>();
      List<String> twice = all.stream().filter(id -> !seen.add(id)).toList();
      assertEquals(List.of(), twice, "delivered twice (" + beforeRestart.size() + " before the stop)");
    }
  }

  private static ServerProcess start(AppConfig config, Path dir, Map<String, String> extra) throws Exception {
    int port = TestApp.freePort();
    Map<String, String> env = new HashMap<>();
    config.toJson().forEach(e -> env.put(AppConfig.envName(e.getKey()), String.valueOf(e.getValue())));
    env.put("OPENSIGNUP_HTTP_PORT", String.valueOf(port));
    env.put("OPENSIGNUP_HTTP_INSTANCES", "1");
    env.put("OPENSIGNUP_SIGNUP_INSTANCES", "1");
    env.put("OPENSIGNUP_DB_DEMO_DATA", "false");
    extra.forEach((k, v) -> env.put(AppConfig.envName(k), v));
    return ServerProcess.start(null, Main.class.getName(), env, dir, port);
  }

  private static Set<Long> sentIds(MailFixture f) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (Connection c = f.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT id FROM mail_outbox WHERE state = 'sent'")) {
      while (rs.next()) ids.add(rs.getLong(1));
    }
    return ids;
  }

  /** {@code <outbox-17@test.opensignup>} is row 17. */
  private static long outboxId(String messageId) {
    return Long.parseLong(messageId.replaceAll("^<outbox-(\\d+)@.*$", "$1"));
  }
}
