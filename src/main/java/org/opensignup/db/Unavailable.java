package org.opensignup.db;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells "not now" from "wrong": a failure that says the database (or the queue in front of it) cannot
 * serve right now, so the answer is 503 with Retry-After and no stack trace, not a 500 for a bug.
 * Usable by every feature that turns a database failure into an answer.
 */
public final class Unavailable {
  private Unavailable() {}

  /**
   * SQLSTATEs of a server that is going away, starting, full or busy: 57P01 admin shutdown, 57P02
   * crash shutdown, 57P03 cannot connect now (starting, shutting down, in recovery), 57014 statement
   * timeout, 55P03 lock timeout, 40001 serialization failure, 40P01 deadlock. Classes 08 (connection
   * exception) and 53 (insufficient resources, e.g. 53300 too many connections) are matched by prefix.
   */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03", "40001", "40P01");

  /** What the pool and the client say when they refuse or lose a connection (they carry no type of their own). */
  private static final java.util.List<String> MESSAGES = java.util.List.of("wait queue is full", "Timeout while waiting",
    "Connection refused", "Connection reset", "Broken pipe", "Connection is not active now", "connection may have been lost", "Client is closed", "Pool closed");

  public static boolean is(Throwable failure) {
    int depth = 0;
    for (Throwable c = failure; c != null && depth < 16; c = c.getCause(), depth++) {
      if (c instanceof DatabaseException db && transientState(db.getSqlState())) return true;
      // the socket to the database broke (a terminated backend resets it): SocketException covers reset and
      // refused; native transports raise plain IOExceptions, found by their message below
      if (c instanceof ClosedConnectionException || c instanceof SocketException || c instanceof ClosedChannelException) return true;
      // another verticle said "not now" (503), did not answer in time, or is not (yet) deployed
      if (c instanceof ReplyException re && (re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.NO_HANDLERS
        || re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() == 503)) return true;
      String m = c.getMessage();
      if (m != null && MESSAGES.stream().anyMatch(m::contains)) return true;
    }
    return false;
  }

  static boolean transientState(String state) {
    return state != null && (STATES.contains(state) || state.startsWith("08") || state.startsWith("53"));
  }

  /** One short line for a log: the innermost cause's type, SQLSTATE and message. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String state = root instanceof DatabaseException db && db.getSqlState() != null ? " [" + db.getSqlState() + "]" : "";
    String m = root.getMessage();
    if (m != null && m.length() > 200) m = m.substring(0, 200) + "…";
    return root.getClass().getSimpleName() + state + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
  }
}
