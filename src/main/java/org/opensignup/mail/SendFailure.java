package org.opensignup.mail;

import io.vertx.ext.mail.SMTPException;

/**
 * Why a send failed: whether trying again can help ({@code permanent}), and whether the relay itself
 * seems unavailable ({@code relayDown}: the whole lane pauses instead of burning through its queue).
 */
record SendFailure(boolean permanent, boolean relayDown, String message) {

  /** A failure that no retry can fix (bad address, broken template): thrown by our own checks. */
  static final class Permanent extends RuntimeException {
    Permanent(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * 5xx replies and invalid addresses are permanent; 4xx replies, refused connections, timeouts
   * and anything unknown are transient (retrying costs little, losing a mail costs a seat).
   */
  static SendFailure classify(Throwable t) {
    if (t instanceof Permanent p) return new SendFailure(true, false, p.getMessage());
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SMTPException smtp) {
        String reply = smtp.getReplyMessage() == null ? "" : smtp.getReplyMessage();
        String text = "SMTP " + (reply.startsWith(String.valueOf(smtp.getReplyCode())) ? reply : smtp.getReplyCode() + " " + reply);
        // 421: the service is closing the channel, a relay-wide problem rather than this mail's
        return new SendFailure(smtp.isPermanent(), smtp.getReplyCode() == 421, cut(text));
      }
      if (c instanceof IllegalArgumentException) return new SendFailure(true, false, "invalid message: " + text(c));
      if (c == c.getCause()) break;
    }
    // no connection (refused, timed out, reset): the relay is unavailable; anything else unknown is
    // retried like a 4xx and counts against mail.max-attempts, so it cannot loop forever
    return new SendFailure(false, hasIoCause(t), text(t));
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.io.IOException) return true;
      if (c == c.getCause()) break;
    }
    return false;
  }

  private static String text(Throwable t) {
    return cut(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  private static String cut(String m) {
    return m.length() > 500 ? m.substring(0, 500) : m;
  }
}
