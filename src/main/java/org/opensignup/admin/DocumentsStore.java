package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the documents print. */
public final class DocumentsStore {
  private final Pool pool;

  public DocumentsStore(Pool pool) {
    this.pool = pool;
  }

  /** A course with its language id, or null. */
  public record CourseRow(long languageId, Documents.Course course) {}

  public Future<CourseRow> course(long id, String lang) {
    return pool.preparedQuery(DocumentsSql.COURSE).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : courseRow(rows.iterator().next(), lang));
  }

  public Future<List<CourseRow>> languageCourses(long languageId, String lang) {
    return pool.preparedQuery(DocumentsSql.LANGUAGE_COURSES).execute(Tuple.of(languageId)).map(rows -> {
      List<CourseRow> out = new ArrayList<>();
      for (Row r : rows) out.add(courseRow(r, lang));
      return out;
    });
  }

  /** Confirmed participants per course, in the order of the given ids. */
  public Future<List<List<Documents.Person>>> participants(List<Long> courseIds) {
    return pool.preparedQuery(DocumentsSql.PARTICIPANTS).execute(Tuple.of(courseIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, List<Documents.Person>> by = new LinkedHashMap<>();
      for (long id : courseIds) by.put(id, new ArrayList<>());
      for (Row r : rows) by.get(r.getLong("course_id")).add(person(r));
      return new ArrayList<>(by.values());
    });
  }

  /** An attendance with its course id, or null. */
  public record AttendanceRow(long courseId, Documents.Person person) {}

  public Future<AttendanceRow> attendance(long id) {
    return pool.preparedQuery(DocumentsSql.ATTENDANCE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) return null;
      Row r = rows.iterator().next();
      return new AttendanceRow(r.getLong("course_id"), person(r));
    });
  }

  public Future<List<Documents.Payment>> payments(long attendanceId) {
    return pool.preparedQuery(DocumentsSql.PAYMENTS).execute(Tuple.of(attendanceId)).map(rows -> {
      List<Documents.Payment> out = new ArrayList<>();
      for (Row r : rows) out.add(new Documents.Payment(r.getOffsetDateTime("paid_at"), r.getInteger("amount_cents"), r.getString("note")));
      return out;
    });
  }

  private static CourseRow courseRow(Row r, String lang) {
    return new CourseRow(r.getLong("language_id"), new Documents.Course(r.getLong("id"),
      "en".equals(lang) ? r.getString("name_en") : r.getString("name_de"),
      AdminStore.courseName(r.getString("level"), r.getString("alternative")), r.getString("ger"), r.getString("schedule")));
  }

  private static Documents.Person person(Row r) {
    return new Documents.Person(r.getLong("id"), r.getString("first_name"), r.getString("last_name"), r.getString("mail"),
      r.getInteger("fee_cents"), r.getInteger("amount_paid_cents"), r.getInteger("grade"), r.getBigDecimal("grade_points"),
      r.getBigDecimal("grade_points_max"), r.getString("result"));
  }
}
