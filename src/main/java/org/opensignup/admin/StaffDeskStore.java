package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.mail.MailKey;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The staff desk: closing and reopening a course, editing an applicant's data, and the day a payment
 * was made. Every change runs in one transaction with its audit row (who, what, before, after).
 */
public final class StaffDeskStore {
  private final Pool pool;

  public StaffDeskStore(Pool pool) {
    this.pool = pool;
  }

  // --- closing a course --------------------------------------------------------------------------

  /**
   * Closes (or reopens) a course: a closed one takes no new signups (the signup pipeline reads the
   * flag under the course lock), its attendances stay. Closing a closed course changes nothing.
   * Answers {id, closed, closedAt}; 404 for an unknown course.
   */
  public Future<JsonObject> setClosed(String actor, long courseId, boolean closed) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffDeskSql.LOCK_COURSE).execute(Tuple.of(courseId)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.error.unknown-course", null));
      OffsetDateTime was = rows.iterator().next().getOffsetDateTime("closed_at");
      if ((was != null) == closed) return Future.succeededFuture(closedJson(courseId, was));
      return conn.preparedQuery(StaffDeskSql.SET_CLOSED).execute(Tuple.of(courseId, closed)).compose(u -> {
        JsonObject after = closedJson(courseId, u.iterator().next().getOffsetDateTime("closed_at"));
        return StaffStore.audit(conn, actor, closed ? "course.close" : "course.reopen", "course", courseId, null, courseId,
          closedJson(courseId, was), after).map(v -> after);
      });
    }));
  }

  private static JsonObject closedJson(long courseId, OffsetDateTime closedAt) {
    return new JsonObject().put("id", courseId).put("closed", closedAt != null)
      .put("closedAt", closedAt == null ? null : closedAt.toInstant().toString());
  }

  // --- applicant data ----------------------------------------------------------------------------

  /** The applicant's data as staff edit it (no matriculation number: only whether one is stored); null if unknown. */
  public Future<JsonObject> applicantData(long id) {
    return pool.preparedQuery(StaffDeskSql.APPLICANT).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : applicantData(rows.iterator().next()));
  }

  /** Origins, degrees and graduations to choose from, each {id, nameDe, nameEn}. */
  public Future<JsonObject> choices() {
    return Future.all(named(StaffDeskSql.ORIGINS), named(StaffDeskSql.DEGREES), named(StaffDeskSql.GRADUATIONS))
      .map(all -> new JsonObject().put("origins", all.resultAt(0)).put("degrees", all.resultAt(1)).put("graduations", all.resultAt(2)));
  }

  private Future<JsonArray> named(String sql) {
    return pool.query(sql).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(new JsonObject().put("id", r.getLong("id")).put("nameDe", r.getString("name_de")).put("nameEn", r.getString("name_en")));
      return out;
    });
  }

  /**
   * Changes the fields given (the others keep their values), checked as the public form checks them.
   * {@code tagHash} is the new matriculation number's hash when the patch sets one. A mail address or
   * matriculation number that another applicant holds is refused with 409 naming the field.
   */
  public Future<JsonObject> updateApplicant(String actor, long id, JsonObject patch, byte[] tagHash) {
    String tag = ApplicantInput.tag(patch);
    return pool.withTransaction(conn -> conn.preparedQuery(StaffDeskSql.LOCK_APPLICANT).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(new Refusal(404, "admin.applicants.error.unknown", null));
      Row row = rows.iterator().next();
      if (row.getOffsetDateTime("anonymised_at") != null) return Future.failedFuture(new Refusal(409, "admin.desk.error.anonymised", null));
      JsonObject before = applicantData(row);
      ApplicantInput.Data d = ApplicantInput.check(before, patch);
      boolean tagChanges = tag != null;
      Buffer newHash = tag == null || tag.isEmpty() || tagHash == null ? null : Buffer.buffer(tagHash);
      String mailKey = MailKey.of(d.mail());
      return conn.preparedQuery(StaffDeskSql.CHOICES).execute(Tuple.of(d.originId(), d.degreeId(), d.graduationId())).compose(c -> {
        Row ch = c.iterator().next();
        Boolean requiresDegree = ch.getBoolean("requires_degree");
        if (requiresDegree == null) throw StaffInput.bad("originId", "signup.error.unknown-choice");
        if (!ch.getBoolean("degree_ok")) throw StaffInput.bad("degreeId", "signup.error.unknown-choice");
        if (!ch.getBoolean("graduation_ok")) throw StaffInput.bad("graduationId", "signup.error.unknown-choice");
        if (requiresDegree && d.degreeId() == null) throw StaffInput.bad("degreeId", "signup.error.degree-required");
        if (requiresDegree && d.semester() == null) throw StaffInput.bad("semester", "signup.error.semester-required");
        return conn.preparedQuery(StaffDeskSql.CLASHES).execute(Tuple.of(id, mailKey, newHash));
      }).compose(c -> {
        Row cl = c.iterator().next();
        if (cl.getBoolean("mail_taken")) throw new Refusal(409, "admin.desk.error.mail-taken", "mail");
        if (cl.getBoolean("tag_taken")) throw new Refusal(409, "signup.error.tag-in-use", "tag");
        return conn.preparedQuery(StaffDeskSql.UPDATE_APPLICANT).execute(Tuple.tuple().addLong(id).addString(d.mail()).addString(mailKey)
          .addString(d.firstName()).addString(d.lastName()).addLong(d.originId()).addLong(d.degreeId()).addLong(d.graduationId())
          .addInteger(d.semester()).addBoolean(tagChanges).addBuffer(newHash).addString(d.locale()));
      }).compose(u -> conn.preparedQuery(StaffDeskSql.APPLICANT).execute(Tuple.of(id))).compose(after -> {
        JsonObject a = applicantData(after.iterator().next());
        // the audit keeps whether the number changed, never the number
        JsonObject audited = a.copy().put("tagChanged", tagChanges);
        return StaffStore.audit(conn, actor, "applicant.update", "applicant", id, id, null, before, audited).map(v -> a);
      });
    })).recover(StaffDeskStore::clash);
  }

  /** Two edits racing for the same address or number: the unique index decides, answered like the check above. */
  private static <T> Future<T> clash(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
      return Future.failedFuture(constraint.contains("tag") ? new Refusal(409, "signup.error.tag-in-use", "tag")
        : new Refusal(409, "admin.desk.error.mail-taken", "mail"));
    }
    return Future.failedFuture(e);
  }

  private static JsonObject applicantData(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("firstName", r.getString("first_name")).put("lastName", r.getString("last_name"))
      .put("mail", r.getString("mail")).put("originId", r.getLong("origin_id")).put("degreeId", r.getLong("degree_id"))
      .put("graduationId", r.getLong("graduation_id")).put("semester", r.getInteger("semester")).put("locale", r.getString("locale"))
      .put("hasTag", r.getBoolean("has_tag"));
  }

  // --- payment date ------------------------------------------------------------------------------

  /**
   * The day a payment was made: an ISO date ("2027-03-14"), today in the language centre's calendar
   * when absent or empty, never after today.
   */
  public static LocalDate paidOn(JsonObject in, LocalDate today) {
    Object v = in.getValue("paidOn");
    if (v == null || v instanceof String s && s.isBlank()) return today;
    if (!(v instanceof String s)) throw StaffInput.bad("paidOn", "admin.desk.error.date");
    LocalDate d;
    try {
      d = LocalDate.parse(s.strip());
    } catch (DateTimeException e) {
      throw StaffInput.bad("paidOn", "admin.desk.error.date");
    }
    if (d.isAfter(today)) throw StaffInput.bad("paidOn", "admin.desk.error.date-future");
    if (d.getYear() < 2000) throw StaffInput.bad("paidOn", "admin.desk.error.date");
    return d;
  }
}
