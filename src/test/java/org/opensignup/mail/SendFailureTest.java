package org.opensignup.mail;

import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SendFailureTest {
  @Test
  void smtp5xxIsPermanent() {
    SendFailure f = SendFailure.classify(new SMTPException("RCPT TO", 550, List.of("550 5.1.1 no such user"), false));
    assertTrue(f.permanent());
    assertFalse(f.relayDown());
    assertTrue(f.message().contains("550"), f.message());
  }

  @Test
  void smtp4xxIsTransient() {
    SendFailure f = SendFailure.classify(new SMTPException("RCPT TO", 451, List.of("451 4.3.0 try later"), false));
    assertFalse(f.permanent());
  }

  @Test
  void refusedConnectionIsTransientAndMeansTheRelayIsDown() {
    SendFailure f = SendFailure.classify(new RuntimeException(new ConnectException("Connection refused")));
    assertFalse(f.permanent());
    assertTrue(f.relayDown());
  }

  @Test
  void unknownErrorIsTransientButCounted() {
    SendFailure f = SendFailure.classify(new IllegalStateException("something odd"));
    assertFalse(f.permanent());
    assertFalse(f.relayDown(), "counts against the attempts, so it cannot loop forever");
  }

  @Test
  void invalidAddressIsPermanent() {
    assertTrue(SendFailure.classify(new SendFailure.Permanent("invalid recipient address 'x'", null)).permanent());
    assertTrue(SendFailure.classify(new IllegalArgumentException("bad address")).permanent());
  }
}
