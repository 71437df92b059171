package org.opensignup.mail;

import com.icegreen.greenmail.util.GreenMail;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.ReplyException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.opensignup.bus.Bus;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.mail.MailFixture.*;

/** Permanent failures stop, transient ones retry with backoff, bounces are recorded. */
class MailFailureTest {
  private static final String PAYLOAD = "{\"firstName\":\"Ada\",\"lastName\":\"L\",\"course\":{\"name\":\"X\"},\"statusUrl\":\"https://x/s/1\"}";

  @Test
  void permanentRefusalIsMarkedFailedAndNotRetried() throws Exception {
    try (FakeSmtp smtp = new FakeSmtp("550 5.1.1 no such user")) {
      MailFixture f = create(smtp.port(), Map.of());
      Vertx node = f.startNode(1);
      try {
        long id = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "gone@example.org", "de", PAYLOAD);
        waitUntil(10_000, "marked failed", () -> "failed".equals(f.string("SELECT state FROM mail_outbox WHERE id = " + id)));
        Thread.sleep(1_500); // several poll and backoff periods
        assertEquals("failed", f.string("SELECT state FROM mail_outbox WHERE id = " + id));
        assertEquals(1, f.count("SELECT attempts FROM mail_outbox WHERE id = " + id));
        assertTrue(f.string("SELECT last_error FROM mail_outbox WHERE id = " + id).contains("550"));
        assertEquals(1, smtp.recipientsTried.get(), "tried once");
      } finally {
        close(node);
      }
    }
  }

  @Test
  void temporaryRefusalIsRetriedWithBackoffUntilTheAttemptsRunOut() {
    try (FakeSmtp smtp = new FakeSmtp("451 4.3.0 try again later")) {
      MailFixture f = create(smtp.port(), Map.of("mail.max-attempts", "3", "mail.backoff-initial-ms", "200", "mail.backoff-max-ms", "400"));
      Vertx node = f.startNode(1);
      try {
        long id = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "busy@example.org", "en", PAYLOAD);
        waitUntil(10_000, "retried", () -> f.count("SELECT attempts FROM mail_outbox WHERE id = " + id) >= 2);
        assertEquals("pending", f.string("SELECT state FROM mail_outbox WHERE id = " + id), "a 4xx is retried");
        assertTrue(f.string("SELECT last_error FROM mail_outbox WHERE id = " + id).contains("451"));
        waitUntil(10_000, "given up", () -> "failed".equals(f.string("SELECT state FROM mail_outbox WHERE id = " + id)));
        assertEquals(3, f.count("SELECT attempts FROM mail_outbox WHERE id = " + id));
        assertTrue(f.string("SELECT last_error FROM mail_outbox WHERE id = " + id).startsWith("gave up after 3 attempts"));
        assertEquals(3, smtp.recipientsTried.get());
      } finally {
        close(node);
      }
    }
  }

  @Test
  void invalidAddressFailsAtOnceAndOthersStillGo() {
    GreenMail gm = startSmtp();
    MailFixture f = create(gm.getSmtp().getPort(), Map.of());
    Vertx node = f.startNode(1);
    try {
      long bad = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "not an address", "de", PAYLOAD);
      long good = f.insertOne("transactional", Outbox.Kind.CONFIRMED, "ada@example.org", "de", PAYLOAD);
      waitUntil(10_000, "both handled", () -> f.count("SELECT count(*) FROM mail_outbox WHERE state <> 'pending'") == 2);
      assertEquals("failed", f.string("SELECT state FROM mail_outbox WHERE id = " + bad));
      assertTrue(f.string("SELECT last_error FROM mail_outbox WHERE id = " + bad).contains("invalid recipient"));
      assertEquals("sent", f.string("SELECT state FROM mail_outbox WHERE id = " + good));
      assertEquals(1, gm.getReceivedMessages().length);
    } finally {
      close(node);
      gm.stop();
    }
  }

  @Test
  void mailCarriesStableMessageIdAndPerMessageReturnPathAndABounceMarksTheApplicant() throws Exception {
    GreenMail gm = startSmtp();
    MailFixture f = create(gm.getSmtp().getPort(), Map.of());
    Vertx node = f.startNode(1);
    try {
      long applicant;
      try (var c = f.connect(); var st = c.createStatement();
           var rs = st.executeQuery("INSERT INTO applicant (mail, mail_key, first_name, last_name) VALUES ('Ada@Example.org', 'ada@example.org', 'Ada', 'L') RETURNING id")) {
        rs.next();
        applicant = rs.getLong(1);
      }
      long id;
      try (var c = f.connect(); var st = c.prepareStatement(Outbox.INSERT.replace("$1", "?").replace("$2", "?").replace("$3", "?")
        .replace("$4", "?").replace("$5", "?::jsonb").replace("$6", "?").replace("$7", "?") + " RETURNING id")) {
        st.setString(1, "transactional");
        st.setString(2, Outbox.Kind.CONFIRMED);
        st.setString(3, "Ada@Example.org");
        st.setString(4, "en");
        st.setString(5, PAYLOAD);
        st.setLong(6, applicant);
        st.setObject(7, null);
        try (var rs = st.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      waitUntil(10_000, "sent", () -> gm.getReceivedMessages().length == 1);
      MimeMessage m = gm.getReceivedMessages()[0];
      assertEquals("<outbox-" + id + "@" + DOMAIN + ">", m.getMessageID());
      assertEquals("<bounce+" + id + "@" + DOMAIN + ">", m.getHeader("Return-Path")[0]);
      assertEquals("Signup confirmed: X", m.getSubject());

      JsonObject reply = TestApp.await(node.eventBus().<JsonObject>request(Bus.MAIL_BOUNCE,
        new JsonObject().put("returnPath", "bounce+" + id + "@" + DOMAIN).put("reason", "550 5.1.1 user unknown"))).body();
      assertEquals(id, reply.getLong("outboxId"));
      assertEquals(applicant, reply.getLong("applicantId"));
      assertEquals(1, f.count("SELECT count(*) FROM mail_bounce WHERE outbox_id = " + id + " AND reason LIKE '550%'"));
      assertEquals(1, f.count("SELECT count(*) FROM applicant WHERE bouncing_since IS NOT NULL AND id = " + applicant));

      // a bounce naming only the address finds the applicant too; one naming nothing is refused
      JsonObject byAddress = TestApp.await(node.eventBus().<JsonObject>request(Bus.MAIL_BOUNCE,
        new JsonObject().put("recipient", "ada@example.ORG").put("reason", "mailbox full"))).body();
      assertEquals(applicant, byAddress.getLong("applicantId"));
      IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> TestApp.await(node.eventBus().request(Bus.MAIL_BOUNCE, new JsonObject().put("returnPath", "someone@example.org"))));
      assertEquals(400, ((ReplyException) refused.getCause()).failureCode());
    } finally {
      close(node);
      gm.stop();
    }
  }

  @Test
  void returnPathParsing() {
    assertEquals(42L, BounceRecorder.outboxIdOf("bounce+42@example.org"));
    assertEquals(42L, BounceRecorder.outboxIdOf("<Bounce+42@Example.org>"));
    assertNull(BounceRecorder.outboxIdOf("bounce@example.org"));
    assertNull(BounceRecorder.outboxIdOf("bounce+x@example.org"));
    assertNull(BounceRecorder.outboxIdOf(null));
    assertEquals("bounce+7@example.org", MessageFactory.returnPath(7, "bounce@example.org"));
  }
}
