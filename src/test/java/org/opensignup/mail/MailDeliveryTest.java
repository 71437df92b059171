package org.opensignup.mail;

import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.opensignup.support.TestApp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.mail.MailFixture.*;

/** The outbox against a real PostgreSQL and a real SMTP server (GreenMail): nothing lost, nothing twice. */
class MailDeliveryTest {

  @Test
  void tenThousandRowsAreDeliveredExactlyOnceByTwoCompetingSenders() {
    GreenMail smtp = startSmtp();
    MailFixture f = create(smtp.getSmtp().getPort(), Map.of("mail.smtp.connections", "4"));
    Vertx a = null;
    Vertx b = null;
    try {
      f.insert("transactional", Outbox.Kind.CONFIRMED, 10_000, "example.org");
      a = f.startNode(1);
      b = f.startNode(1);
      waitUntil(180_000, "10,000 rows sent", () -> f.sent() == 10_000);
      // once both nodes are closed nothing is in flight: a mail sent twice has arrived by then
      close(a);
      close(b);
      a = b = null;
      List<String> ids = messageIds(smtp);
      assertEquals(10_000, ids.size(), "mails received");
      assertEquals(10_000, new HashSet<>(ids).size(), "distinct Message-IDs");
      Set<String> distinct = new HashSet<>(ids);
      for (long id = 1; id <= 10_000; id++) assertTrue(distinct.contains(MessageFactory.messageId(id, DOMAIN)), "mail of outbox row " + id);
      assertEquals(0, f.count("SELECT count(*) FROM mail_outbox WHERE claimed_by IS NOT NULL"), "claims are released when sent");
    } finally {
      close(a);
      close(b);
      smtp.stop();
    }
  }

  @Test
  void mailsWaitWhileSmtpIsDownAndAllLeaveOnceWhenItIsBack() throws Exception {
    int port = TestApp.freePort();
    // few attempts allowed: an outage must not use them up
    MailFixture f = create(port, Map.of("mail.max-attempts", "2"));
    Vertx node = null;
    GreenMail smtp = null;
    try {
      f.insert("transactional", Outbox.Kind.CONFIRMED, 300, "example.org");
      f.insert("bulk", Outbox.Kind.BULK, 100, "example.net");
      f.countRetries();
      node = f.startNode(1);
      waitUntil(30_000, "a mail retried more often than its attempts allow", () -> f.count(MailFixture.MOST_RETRIES) > 2);
      assertEquals(0, f.sent());
      assertEquals(400, f.count("SELECT count(*) FROM mail_outbox WHERE state = 'pending'"), "nothing given up while the relay is down");

      smtp = startSmtp(port);
      GreenMail up = smtp;
      waitUntil(30_000, "all 400 sent", () -> f.sent() == 400);
      close(node); // nothing in flight any more
      node = null;
      List<String> ids = messageIds(up);
      assertEquals(400, ids.size(), "each mail once");
      assertEquals(400, new HashSet<>(ids).size());
    } finally {
      close(node);
      if (smtp != null) smtp.stop();
    }
  }

  @Test
  void senderKilledMidBatchLosesNothingAndRepeatsOnlyWithTheSameMessageId() throws Exception {
    GreenMail smtp = startSmtp();
    // short claims: rows held by the dead sender come back quickly
    MailFixture f = create(smtp.getSmtp().getPort(), Map.of("mail.claim-seconds", "2", "mail.smtp.connections", "2"));
    Vertx first = null;
    Vertx second = null;
    try {
      int n = 3_000;
      f.insert("transactional", Outbox.Kind.CONFIRMED, n, "example.org");
      first = f.startNode(1);
      waitUntil(60_000, "a first part delivered", () -> smtp.getReceivedMessages().length >= 300);
      // kill it at a moment when it holds claims (between two batches it may briefly hold none)
      String held = "SELECT count(*) FROM mail_outbox WHERE state = 'pending' AND claimed_until > now()";
      waitUntil(30_000, "the sender holds claims", () -> f.count(held) > 0);
      first.close(); // not awaited: in-flight sends and marks are cut off
      first = null;
      assertTrue(f.sent() < n, "killed before the end");

      waitUntil(30_000, "the dead sender's claims lapsed", () -> f.count(held) == 0);
      second = f.startNode(1);
      waitUntil(60_000, "all sent after the restart", () -> f.sent() == n);
      close(second); // nothing in flight any more
      second = null;

      MimeMessage[] received = smtp.getReceivedMessages();
      Map<String, Integer> perId = new HashMap<>();
      for (MimeMessage m : received) perId.merge(messageId(m), 1, Integer::sum);
      Set<String> expected = new HashSet<>();
      for (long id = 1; id <= n; id++) expected.add(MessageFactory.messageId(id, DOMAIN));
      assertEquals(expected, perId.keySet(), "every row arrived, and every mail carries the Message-ID of its row");
      long duplicates = received.length - perId.size();
      System.out.println("killed mid-batch: " + received.length + " mails for " + n + " rows (" + duplicates + " resent with the same Message-ID)");
    } finally {
      close(first);
      close(second);
      smtp.stop();
    }
  }

  @Test
  void confirmationOvertakesFiveThousandQueuedBulkMails() throws Exception {
    GreenMail smtp = startSmtp();
    // bulk throttled as for a real relay; the fallback poll is slow, so the NOTIFY wake-up must work
    MailFixture f = create(smtp.getSmtp().getPort(), Map.of("mail.bulk-per-second", "200", "mail.poll-ms", "5000"));
    Vertx node = null;
    try {
      f.insert("bulk", Outbox.Kind.BULK, 5_000, "example.net");
      node = f.startNode(1);
      waitUntil(30_000, "bulk under way", () -> f.sent() >= 200);
      long start = System.nanoTime();
      long id = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "urgent@urgent.example.org", "de",
        "{\"firstName\":\"Ada\",\"lastName\":\"L\",\"course\":{\"name\":\"Spanisch A1\",\"language\":\"Spanisch\"},\"feeCents\":0,\"statusUrl\":\"https://x/s/1\"}");
      waitUntil(2_000, "the confirmation delivered", () -> smtp.getReceivedMessagesForDomain("urgent.example.org").length == 1);
      long ms = (System.nanoTime() - start) / 1_000_000;
      long bulkLeft = f.count("SELECT count(*) FROM mail_outbox WHERE lane = 'bulk' AND state = 'pending'");
      System.out.println("confirmation delivered after " + ms + " ms with " + bulkLeft + " bulk mails still queued");
      assertTrue(bulkLeft > 1_000, "bulk mails were still queued");
      assertEquals(MessageFactory.messageId(id, DOMAIN), smtp.getReceivedMessagesForDomain("urgent.example.org")[0].getMessageID());
    } finally {
      close(node);
      smtp.stop();
    }
  }

  @Test
  void newRowIsDeliveredWithinASecondWithoutWaitingForThePoll() {
    GreenMail smtp = startSmtp();
    MailFixture f = create(smtp.getSmtp().getPort(), Map.of("mail.poll-ms", "60000"));
    Vertx node = null;
    try {
      node = f.startNode(1);
      f.insertOne("transactional", Outbox.Kind.WAITING, "ada@example.org", "en",
        "{\"firstName\":\"Ada\",\"lastName\":\"L\",\"course\":{\"name\":\"French B1\",\"language\":\"French\"},\"position\":3,\"statusUrl\":\"https://x/s/1\"}");
      waitUntil(1_000, "delivered through NOTIFY", () -> smtp.getReceivedMessages().length == 1);
    } finally {
      close(node);
      smtp.stop();
    }
  }
}
