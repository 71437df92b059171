package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.Outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The staff area's reads and writes. Every write runs in one transaction together with its audit row. */
public final class AdminStore {
  private final Pool pool;

  public AdminStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The staff member for this OIDC identity, created on the first visit, with their roles. The
   * configuration's superuser flag is set as given (so a name removed from it demotes); with a
   * verified mail address, pending invitations to it become roles now (audited).
   */
  public Future<Staff> staff(String subject, String mail, boolean mailVerified, String name, boolean listedSuperuser) {
    String m = clip(mail, 254);
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.UPSERT_STAFF)
      .execute(Tuple.of(subject, m, clip(name, 120), mailVerified && m != null, listedSuperuser))
      .compose(rows -> {
        Row u = rows.iterator().next();
        long id = u.getLong("id");
        boolean superuser = u.getBoolean("superuser");
        Future<?> bound = !mailVerified || m == null ? Future.succeededFuture()
          : conn.preparedQuery(AdminSql.BIND_INVITATIONS).execute(Tuple.of(id, m)).compose(b -> {
            if (b.rowCount() == 0) return Future.succeededFuture();
            JsonArray roles = new JsonArray();
            for (Row r : b) roles.add(new JsonObject().put("courseId", r.getLong("course_id")).put("role", r.getString("role")));
            return audit(conn, subject, "role.invitation-bound", "app_user", id, new JsonObject().put("mail", m).put("roles", roles));
          });
        return bound.compose(v -> conn.preparedQuery(AdminSql.STAFF_ROLES).execute(Tuple.of(id))).map(roleRows -> {
          Map<Long, Set<Staff.Role>> roles = new HashMap<>();
          for (Row r : roleRows) roles.computeIfAbsent(r.getLong("course_id"), c -> new HashSet<>()).add(Staff.Role.fromDb(r.getString("role")));
          String display = name != null && !name.isBlank() ? name : m != null ? m : subject;
          return new Staff(id, subject, display, superuser, roles);
        });
      }));
  }

  /** Languages with the courses this person may see, each with seats and counts. */
  public Future<List<Map<String, Object>>> overview(Staff staff, String lang) {
    return pool.query(AdminSql.COURSES).execute().map(rows -> {
      Map<Long, Map<String, Object>> languages = new LinkedHashMap<>();
      for (Row r : rows) {
        long id = r.getLong("id");
        if (!staff.canRead(id)) continue;
        Map<String, Object> language = languages.computeIfAbsent(r.getLong("language_id"), l -> {
          Map<String, Object> m = new HashMap<>();
          m.put("name", "en".equals(lang) ? r.getString("name_en") : r.getString("name_de"));
          m.put("courses", new ArrayList<Map<String, Object>>());
          return m;
        });
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("name", courseName(r.getString("level"), r.getString("alternative")));
        c.put("seats", r.getInteger("seats"));
        c.put("confirmed", r.getLong("confirmed"));
        c.put("waiting", r.getLong("waiting"));
        c.put("pool", r.getLong("pool"));
        c.put("canManage", staff.canManage(id));
        @SuppressWarnings("unchecked") List<Map<String, Object>> list = (List<Map<String, Object>>) language.get("courses");
        list.add(c);
      }
      return new ArrayList<>(languages.values());
    });
  }

  /** A course's name and seats, or null when there is no such course. */
  public Future<JsonObject> course(long courseId, String lang) {
    return pool.preparedQuery(AdminSql.COURSE).execute(Tuple.of(courseId)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new JsonObject().put("id", courseId).put("languageId", r.getLong("language_id"))
        .put("name", courseName(r.getString("level"), r.getString("alternative")))
        .put("language", "en".equals(lang) ? r.getString("name_en") : r.getString("name_de")).put("seats", r.getInteger("seats"))
        .put("priceCents", r.getInteger("price_cents"));
    });
  }

  /** The attendance list of a course, confirmed first, then offered, waiting (with position), pool, cancelled. */
  public Future<List<Attendee>> attendances(long courseId) {
    return pool.preparedQuery(AdminSql.ATTENDANCES).execute(Tuple.of(courseId)).map(rows -> {
      List<Attendee> out = new ArrayList<>();
      for (Row r : rows) {
        Long position = r.getLong("position");
        out.add(new Attendee(r.getLong("id"), r.getString("first_name"), r.getString("last_name"), r.getString("mail"),
          r.getString("state"), position == null ? null : position.intValue(), r.getInteger("fee_cents"),
          r.getInteger("amount_paid_cents"), r.getOffsetDateTime("paid_at"), r.getOffsetDateTime("registered_at"),
          r.getBoolean("bouncing"), r.getBoolean("origin_pending")));
      }
      return out;
    });
  }

  public record Attendee(long id, String firstName, String lastName, String mail, String state, Integer position,
                         int feeCents, int paidCents, OffsetDateTime paidAt, OffsetDateTime registeredAt, boolean bouncing,
                         boolean originPending) {}

  /**
   * Staff confirm the origin of a pending attendance: its discount (or free first course) applies
   * from now on, fee and discount are set, and the audit row says from what to what, in one transaction.
   */
  public Future<JsonObject> confirmOrigin(String actor, long courseId, long attendanceId) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.LOCK_PENDING_ORIGIN).execute(Tuple.of(attendanceId, courseId))
      .compose(rows -> {
        if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.payment.error.unknown-attendance", "attendanceId"));
        Row r = rows.iterator().next();
        if (!r.getBoolean("origin_pending")) return Future.failedFuture(new Refusal(409, "admin.origin.error.not-pending", "attendanceId"));
        org.opensignup.signup.Fees.Fee fee = org.opensignup.signup.Fees.of(r.getInteger("price_cents"), r.getBoolean("first_course_free"),
          r.getBoolean("first_course"), r.getInteger("origin_discount"), r.getBoolean("discounted"), true);
        JsonObject details = new JsonObject().put("courseId", courseId).put("origin", r.getString("name_de"))
          .put("before", new JsonObject().put("feeCents", r.getInteger("fee_cents")).put("discountPercent", r.getInteger("discount_percent")))
          .put("after", new JsonObject().put("feeCents", fee.cents()).put("discountPercent", fee.discountPercent()));
        return conn.preparedQuery(AdminSql.CONFIRM_ORIGIN).execute(Tuple.of(attendanceId, fee.cents(), fee.discountPercent(), actor))
          .compose(v -> audit(conn, actor, "origin.confirm", "attendance", attendanceId, details))
          .map(v -> new JsonObject().put("attendanceId", attendanceId).put("feeCents", fee.cents()).put("discountPercent", fee.discountPercent()));
      }));
  }

  /**
   * Records a payment (or a correction, negative) for an attendance of this course: payment row,
   * the attendance's paid amount and date, and the audit row in one transaction.
   */
  public Future<JsonObject> recordPayment(String actor, long courseId, long attendanceId, int cents, String note,
                                          java.time.LocalDate paidOn) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.LOCK_ATTENDANCE).execute(Tuple.of(attendanceId, courseId))
      .compose(rows -> {
        if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.payment.error.unknown-attendance", "attendanceId"));
        Row r = rows.iterator().next();
        int paid = r.getInteger("amount_paid_cents");
        if ((long) paid + cents < 0) {
          return Future.failedFuture(new Refusal(422, "admin.payment.error.negative-total", "amount", Euros.format(paid)));
        }
        if ((long) paid + cents > Euros.MAX_CENTS) return Future.failedFuture(new Refusal(422, "admin.payment.error.too-large", "amount"));
        return conn.preparedQuery(AdminSql.ADD_PAYMENT).execute(Tuple.of(attendanceId, cents));
      })
      .compose(updated -> {
        Row u = updated.iterator().next();
        JsonObject result = new JsonObject().put("attendanceId", attendanceId).put("amountCents", cents).put("paidOn", paidOn.toString())
          .put("amountPaidCents", u.getInteger("amount_paid_cents")).put("paid", u.getOffsetDateTime("paid_at") != null);
        return conn.preparedQuery(AdminSql.INSERT_PAYMENT).execute(Tuple.of(attendanceId, cents, actor, note, paidOn))
          .compose(p -> {
            long paymentId = p.iterator().next().getLong("id");
            result.put("paymentId", paymentId);
            return audit(conn, actor, "payment.record", "attendance", attendanceId,
              new JsonObject().put("courseId", courseId).put("paymentId", paymentId).put("amountCents", cents).put("note", note).put("paidOn", paidOn.toString()));
          })
          .map(v -> result);
      }));
  }

  /**
   * Mass mail: one bulk-lane outbox row per applicant of the chosen courses (an applicant in two of
   * them gets one mail), and the audit row, in one transaction. The caller wakes the mail senders.
   */
  public Future<Integer> queueMassMail(String actor, List<Long> courseIds, boolean includeWaiting, String subject, String body) {
    String[] states = includeWaiting ? new String[] {"confirmed", "waiting", "offered"} : new String[] {"confirmed"};
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.MAIL_RECIPIENTS)
      .execute(Tuple.tuple().addArrayOfLong(courseIds.toArray(new Long[0])).addArrayOfString(states))
      .compose(rows -> {
        List<Tuple> batch = new ArrayList<>();
        for (Row r : rows) {
          JsonObject payload = new JsonObject().put("subject", subject).put("body", body)
            .put("firstName", r.getString("first_name")).put("lastName", r.getString("last_name"));
          batch.add(Outbox.row(Outbox.Lane.BULK, Outbox.Kind.BULK, r.getString("mail"), r.getString("locale"), payload, r.getLong("id"), null));
        }
        Future<?> insert = batch.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(Outbox.INSERT).executeBatch(batch);
        return insert.compose(v -> audit(conn, actor, "mail.bulk", "course", null, new JsonObject()
            .put("courseIds", new JsonArray(new ArrayList<>(courseIds))).put("includeWaiting", includeWaiting)
            .put("subject", subject).put("recipients", batch.size())))
          .map(v -> batch.size());
      }));
  }

  public Future<List<Map<String, Object>>> failedMails() {
    return pool.query(AdminSql.FAILED_MAILS).execute().map(rows -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.getLong("id"));
        m.put("recipient", r.getString("recipient"));
        m.put("kind", r.getString("kind"));
        m.put("lane", r.getString("lane"));
        m.put("attempts", r.getInteger("attempts"));
        m.put("lastError", r.getString("last_error") == null ? "" : r.getString("last_error"));
        m.put("createdAt", r.getOffsetDateTime("created_at").toInstant());
        out.add(m);
      }
      return out;
    });
  }

  public Future<List<Map<String, Object>>> bouncing() {
    return pool.query(AdminSql.BOUNCING).execute().map(rows -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.getLong("id"));
        m.put("name", r.getString("first_name") + " " + r.getString("last_name"));
        m.put("mail", r.getString("mail"));
        m.put("since", r.getOffsetDateTime("bouncing_since").toInstant());
        m.put("reason", r.getString("reason") == null ? "" : r.getString("reason"));
        out.add(m);
      }
      return out;
    });
  }

  /**
   * Staff members with their roles (course names in the page's language), for the superusers' roles
   * page. {@code configured} tells which superusers the configuration names (fixed on the page).
   */
  public Future<List<Map<String, Object>>> roles(String lang, Superusers configured) {
    return pool.query(AdminSql.ROLES).execute().map(rows -> {
      Map<Long, Map<String, Object>> users = new LinkedHashMap<>();
      for (Row r : rows) {
        Map<String, Object> u = users.computeIfAbsent(r.getLong("user_id"), id -> {
          Map<String, Object> m = new HashMap<>();
          m.put("id", id);
          m.put("subject", r.getString("subject"));
          m.put("mail", r.getString("mail") == null ? "" : r.getString("mail"));
          m.put("mailVerified", r.getBoolean("mail_verified"));
          m.put("name", r.getString("name") == null ? "" : r.getString("name"));
          m.put("superuser", r.getBoolean("superuser"));
          // fixed: the configuration names this person (shown, not changeable here)
          m.put("superuserFixed", r.getBoolean("superuser_by_config") || configured.namesSubject(r.getString("subject"))
            || r.getBoolean("mail_verified") && configured.namesMail(r.getString("mail")));
          m.put("roles", new ArrayList<Map<String, Object>>());
          return m;
        });
        if (r.getLong("course_id") != null) {
          @SuppressWarnings("unchecked") List<Map<String, Object>> list = (List<Map<String, Object>>) u.get("roles");
          list.add(Map.of("courseId", r.getLong("course_id"), "role", r.getString("role"), "course", roleCourse(r, lang)));
        }
      }
      return new ArrayList<>(users.values());
    });
  }

  /** Invitations by mail that wait for their first login. */
  public Future<List<Map<String, Object>>> invitations(String lang) {
    return pool.query(AdminSql.INVITATIONS).execute().map(rows -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(Map.of("mail", r.getString("mail_key"), "courseId", r.getLong("course_id"), "role", r.getString("role"),
          "course", roleCourse(r, lang), "invitedBy", r.getString("invited_by")));
      }
      return out;
    });
  }

  private static String roleCourse(Row r, String lang) {
    return ("en".equals(lang) ? r.getString("name_en") : r.getString("name_de")) + " " + courseName(r.getString("level"), r.getString("alternative"));
  }

  /**
   * Grants a role. {@code who} with an {@code @} is a mail address: it names a person who logged in
   * with it verified, otherwise it becomes an invitation that binds at the first such login. Without
   * an {@code @} it is an OIDC subject (a row for it is made if that person never logged in yet).
   */
  public Future<Void> grant(String actor, String who, long courseId, Staff.Role role) {
    boolean mail = who.contains("@");
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.COURSE_EXISTS).execute(Tuple.of(courseId)).compose(c -> {
      if (c.size() == 0) return Future.failedFuture(new Refusal(404, "admin.roles.error.unknown-course", "courseId"));
      return conn.preparedQuery(mail ? AdminSql.FIND_USER_BY_VERIFIED_MAIL : AdminSql.FIND_USER_BY_SUBJECT).execute(Tuple.of(who));
    }).compose(found -> {
      if (found.size() > 0) return Future.succeededFuture(found.iterator().next().getLong("id"));
      if (mail) return Future.succeededFuture((Long) null);
      return conn.preparedQuery(AdminSql.CREATE_USER).execute(Tuple.of(who)).map(rs -> rs.iterator().next().getLong("id"));
    }).compose(userId -> {
      JsonObject details = new JsonObject().put("who", who).put("courseId", courseId).put("role", role.dbValue());
      if (userId == null) {
        return conn.preparedQuery(AdminSql.INVITE).execute(Tuple.of(who, courseId, role.dbValue(), actor))
          .compose(v -> audit(conn, actor, "role.invite", "role_invitation", null, details));
      }
      return conn.preparedQuery(AdminSql.GRANT).execute(Tuple.of(userId, courseId, role.dbValue()))
        .compose(v -> audit(conn, actor, "role.grant", "app_user", userId, details));
    }));
  }

  public Future<Void> revoke(String actor, long userId, long courseId, Staff.Role role) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.REVOKE).execute(Tuple.of(userId, courseId, role.dbValue()))
      .compose(rs -> rs.rowCount() == 0 ? Future.failedFuture(new Refusal(404, "admin.roles.error.unknown-role", null))
        : audit(conn, actor, "role.revoke", "app_user", userId, new JsonObject().put("courseId", courseId).put("role", role.dbValue()))));
  }

  public Future<Void> uninvite(String actor, String mail, long courseId, Staff.Role role) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.UNINVITE).execute(Tuple.of(mail, courseId, role.dbValue()))
      .compose(rs -> rs.rowCount() == 0 ? Future.failedFuture(new Refusal(404, "admin.roles.error.unknown-role", null))
        : audit(conn, actor, "role.uninvite", "role_invitation", null,
          new JsonObject().put("mail", mail).put("courseId", courseId).put("role", role.dbValue()))));
  }

  /**
   * Grants or revokes the superuser flag of the roles page. Those the configuration names are fixed
   * (their flag follows the configuration), and nobody revokes their own.
   */
  public Future<Void> setSuperuser(String actor, long actorId, long userId, boolean superuser, Superusers configured) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminSql.LOCK_USER).execute(Tuple.of(userId)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.roles.error.unknown-user", "userId"));
      Row u = rows.iterator().next();
      if (u.getBoolean("superuser_by_config") || configured.namesSubject(u.getString("subject"))) {
        return Future.failedFuture(new Refusal(409, "admin.roles.error.superuser-fixed", "userId"));
      }
      if (!superuser && userId == actorId) return Future.failedFuture(new Refusal(409, "admin.roles.error.superuser-self", "userId"));
      boolean before = u.getBoolean("superuser");
      return conn.preparedQuery(AdminSql.SET_SUPERUSER).execute(Tuple.of(userId, superuser))
        .compose(v -> audit(conn, actor, superuser ? "superuser.grant" : "superuser.revoke", "app_user", userId,
          new JsonObject().put("before", before).put("after", superuser)));
    }));
  }

  /** An audit row on its own (exports, harvest actions): actions that change nothing else here. */
  public Future<Void> audit(String actor, String action, String entity, Long entityId, JsonObject details) {
    return pool.preparedQuery(AdminSql.AUDIT).execute(Tuple.of(actor, action, entity, entityId, details)).mapEmpty();
  }

  private static Future<Void> audit(SqlConnection conn, String actor, String action, String entity, Long entityId, JsonObject details) {
    return conn.preparedQuery(AdminSql.AUDIT).execute(Tuple.of(actor, action, entity, entityId, details)).mapEmpty();
  }

  public static String courseName(String level, String alternative) {
    return alternative == null || alternative.isEmpty() ? level : level + " " + alternative;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
