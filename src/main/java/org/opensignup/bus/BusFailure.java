package org.opensignup.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A refusal sent back over the event bus: an HTTP status as failure code and a message key
 * (resolved to German or English text by the HTTP layer) plus an optional field name.
 * Encoded as "field|messageKey|arg|..." so it survives the cluster without a codec.
 */
public final class BusFailure {
  private BusFailure() {}

  public static ReplyException of(int status, String field, String messageKey, Object... args) {
    StringBuilder b = new StringBuilder(field == null ? "" : field).append('|').append(messageKey);
    for (Object a : args) b.append('|').append(String.valueOf(a).replace('|', '/'));
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, b.toString());
  }

  private static String[] parts(ReplyException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.contains("|") ? m.split("\\|", -1) : new String[] {"", m};
  }

  public static String field(ReplyException e) {
    String f = parts(e)[0];
    return f.isEmpty() ? null : f;
  }

  public static String messageKey(ReplyException e) {
    return parts(e)[1];
  }

  public static Object[] args(ReplyException e) {
    String[] p = parts(e);
    return java.util.Arrays.copyOfRange(p, 2, p.length);
  }
}
