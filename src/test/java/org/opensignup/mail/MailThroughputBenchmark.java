package org.opensignup.mail;

import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Vertx;

import java.util.HashSet;
import java.util.Map;

/**
 * Mails per second from the outbox into an SMTP sink (GreenMail on loopback): 10,000 transactional
 * rows, one mail verticle, no rate limit. A figure for the README, not a test. Run with
 * {@code mvn -q -B test-compile exec:java -Dmain.class=org.opensignup.mail.MailThroughputBenchmark -Dexec.classpathScope=test}
 * (optional: -Dbench.rows=10000 -Dbench.connections=8, SMTP connections per lane).
 */
public final class MailThroughputBenchmark {
  private MailThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("bench.rows", 10_000);
    String connections = System.getProperty("bench.connections", "8");
    GreenMail smtp = MailFixture.startSmtp();
    Vertx node = null;
    try {
      MailFixture f = MailFixture.create(smtp.getSmtp().getPort(), Map.of("mail.smtp.connections", connections,
        "mail.batch-size", "200", "mail.listen", "false", "mail.poll-ms", "600000", "db.pool-size", "8"));
      f.insert("transactional", Outbox.Kind.CONFIRMED, rows, "example.org");
      node = f.startNode(1);
      long start = System.nanoTime();
      // the first poll tick runs at deploy; the clock starts with it
      MailFixture.waitUntil(600_000, rows + " sent", () -> f.sent() == rows);
      double seconds = (System.nanoTime() - start) / 1e9;
      int received = smtp.getReceivedMessages().length;
      int distinct = new HashSet<>(MailFixture.messageIds(smtp)).size();
      System.out.printf("%d mails in %.1f s = %.0f mails/s into GreenMail (%s SMTP connections, %d received, %d distinct Message-IDs)%n",
        rows, seconds, rows / seconds, connections, received, distinct);
    } finally {
      MailFixture.close(node);
      smtp.stop();
    }
    System.exit(0);
  }
}
