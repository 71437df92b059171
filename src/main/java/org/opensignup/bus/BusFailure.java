package org.opensignup.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A refusal sent back over the event bus: an HTTP status as failure code and a message key
 * (resolved to German or English text by the HTTP layer) plus an optional field name.
 * Encoded as "field|messageKey" so it survives the cluster without a codec.
 */
public final class BusFailure {
  private BusFailure() {}

  public static ReplyException of(int status, String field, String messageKey) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, (field == null ? "" : field) + "|" + messageKey);
  }

  public static String field(ReplyException e) {
    String m = e.getMessage();
    int bar = m == null ? -1 : m.indexOf('|');
    return bar <= 0 ? null : m.substring(0, bar);
  }

  public static String messageKey(ReplyException e) {
    String m = e.getMessage();
    int bar = m == null ? -1 : m.indexOf('|');
    return bar < 0 ? m : m.substring(bar + 1);
  }
}
