package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.Outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Writes the outbox mails of seat changes, in the caller's transaction: one mail per attendance, its state as it is now. */
final class SeatMails {
  private final MailModel.Terms terms;

  SeatMails(MailModel.Terms terms) {
    this.terms = terms;
  }

  Future<Void> write(SqlConnection conn, List<Long> attendanceIds, String kind) {
    return write(conn, attendanceIds, kind, null);
  }

  /** {@code extra} is merged into each mail's model (e.g. the course a move came from). */
  Future<Void> write(SqlConnection conn, List<Long> attendanceIds, String kind, JsonObject extra) {
    if (attendanceIds.isEmpty()) return Future.succeededFuture();
    // a lookup by a list of ids: planned for this execution (see SignupSql.CUSTOM_PLANS), pipelined, no extra round trip
    Future<?> custom = conn.preparedQuery(SignupSql.CUSTOM_PLANS).execute();
    Future<RowSet<Row>> model = conn.preparedQuery(SignupSql.MAIL_MODEL).execute(Tuple.of((Object) attendanceIds.toArray(Long[]::new)));
    Future<?> cached = conn.preparedQuery(SignupSql.CACHED_PLANS).execute();
    return Future.all(custom, model, cached).map(all -> model.result()).compose(rows -> {
      List<Tuple> out = new ArrayList<>();
      for (Row r : rows) {
        String locale = r.getString("locale");
        Long pos = r.getLong("position");
        OffsetDateTime confirmedAt = r.getOffsetDateTime("confirmed_at");
        JsonObject payload = MailModel.of(r.getString("first_name"), r.getString("last_name"),
          MailModel.CourseFacts.of(r, r.getLong("course_id")), locale, r.getString("state"), pos == null ? null : pos.intValue(),
          r.getLong("waiting_of") == null ? null : r.getLong("waiting_of").intValue(), r.getInteger("fee_cents"), confirmedAt == null ? null : confirmedAt.toInstant(), terms, r.getString("secret"));
        if (r.getBoolean("manual_mode")) payload.put("manual", true);
        OffsetDateTime expires = r.getOffsetDateTime("offer_expires_at");
        if (expires != null) {
          String base = terms.publicUrl() + "/status/" + r.getString("secret");
          payload.put("offerExpiresAt", expires.toInstant().toString()).put("acceptUrl", base + "#offer").put("declineUrl", base + "#offer");
        }
        if (extra != null) {
          JsonObject e = extra.copy();
          if (e.getValue("fromCourse") instanceof JsonObject from) {
            e.put("fromCourse", new JsonObject().put("name", from.getString("name"))
              .put("language", "en".equals(locale) ? from.getString("languageEn") : from.getString("languageDe")));
          }
          payload.mergeIn(e);
        }
        out.add(Outbox.row(Outbox.Lane.TRANSACTIONAL, kind, r.getString("mail"), locale, payload, r.getLong("applicant_id"), r.getLong("id")));
      }
      return out.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(Outbox.INSERT_MANY).execute(Outbox.many(out)).mapEmpty();
    });
  }
}
