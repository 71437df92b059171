package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.SeatCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides whether staff may still write to something: anything that belongs to
 * an archived semester (its languages, their courses, attendances, mass mails to those courses) is
 * read-only, refused with 409. Every staff write path asks here before it writes: the staff routes
 * through a path filter, the staff seat commands before they are sent to the pipeline.
 */
public final class SemesterGuard {
  private final Pool pool;

  public SemesterGuard(Pool pool) {
    this.pool = pool;
  }

  /** What a write touches. Ids that are unknown are ignored here: the write itself answers 404 for them. */
  public static final class Targets {
    final List<Long> languages = new ArrayList<>(), courses = new ArrayList<>(), attendances = new ArrayList<>(),
      massMails = new ArrayList<>(), semesters = new ArrayList<>();

    public Targets language(long id) { languages.add(id); return this; }
    public Targets course(long id) { courses.add(id); return this; }
    public Targets attendance(long id) { attendances.add(id); return this; }
    public Targets massMail(long id) { massMails.add(id); return this; }
    public Targets semester(long id) { semesters.add(id); return this; }

    public boolean isEmpty() {
      return languages.isEmpty() && courses.isEmpty() && attendances.isEmpty() && massMails.isEmpty() && semesters.isEmpty();
    }
  }

  /** What a staff seat command changes; applicants' own commands and jobs are not staff writes (empty). */
  public static Targets of(SeatCommand command) {
    Targets t = new Targets();
    if (command instanceof SeatCommand.Admit a) t.attendance(a.attendanceId());
    else if (command instanceof SeatCommand.Remove r) t.attendance(r.attendanceId());
    else if (command instanceof SeatCommand.Move m) t.attendance(m.attendanceId()).course(m.toCourseId());
    else if (command instanceof SeatCommand.Add a) t.course(a.courseId());
    else if (command instanceof SeatCommand.SetSeats s) t.course(s.courseId());
    else if (command instanceof SeatCommand.Draw d && !d.dryRun() && d.languageId() != null) t.language(d.languageId());
    return t;
  }

  /** Succeeds when nothing among the targets is archived; else fails with a 409 {@link Refusal} naming the semester. */
  public Future<Void> writable(Targets t) {
    if (t.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery(SemestersSql.ARCHIVED_AMONG).execute(Tuple.tuple().addArrayOfLong(array(t.languages))
        .addArrayOfLong(array(t.courses)).addArrayOfLong(array(t.attendances)).addArrayOfLong(array(t.massMails))
        .addArrayOfLong(array(t.semesters)))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
        : Future.failedFuture(archived(rows.iterator().next().getString("name"))));
  }

  static Refusal archived(String semesterName) {
    return new Refusal(409, "semesters.error.archived", null, semesterName);
  }

  private static Long[] array(List<Long> ids) {
    return ids.toArray(new Long[0]);
  }
}
