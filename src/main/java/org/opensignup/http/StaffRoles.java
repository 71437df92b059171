package org.opensignup.http;

import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in the staff area's semester work, in one place for pages and API alike:
 * superusers lay out the semester (languages, courses, lottery, preterm tokens, audit log); course
 * admins find the applicants of their courses, change their seats and take payments there; teachers
 * read and export their courses' lists. A failed check throws a {@link Refusal} (403), which the
 * caller answers as a page or as problem+json.
 */
final class StaffRoles {
  private StaffRoles() {}

  static Staff superuser(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    if (!s.superuser()) throw forbidden();
    return s;
  }

  static Staff manage(RoutingContext ctx, long courseId) {
    Staff s = AdminAccess.staff(ctx);
    if (!s.canManage(courseId)) throw forbidden();
    return s;
  }

  static Staff read(RoutingContext ctx, long courseId) {
    Staff s = AdminAccess.staff(ctx);
    if (!s.canRead(courseId)) throw forbidden();
    return s;
  }

  /** Course admins (of any course) and superusers: applicant search, payment desk. */
  static Staff managesAny(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    if (!s.managesAny()) throw forbidden();
    return s;
  }

  /** A person's own page and API tokens: everyone with an account (not the bootstrap token, which has none). */
  static Staff account(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    if (s.id() <= 0) throw new Refusal(403, "admin.error.no-account", null);
    return s;
  }

  /** The courses this person manages, or null for a superuser (all of them). */
  static List<Long> managedCourses(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    if (s.superuser()) return null;
    List<Long> out = new ArrayList<>();
    for (Map.Entry<Long, Set<Staff.Role>> e : s.roles().entrySet()) if (e.getValue().contains(Staff.Role.COURSE_ADMIN)) out.add(e.getKey());
    return out;
  }

  private static Refusal forbidden() {
    return new Refusal(403, "admin.error.forbidden", null);
  }
}
