package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.MailKey;
import org.opensignup.mail.Outbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The staff area's semester work: languages and courses (everything but seats, which change through
 * the signup pipeline), applicant search, preterm tokens, payments with method, the payment desk and
 * the audit log. Every write runs in one transaction with its audit row (who, what, before, after).
 * Answers are JSON with the field names of the staff API.
 */
public final class StaffStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Pool pool;
  private final String publicUrl;

  public StaffStore(Pool pool, String publicUrl) {
    this.pool = pool;
    this.publicUrl = publicUrl;
  }

  // --- languages ---------------------------------------------------------------------------------

  public Future<JsonArray> languages() {
    return pool.query(StaffSql.LANGUAGES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(language(r));
      return out;
    });
  }

  public Future<Long> createLanguage(String actor, JsonObject input) {
    StaffInput.Language l = StaffInput.language(input);
    Integer semester = StaffInput.integer(input, "semesterId", 1, Integer.MAX_VALUE);
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.INSERT_LANGUAGE).execute(languageTuple(l, null).addLong(semester == null ? null : semester.longValue()))
      .compose(rows -> {
        long id = rows.iterator().next().getLong("id");
        return conn.preparedQuery(StaffSql.LANGUAGE_FOR_UPDATE).execute(Tuple.of(id))
          .compose(after -> audit(conn, actor, "language.create", "language", id, null, null, null, language(after.iterator().next())))
          .map(v -> id);
      })).recover(e -> Future.failedFuture(e instanceof PgException pg && ("23503".equals(pg.getSqlState()) || "23502".equals(pg.getSqlState()))
        ? new Refusal(422, "semesters.error.no-semester", "semesterId") // unknown, or no open semester to default to
        : conflict(e, "nameDe", "admin.language.error.name-taken")));
  }

  /** Changes the fields given; the others keep their values. Null when there is no such language. */
  public Future<JsonObject> updateLanguage(String actor, long id, JsonObject patch) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.LANGUAGE_FOR_UPDATE).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.language.error.unknown", null));
      JsonObject before = language(rows.iterator().next());
      StaffInput.Language l = StaffInput.language(before.copy().mergeIn(patch));
      return conn.preparedQuery(StaffSql.UPDATE_LANGUAGE).execute(languageTuple(l, id))
        .compose(v -> conn.preparedQuery(StaffSql.LANGUAGE_FOR_UPDATE).execute(Tuple.of(id)))
        .compose(after -> {
          JsonObject a = language(after.iterator().next());
          return audit(conn, actor, "language.update", "language", id, null, null, before, a).map(v -> a);
        });
    })).recover(e -> Future.failedFuture(conflict(e, "nameDe", "admin.language.error.name-taken")));
  }

  private static Tuple languageTuple(StaffInput.Language l, Long id) {
    Tuple t = id == null ? Tuple.tuple() : Tuple.of(id);
    return t.addString(l.nameDe()).addString(l.nameEn()).addValue(odt(l.signupBegin())).addValue(odt(l.lotteryEnd()))
      .addValue(odt(l.fcfsBegin())).addValue(odt(l.signupEnd())).addBoolean(l.manualMode()).addString(l.replyTo());
  }

  private static JsonObject language(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("nameDe", r.getString("name_de")).put("nameEn", r.getString("name_en"))
      .put("replyTo", r.getString("reply_to")).put("signupBegin", iso(r, "signup_begin")).put("lotteryEnd", iso(r, "lottery_end"))
      .put("fcfsBegin", iso(r, "fcfs_begin")).put("signupEnd", iso(r, "signup_end")).put("manualMode", r.getBoolean("manual_mode"))
      .put("lotteryDrawnAt", iso(r, "lottery_drawn_at")).put("semesterId", r.getLong("semester_id"));
  }

  // --- courses -----------------------------------------------------------------------------------

  public Future<JsonArray> courses() {
    return pool.query(StaffSql.COURSES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(course(r));
      return out;
    });
  }

  /** A course as JSON, or null. */
  public Future<JsonObject> course(long id) {
    return pool.preparedQuery(StaffSql.COURSE).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : course(rows.iterator().next()));
  }

  public Future<Long> createCourse(String actor, JsonObject input) {
    StaffInput.Course c = StaffInput.course(input);
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.INSERT_COURSE).execute(courseTuple(c, null, true)).compose(rows -> {
      long id = rows.iterator().next().getLong("id");
      return conn.preparedQuery(StaffSql.COURSE).execute(Tuple.of(id))
        .compose(after -> audit(conn, actor, "course.create", "course", id, null, id, null, course(after.iterator().next())))
        .map(v -> id);
    })).recover(StaffStore::courseConflict);
  }

  /**
   * Checks a change of a course as a whole (the current values overlaid with the patch) without
   * writing: the caller sends a seat change to the pipeline only for a patch that is valid throughout.
   */
  public Future<JsonObject> checkCoursePatch(long id, JsonObject patch) {
    return course(id).map(current -> {
      if (current == null) throw new Refusal(404, "admin.error.unknown-course", null);
      StaffInput.course(current.copy().mergeIn(patch));
      return current;
    });
  }

  /** Changes every field given except the seats; answers the course afterwards. */
  public Future<JsonObject> updateCourse(String actor, long id, JsonObject patch) {
    JsonObject fields = patch.copy();
    fields.remove("seats");
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.COURSE_FOR_UPDATE).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.error.unknown-course", null));
      JsonObject before = course(rows.iterator().next());
      StaffInput.Course c = StaffInput.course(before.copy().mergeIn(fields));
      return conn.preparedQuery(StaffSql.UPDATE_COURSE).execute(courseTuple(c, id, false))
        .compose(v -> conn.preparedQuery(StaffSql.COURSE).execute(Tuple.of(id)))
        .compose(after -> {
          JsonObject a = course(after.iterator().next());
          return audit(conn, actor, "course.update", "course", id, null, id, before, a).map(v -> a);
        });
    })).recover(StaffStore::courseConflict);
  }

  /** Deletes a course nobody ever signed up for; 409 otherwise. */
  public Future<Void> deleteCourse(String actor, long id) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.COURSE_FOR_UPDATE).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.error.unknown-course", null));
      JsonObject before = course(rows.iterator().next());
      return conn.preparedQuery(StaffSql.DELETE_EMPTY_COURSE).execute(Tuple.of(id)).compose(del -> del.rowCount() == 0
        ? Future.failedFuture(new Refusal(409, "admin.course.error.not-empty", null))
        // the audit row keeps the id in entity_id; course_id would point at a deleted row
        : audit(conn, actor, "course.delete", "course", id, null, null, before, null));
    }));
  }

  private static Tuple courseTuple(StaffInput.Course c, Long id, boolean withSeats) {
    Tuple t = id == null ? Tuple.tuple() : Tuple.of(id);
    t.addLong(c.languageId()).addString(c.level()).addString(c.alternative()).addString(c.ger()).addString(c.schedule());
    if (withSeats) t.addInteger(c.seats());
    return t.addInteger(c.priceCents()).addInteger(c.ratingLowest()).addInteger(c.ratingHighest()).addBoolean(c.ratingGated())
      .addArrayOfString(c.collision().toArray(new String[0])).addBoolean(c.hasWaitingList()).addInteger(c.waitingCapFactor())
      .addString(c.room()).addString(c.teacher()).addLocalDate(c.firstDate()).addLocalDate(c.lastDate());
  }

  private static JsonObject course(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("languageId", r.getLong("language_id")).put("level", r.getString("level"))
      .put("alternative", r.getString("alternative")).put("ger", r.getString("ger")).put("schedule", r.getString("schedule"))
      .put("seats", r.getInteger("seats")).put("priceCents", r.getInteger("price_cents"))
      .put("ratingLowest", r.getInteger("rating_lowest")).put("ratingHighest", r.getInteger("rating_highest"))
      .put("ratingGated", r.getBoolean("rating_gated")).put("collision", new JsonArray(List.of(r.getArrayOfStrings("collision"))))
      .put("hasWaitingList", r.getBoolean("has_waiting_list")).put("waitingCapFactor", r.getInteger("waiting_cap_factor"))
      .put("room", r.getString("room")).put("teacher", r.getString("teacher"))
      .put("confirmed", r.getInteger("confirmed_count")).put("waiting", r.getInteger("waiting_count"))
      .put("closed", r.getOffsetDateTime("closed_at") != null).put("closedAt", iso(r, "closed_at"))
      .put("firstDate", day(r.getLocalDate("first_date"))).put("lastDate", day(r.getLocalDate("last_date")));
  }

  private static String day(java.time.LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static <T> Future<T> courseConflict(Throwable e) {
    if (e instanceof PgException pg && "23503".equals(pg.getSqlState())) {
      return Future.failedFuture(new Refusal(422, "admin.course.error.unknown-language", "languageId"));
    }
    return Future.failedFuture(conflict(e, "level", "admin.course.error.taken"));
  }

  private static Throwable conflict(Throwable e, String field, String key) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState()) ? new Refusal(409, key, field) : e;
  }

  // --- applicants --------------------------------------------------------------------------------

  /**
   * Applicants whose name or mail contains {@code q}, or whose matriculation number hashes to
   * {@code tagHash}, each with their attendances. {@code onlyCourses} null: every applicant;
   * otherwise only those with an attendance in one of these courses.
   */
  public Future<JsonArray> search(String q, byte[] tagHash, List<Long> onlyCourses, int limit) {
    String needle = q.strip().toLowerCase(Locale.ROOT);
    String escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    Tuple t = Tuple.tuple().addString("%" + escaped + "%").addValue(tagHash == null ? null : io.vertx.core.buffer.Buffer.buffer(tagHash))
      .addArrayOfLong(onlyCourses == null ? null : onlyCourses.toArray(new Long[0])).addString(needle).addInteger(limit).addString(escaped + "%");
    return pool.preparedQuery(StaffSql.SEARCH_APPLICANTS).execute(t).compose(rows -> {
      Map<Long, JsonObject> found = new LinkedHashMap<>();
      for (Row r : rows) found.put(r.getLong("id"), applicant(r).put("attendances", new JsonArray()));
      if (found.isEmpty()) return Future.succeededFuture(new JsonArray());
      return pool.preparedQuery(StaffSql.ATTENDANCES_OF).execute(Tuple.of(found.keySet().toArray(new Long[0]))).map(att -> {
        for (Row r : att) found.get(r.getLong("applicant_id")).getJsonArray("attendances").add(attendance(r));
        return new JsonArray(new ArrayList<>(found.values()));
      });
    });
  }

  /** An applicant with attendances (and their payments), the mails sent to them and their audit history; null if unknown. */
  public Future<JsonObject> applicant(long id) {
    return pool.preparedQuery(StaffSql.APPLICANT).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(null);
      Row r = rows.iterator().next();
      JsonObject a = applicant(r).put("phone", r.getString("phone")).put("semester", r.getInteger("semester"))
        .put("createdAt", iso(r, "created_at")).put("anonymisedAt", iso(r, "anonymised_at"));
      Future<RowSet<Row>> att = pool.preparedQuery(StaffSql.ATTENDANCES_OF).execute(Tuple.of((Object) new Long[] {id}));
      Future<RowSet<Row>> mails = pool.preparedQuery(StaffSql.MAILS_OF).execute(Tuple.of(id));
      Future<JsonArray> audit = audit(null, null, id, null, null, 200);
      return Future.all(att, mails, audit).compose(all -> {
        JsonArray attendances = new JsonArray();
        List<Long> ids = new ArrayList<>();
        for (Row t : att.result()) {
          attendances.add(attendance(t).put("payments", new JsonArray()));
          ids.add(t.getLong("id"));
        }
        JsonArray sent = new JsonArray();
        for (Row m : mails.result()) {
          sent.add(new JsonObject().put("id", m.getLong("id")).put("kind", m.getString("kind")).put("state", m.getString("state"))
            .put("recipient", m.getString("recipient")).put("createdAt", iso(m, "created_at")).put("sentAt", iso(m, "sent_at"))
            .put("lastError", m.getString("last_error")));
        }
        a.put("attendances", attendances).put("mails", sent).put("audit", audit.result());
        return payments(ids).map(byAttendance -> {
          for (Object o : attendances) {
            JsonObject j = (JsonObject) o;
            j.put("payments", byAttendance.getOrDefault(j.getLong("id"), new JsonArray()));
          }
          return a;
        });
      });
    });
  }

  private Future<Map<Long, JsonArray>> payments(List<Long> attendanceIds) {
    return pool.preparedQuery(StaffSql.PAYMENTS_OF).execute(Tuple.of((Object) attendanceIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, JsonArray> out = new LinkedHashMap<>();
      for (Row p : rows) {
        out.computeIfAbsent(p.getLong("attendance_id"), k -> new JsonArray()).add(new JsonObject().put("id", p.getLong("id"))
          .put("amountCents", p.getInteger("amount_cents")).put("method", p.getString("method")).put("note", p.getString("note"))
          .put("paidAt", iso(p, "paid_at")).put("paidOn", p.getLocalDate("paid_on").toString()).put("recordedBy", p.getString("recorded_by")));
      }
      return out;
    });
  }

  private static JsonObject applicant(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("firstName", r.getString("first_name")).put("lastName", r.getString("last_name"))
      .put("mail", r.getString("mail")).put("locale", r.getString("locale")).put("bouncing", r.getBoolean("bouncing"));
  }

  private static JsonObject attendance(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("courseId", r.getLong("course_id")).put("state", r.getString("state"))
      .put("course", AdminStore.courseName(r.getString("level"), r.getString("alternative")))
      .put("languageId", r.getLong("language_id")).put("languageDe", r.getString("name_de")).put("languageEn", r.getString("name_en"))
      .put("feeCents", r.getInteger("fee_cents")).put("amountPaidCents", r.getInteger("amount_paid_cents"))
      .put("registeredAt", iso(r, "registered_at")).put("confirmedAt", iso(r, "confirmed_at"))
      .put("cancelledAt", iso(r, "cancelled_at")).put("offerExpiresAt", iso(r, "offer_expires_at"));
  }

  /** The course and applicant of an attendance, for the role check before a seat command; null if unknown. */
  public Future<JsonObject> attendanceHead(long id) {
    return pool.preparedQuery(StaffSql.ATTENDANCE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new JsonObject().put("id", id).put("applicantId", r.getLong("applicant_id")).put("courseId", r.getLong("course_id"))
        .put("state", r.getString("state")).put("feeCents", r.getInteger("fee_cents")).put("amountPaidCents", r.getInteger("amount_paid_cents"));
    });
  }

  // --- payments ----------------------------------------------------------------------------------

  /**
   * Records a payment (negative: a correction or refund) with its method and the day it was made: payment row, the
   * attendance's paid total and date, and the audit row in one transaction. The answer flags a
   * partial or an over-payment and a refund due on a cancelled attendance.
   */
  public Future<JsonObject> recordPayment(String actor, long attendanceId, int cents, String method, String note,
                                          java.time.LocalDate paidOn) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.LOCK_ATTENDANCE).execute(Tuple.of(attendanceId)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.payment.error.unknown-attendance", null));
      Row r = rows.iterator().next();
      int paid = r.getInteger("amount_paid_cents");
      if ((long) paid + cents < 0) {
        return Future.failedFuture(new Refusal(422, "admin.payment.error.negative-total", "amountCents", Euros.format(paid)));
      }
      if ((long) paid + cents > Euros.MAX_CENTS) return Future.failedFuture(new Refusal(422, "admin.payment.error.too-large", "amountCents"));
      long courseId = r.getLong("course_id"), applicantId = r.getLong("applicant_id");
      String state = r.getString("state");
      JsonObject before = new JsonObject().put("amountPaidCents", paid);
      return conn.preparedQuery(AdminSql.ADD_PAYMENT).execute(Tuple.of(attendanceId, cents))
        .compose(u -> conn.preparedQuery(StaffSql.INSERT_PAYMENT).execute(Tuple.of(attendanceId, cents, actor, note, method, paidOn)).map(p -> {
          Row total = u.iterator().next();
          int fee = r.getInteger("fee_cents"), now = total.getInteger("amount_paid_cents");
          return new JsonObject().put("paymentId", p.iterator().next().getLong("id")).put("attendanceId", attendanceId)
            .put("amountCents", cents).put("method", method).put("note", note).put("paidOn", paidOn.toString()).put("feeCents", fee).put("amountPaidCents", now)
            .put("standing", standing(state, fee, now));
        }))
        .compose(result -> audit(conn, actor, "payment.record", "attendance", attendanceId, applicantId, courseId, before,
          result.copy().put("courseId", courseId)).map(v -> result));
    }));
  }

  /** How an attendance stands with its fee: paid, partial, over, open (nothing paid), refund (cancelled with money paid), none. */
  public static String standing(String state, int feeCents, int paidCents) {
    if ("cancelled".equals(state)) return paidCents > 0 ? "refund" : "none";
    if (paidCents == feeCents) return feeCents == 0 ? "none" : "paid";
    if (paidCents > feeCents) return "over";
    return paidCents == 0 ? "open" : "partial";
  }

  /**
   * The payment desk's list: open, partial, over-paid and refund-due attendances, filtered by
   * language, course, the courses one manages (null: all), days since confirmation and a lookup by
   * name, mail or the attendance's reference (its status secret).
   */
  public Future<JsonObject> openPayments(Long languageId, Long courseId, List<Long> onlyCourses, Integer olderThanDays, String lookup) {
    String q = lookup == null || lookup.isBlank() ? null : lookup.strip();
    String like = q == null ? null : "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    Tuple t = Tuple.tuple().addLong(languageId).addLong(courseId)
      .addArrayOfLong(onlyCourses == null ? null : onlyCourses.toArray(new Long[0])).addInteger(olderThanDays).addString(like).addString(q);
    return pool.preparedQuery(StaffSql.OPEN_PAYMENTS).execute(t).map(rows -> {
      JsonArray list = new JsonArray();
      Map<String, long[]> byCourse = new LinkedHashMap<>();
      Map<String, long[]> byLanguage = new LinkedHashMap<>();
      for (Row r : rows) {
        int fee = r.getInteger("fee_cents"), paid = r.getInteger("amount_paid_cents");
        String state = r.getString("state");
        String course = AdminStore.courseName(r.getString("level"), r.getString("alternative"));
        list.add(new JsonObject().put("attendanceId", r.getLong("id")).put("applicantId", r.getLong("applicant_id"))
          .put("name", r.getString("first_name") + " " + r.getString("last_name")).put("mail", r.getString("mail"))
          .put("courseId", r.getLong("course_id")).put("course", course).put("languageId", r.getLong("language_id"))
          .put("languageDe", r.getString("name_de")).put("languageEn", r.getString("name_en")).put("state", state)
          .put("feeCents", fee).put("amountPaidCents", paid).put("standing", standing(state, fee, paid))
          .put("confirmedAt", iso(r, "confirmed_at")).put("cancelledAt", iso(r, "cancelled_at")));
        long owed = "cancelled".equals(state) ? -paid : fee - paid;
        add(byCourse, r.getString("name_de") + " " + course, owed);
        add(byLanguage, r.getString("name_de"), owed);
      }
      return new JsonObject().put("attendances", list).put("owedByCourse", totals(byCourse)).put("owedByLanguage", totals(byLanguage));
    });
  }

  private static void add(Map<String, long[]> totals, String key, long cents) {
    long[] t = totals.computeIfAbsent(key, k -> new long[2]);
    t[0] += cents;
    t[1]++;
  }

  private static JsonArray totals(Map<String, long[]> totals) {
    JsonArray out = new JsonArray();
    totals.forEach((k, v) -> out.add(new JsonObject().put("name", k).put("owedCents", v[0]).put("count", v[1])));
    return out;
  }

  // --- preterm tokens ----------------------------------------------------------------------------

  /**
   * Issues a single-use token bound to a mail address (and a language, or any when null) and mails
   * it there through the outbox, in one transaction with the audit row. Answers {id, token, ...}.
   */
  public Future<JsonObject> issueToken(String actor, String mail, Long languageId, Instant expiresAt, String locale) {
    String token = randomToken(24);
    String lang = "en".equals(locale) ? "en" : "de";
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.INSERT_TOKEN)
      .execute(Tuple.of(token, MailKey.of(mail), languageId, odt(expiresAt), actor))
      .compose(rows -> {
        long id = rows.iterator().next().getLong("id");
        Future<String> languageName = languageId == null ? Future.succeededFuture(null)
          : conn.preparedQuery(StaffSql.LANGUAGE_FOR_UPDATE).execute(Tuple.of(languageId))
            .map(l -> l.iterator().next().getString("en".equals(lang) ? "name_en" : "name_de"));
        return languageName.compose(name -> {
          JsonObject payload = new JsonObject().put("token", token).put("language", name).put("expiresAt", expiresAt.toString())
            .put("expires", formatTime(expiresAt, lang)).put("catalogueUrl", publicUrl + "/");
          JsonObject after = new JsonObject().put("id", id).put("mail", MailKey.of(mail)).put("languageId", languageId)
            .put("expiresAt", expiresAt.toString());
          return conn.preparedQuery(Outbox.INSERT)
            .execute(Outbox.row(Outbox.Lane.TRANSACTIONAL, Outbox.Kind.TOKEN_ISSUED, mail, lang, payload, null, null))
            .compose(v -> audit(conn, actor, "token.issue", "token", id, null, null, null, after))
            .map(v -> after.copy().put("token", token));
        });
      })).recover(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState())
        ? Future.failedFuture(new Refusal(422, "admin.token.error.unknown-language", "languageId")) : Future.failedFuture(e));
  }

  public Future<JsonArray> tokens() {
    return pool.query(StaffSql.TOKENS).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Long usedBy = r.getLong("used_by");
        out.add(new JsonObject().put("id", r.getLong("id")).put("mail", r.getString("mail_key")).put("languageId", r.getLong("language_id"))
          .put("languageDe", r.getString("name_de")).put("languageEn", r.getString("name_en")).put("expiresAt", iso(r, "expires_at"))
          .put("usedAt", iso(r, "used_at")).put("usedBy", usedBy)
          .put("usedByName", usedBy == null ? null : r.getString("first_name") + " " + r.getString("last_name"))
          .put("createdAt", iso(r, "created_at")).put("issuedBy", r.getString("issued_by")).put("revokedAt", iso(r, "revoked_at")));
      }
      return out;
    });
  }

  /** Revokes an unused token: 404 unknown, 409 already used or revoked. */
  public Future<Void> revokeToken(String actor, long id) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.REVOKE_TOKEN).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 1) {
        Row r = rows.iterator().next();
        return audit(conn, actor, "token.revoke", "token", id, null, null,
          new JsonObject().put("mail", r.getString("mail_key")).put("languageId", r.getLong("language_id")), null);
      }
      return conn.preparedQuery(StaffSql.TOKEN_EXISTS).execute(Tuple.of(id)).compose(e -> Future.failedFuture(e.size() == 0
        ? new Refusal(404, "admin.token.error.unknown", null)
        : new Refusal(409, e.iterator().next().getBoolean("used") ? "admin.token.error.used" : "admin.token.error.revoked", null)));
    }));
  }

  // --- audit log ---------------------------------------------------------------------------------

  /** The audit log, newest first, filtered by any of actor, entity, applicant, course and action prefix. */
  public Future<JsonArray> audit(String actor, String entity, Long applicantId, Long courseId, String actionPrefix, int limit) {
    String prefix = actionPrefix == null || actionPrefix.isBlank() ? null
      : actionPrefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery(StaffSql.AUDIT_LIST).execute(Tuple.tuple().addString(blankToNull(actor)).addString(blankToNull(entity))
      .addLong(applicantId).addLong(courseId).addString(prefix).addInteger(limit)).map(rows -> {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
          out.add(new JsonObject().put("id", r.getLong("id")).put("at", iso(r, "at")).put("actor", r.getString("actor"))
            .put("action", r.getString("action")).put("entity", r.getString("entity")).put("entityId", r.getLong("entity_id"))
            .put("applicantId", r.getLong("applicant_id")).put("courseId", r.getLong("course_id"))
            .put("before", r.getValue("before")).put("after", r.getValue("after")));
        }
        return out;
      });
  }

  /** An audit row of a change that writes nothing else here. */
  public Future<Void> audit(String actor, String action, String entity, Long entityId, Long applicantId, Long courseId,
                            JsonObject before, JsonObject after) {
    return pool.withConnection(conn -> audit(conn, actor, action, entity, entityId, applicantId, courseId, before, after));
  }

  static Future<Void> audit(SqlConnection conn, String actor, String action, String entity, Long entityId, Long applicantId,
                            Long courseId, JsonObject before, JsonObject after) {
    return conn.preparedQuery(StaffSql.AUDIT).execute(Tuple.tuple().addString(actor).addString(action).addString(entity)
      .addLong(entityId).addLong(applicantId).addLong(courseId).addValue(before).addValue(after)).mapEmpty();
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** A random URL-safe token of {@code bytes} random bytes. */
  public static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String formatTime(Instant t, String lang) {
    DateTimeFormatter f = "de".equals(lang)
      ? DateTimeFormatter.ofPattern("d. MMMM yyyy, HH:mm 'Uhr'", Locale.GERMAN)
      : DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
    return f.format(t.atZone(StaffInput.ZONE));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static String iso(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant().toString();
  }
}
