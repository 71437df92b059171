package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.BusFailure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a bounce (a delivery status notification) for an outbox mail: a mail_bounce row, and the
 * applicant marked as bouncing so admins see the address is bad. The mail is found through its
 * per-message return path (bounce+{id}@domain) or, failing that, by the recipient address.
 */
final class BounceRecorder {
  private static final Pattern RETURN_PATH = Pattern.compile("^[^@+\\s]+\\+(\\d{1,18})@[^@\\s]+$");

  private final Pool pool;

  BounceRecorder(Pool pool) {
    this.pool = pool;
  }

  /** bounce+42@example.org (with or without angle brackets) → 42; anything else → null. */
  static Long outboxIdOf(String returnPath) {
    if (returnPath == null) return null;
    String p = returnPath.trim();
    if (p.startsWith("<") && p.endsWith(">")) p = p.substring(1, p.length() - 1);
    Matcher m = RETURN_PATH.matcher(p.toLowerCase(Locale.ROOT));
    return m.matches() ? Long.valueOf(m.group(1)) : null;
  }

  /** Request as in {@code Bus.MAIL_BOUNCE}; fails with a 400 BusFailure when it names no mail and no address. */
  Future<JsonObject> record(JsonObject request) {
    Long outboxId = outboxIdOf(request.getString("returnPath"));
    String recipient = trimmed(request.getString("recipient"));
    String reason = trimmed(request.getString("reason"));
    if (reason != null && reason.length() > 2000) reason = reason.substring(0, 2000);
    if (outboxId == null && recipient == null) {
      return Future.failedFuture(BusFailure.of(400, "returnPath", "mail.bounce.unknown"));
    }
    String why = reason;
    return pool.withTransaction(conn -> {
      Future<String> to = recipient != null ? Future.succeededFuture(recipient)
        : conn.preparedQuery(MailSql.RECIPIENT_OF).execute(Tuple.of(outboxId))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("recipient"));
      return to.compose(address -> {
        if (address == null) return Future.<JsonObject>failedFuture(BusFailure.of(404, "returnPath", "mail.bounce.unknown"));
        return conn.preparedQuery(MailSql.INSERT_BOUNCE).execute(Tuple.of(outboxId, address, why)).compose(inserted -> {
          Row b = inserted.iterator().next();
          JsonObject reply = new JsonObject().put("bounceId", b.getLong("id")).put("outboxId", b.getLong("outbox_id")).put("recipient", address);
          return conn.preparedQuery(MailSql.MARK_BOUNCING).execute(Tuple.of(outboxId, MailKey.of(address))).map(marked -> {
            if (marked.size() > 0) reply.put("applicantId", marked.iterator().next().getLong("id"));
            return reply;
          });
        });
      });
    });
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
