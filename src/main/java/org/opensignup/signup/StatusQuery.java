package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What the status page shows for a secret link. */
public final class StatusQuery {
  private final Pool pool;
  private final int signoffDays;

  public StatusQuery(Pool pool, int signoffDays) {
    this.pool = pool;
    this.signoffDays = signoffDays;
  }

  /** The status, or null when no attendance has this secret. */
  public Future<JsonObject> status(String secret, Instant now) {
    return pool.preparedQuery(SignupSql.STATUS).execute(Tuple.of(secret)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      String state = r.getString("state");
      OffsetDateTime confirmedAt = r.getOffsetDateTime("confirmed_at");
      Instant signoffUntil = confirmedAt == null ? null : confirmedAt.toInstant().plus(Duration.ofDays(signoffDays));
      boolean canSignOff = switch (state) {
        case "waiting", "pool", "offered" -> true;
        case "confirmed" -> signoffUntil != null && now.isBefore(signoffUntil);
        default -> false;
      };
      String alt = r.getString("alternative");
      Long pos = r.getLong("position");
      OffsetDateTime offer = r.getOffsetDateTime("offer_expires_at");
      return new JsonObject()
        .put("secret", secret)
        .put("state", state)
        .put("position", pos == null ? null : pos.intValue())
        .put("feeCents", r.getInteger("fee_cents"))
        // the origin's discount waits for staff to confirm the origin
        .put("discountPending", r.getBoolean("origin_pending"))
        .put("amountPaidCents", r.getInteger("amount_paid_cents"))
        .put("course", new JsonObject().put("id", r.getLong("course_id"))
          .put("name", alt.isEmpty() ? r.getString("level") : r.getString("level") + " " + alt)
          .put("language", new JsonObject().put("de", r.getString("name_de")).put("en", r.getString("name_en"))))
        .put("firstName", r.getString("first_name"))
        .put("lastName", r.getString("last_name"))
        .put("locale", r.getString("locale"))
        .put("registeredAt", r.getOffsetDateTime("registered_at").toInstant().toString())
        .put("confirmedAt", confirmedAt == null ? null : confirmedAt.toInstant().toString())
        .put("offerExpiresAt", offer == null ? null : offer.toInstant().toString())
        .put("canSignOff", canSignOff)
        .put("signOffUntil", "confirmed".equals(state) && signoffUntil != null ? signoffUntil.toString() : null);
    });
  }
}
