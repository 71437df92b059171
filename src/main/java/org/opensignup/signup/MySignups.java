package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.Bus;
import org.opensignup.mail.MailKey;
import org.opensignup.mail.Outbox;

/**
 * "My signups": everything one mail address has signed up for. The list is shown only through a
 * link sent to that address, so knowing an address reveals nothing; asking for it puts one mail into
 * the outbox when the address has signed up at all, and nothing otherwise.
 */
public final class MySignups {
  static final String LIST = """
    SELECT a.secret, a.state, a.registered_at, c.level, c.alternative, l.name_de, l.name_en
      FROM applicant ap JOIN attendance a ON a.applicant_id = ap.id
      JOIN course c ON c.id = a.course_id JOIN language l ON l.id = c.language_id
     WHERE ap.mail_key = $1 AND ap.anonymised_at IS NULL
     ORDER BY a.registered_at, a.id""";

  /** One row for the address's applicant, in the same statement that finds it. */
  static final String MAIL_LINK = """
    INSERT INTO mail_outbox (lane, kind, recipient, locale, payload, applicant_id)
    SELECT 'transactional', $2, ap.mail, $3,
           jsonb_build_object('firstName', ap.first_name, 'lastName', ap.last_name, 'listUrl', $4::text), ap.id
      FROM applicant ap
     WHERE ap.mail_key = $1 AND ap.anonymised_at IS NULL
       AND EXISTS (SELECT 1 FROM attendance a WHERE a.applicant_id = ap.id)
    RETURNING id""";

  private final Vertx vertx;
  private final Pool pool;

  public MySignups(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Queues the mail with {@code listUrl}; true when the address has signups (the caller must not tell). */
  public Future<Boolean> sendLink(String mail, String locale, String listUrl) {
    return pool.preparedQuery(MAIL_LINK).execute(Tuple.of(MailKey.of(mail), Outbox.Kind.SIGNUP_LIST, locale, listUrl)).map(rows -> {
      if (rows.size() > 0) vertx.eventBus().publish(Bus.MAIL_WAKEUP, new JsonObject());
      return rows.size() > 0;
    });
  }

  /** [{secret, state, registeredAt, course:{name, language:{de, en}}}] in signup order. */
  public Future<JsonArray> list(String mail) {
    return pool.preparedQuery(LIST).execute(Tuple.of(MailKey.of(mail))).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        String alt = r.getString("alternative");
        out.add(new JsonObject().put("secret", r.getString("secret")).put("state", r.getString("state"))
          .put("registeredAt", r.getOffsetDateTime("registered_at").toInstant().toString())
          .put("course", new JsonObject().put("name", alt.isEmpty() ? r.getString("level") : r.getString("level") + " " + alt)
            .put("language", new JsonObject().put("de", r.getString("name_de")).put("en", r.getString("name_en")))));
      }
      return out;
    });
  }
}
