package org.opensignup.mail;

import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.opensignup.support.TestApp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.mail.MailFixture.*;

/** The MTA hands a DSN for bounce+{id}@... over LMTP; the applicant is marked as bouncing. */
class BounceListenerTest {
  private static final String PAYLOAD = "{\"firstName\":\"Ada\",\"lastName\":\"L\",\"course\":{\"name\":\"X\"}}";

  static String dsn(String finalRecipient, String action, String status) {
    return String.join("\r\n",
      "From: MAILER-DAEMON@mx.example.org",
      "Subject: Undelivered Mail Returned to Sender",
      "MIME-Version: 1.0",
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
      "",
      "--b1",
      "Content-Type: text/plain",
      "",
      "I'm sorry to have to inform you that your message could not be delivered.",
      "..a line starting with a dot",
      "--b1",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      "Final-Recipient: rfc822; " + finalRecipient,
      "Action: " + action,
      "Status: " + status,
      "Diagnostic-Code: smtp; 550 5.1.1 <" + finalRecipient + ">: Recipient address",
      "    rejected: User unknown",
      "--b1--");
  }

  @Test
  void dsnFieldsAreRead() {
    Dsn d = Dsn.parse(dsn("ada@example.org", "failed", "5.1.1"));
    assertNotNull(d);
    assertTrue(d.failed());
    assertEquals("ada@example.org", d.finalRecipient());
    assertEquals("5.1.1 smtp; 550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown", d.reason());
    assertFalse(Dsn.parse(dsn("ada@example.org", "delayed", "4.4.1")).failed(), "a delay is no bounce");
    assertNull(Dsn.parse("Subject: Out of office\r\n\r\nI am away."), "a vacation reply is no DSN");
  }

  @Test
  void lmtpDeliveryOfADsnMarksTheApplicantBouncing() throws Exception {
    GreenMail gm = startSmtp();
    int port = TestApp.freePort();
    MailFixture f = create(gm.getSmtp().getPort(), Map.of("mail.bounce-listen-port", String.valueOf(port)));
    Vertx node = f.startNode(1);
    try {
      long applicant = f.count("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('ada@example.org', 'ada@example.org', 'Ada', 'L') RETURNING id");
      long id = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "ada@example.org", "en", PAYLOAD);
      f.count("UPDATE mail_outbox SET applicant_id = " + applicant + " WHERE id = " + id + " RETURNING id");

      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        assertTrue(in.readLine().startsWith("220"));
        send(out, "LHLO mx.example.org");
        String l;
        do l = in.readLine(); while (l.startsWith("250-"));
        assertTrue(l.startsWith("250 "));
        send(out, "MAIL FROM:<>");
        assertTrue(in.readLine().startsWith("250"));
        send(out, "RCPT TO:<someone@" + DOMAIN + ">");
        assertTrue(in.readLine().startsWith("550"), "only bounce addresses are accepted");
        send(out, "RCPT TO:<bounce+" + id + "@" + DOMAIN + ">");
        assertTrue(in.readLine().startsWith("250"));
        send(out, "DATA");
        assertTrue(in.readLine().startsWith("354"));
        send(out, dsn("ada@example.org", "failed", "5.1.1") + "\r\n.");
        assertEquals("250 2.0.0 OK", in.readLine(), "one LMTP reply for the one recipient");
        send(out, "QUIT");
        assertTrue(in.readLine().startsWith("221"));
      }
      assertEquals(1, f.count("SELECT count(*) FROM mail_bounce WHERE outbox_id = " + id + " AND recipient = 'ada@example.org' AND reason LIKE '5.1.1%User unknown'"));
      assertEquals(1, f.count("SELECT count(*) FROM applicant WHERE id = " + applicant + " AND bouncing_since IS NOT NULL"));
    } finally {
      close(node);
      gm.stop();
    }
  }

  private static void send(OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
