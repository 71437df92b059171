package org.opensignup.db;

import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.*;

/** Which failures mean "the database cannot serve now" (503, retry) and which are bugs or bad input (not 503). */
class UnavailableTest {

  private static PgException pg(String state) {
    return new PgException("message " + state, "FATAL", state, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"57P03", "57P01", "57P02", "53300", "53100", "08006", "08001", "57014", "55P03", "40001", "40P01"})
  void serverGoingAwayFullOrBusyIsUnavailable(String state) {
    assertTrue(Unavailable.is(pg(state)), state);
    assertTrue(Unavailable.is(new VertxException("wrapped", pg(state))), "found as a cause too: " + state);
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "23514", "42P01", "22P02", "55000", "42703"})
  void constraintsAndBugsAreNot(String state) {
    assertFalse(Unavailable.is(pg(state)), state);
  }

  @Test
  void connectionFailuresAndPoolRefusalsAreUnavailable() {
    assertTrue(Unavailable.is(ClosedConnectionException.INSTANCE));
    assertTrue(Unavailable.is(new ConnectException("Connection refused")));
    // PostgreSQL stopping under load resets sockets in the middle of a transaction (seen in ResilienceTest)
    assertTrue(Unavailable.is(new java.net.SocketException("Connection reset")));
    assertTrue(Unavailable.is(new VertxException("wrapped", new java.io.IOException("recvAddress(..) failed: Connection reset by peer"))));
    assertTrue(Unavailable.is(new java.io.IOException("Broken pipe")));
    assertFalse(Unavailable.is(new java.io.IOException("No space left on device")));
    assertTrue(Unavailable.is(new VertxException("Timeout while waiting for connection", true)));
    assertTrue(Unavailable.is(new VertxException("Pool wait queue is full", true)));
    // a pooled connection whose backend was terminated
    assertTrue(Unavailable.is(new VertxException("Connection is not active now, current status: CLOSED", true)));
    assertTrue(Unavailable.is(new ReplyException(ReplyFailure.TIMEOUT, "timeout")));
    assertTrue(Unavailable.is(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "|error.unavailable")));
    assertTrue(Unavailable.is(new ReplyException(ReplyFailure.NO_HANDLERS, "no consumer yet")));
    assertFalse(Unavailable.is(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "boom")));
    assertFalse(Unavailable.is(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409, "|signup.error.full")));
    assertFalse(Unavailable.is(new NullPointerException()));
    assertFalse(Unavailable.is(null));
  }

  @Test
  void describeIsOneShortLineWithTheState() {
    String line = Unavailable.describe(new VertxException("outer", pg("57P03")));
    assertTrue(line.startsWith("PgException [57P03]: "), line);
    assertTrue(line.contains("message 57P03"), line);
    assertFalse(Unavailable.describe(new RuntimeException("a\nb")).contains("\n"));
  }
}
