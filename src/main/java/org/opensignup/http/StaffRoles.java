package org.opensignup.http;

import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in the staff area's semester work, in one place (pages and API alike), next to the
 * per-course checks of {@link AdminAccess}: superusers lay out the semester (languages, courses,
 * lottery, preterm tokens, audit log); course admins find applicants of their courses and take
 * payments there; teachers read their courses' lists. Each check answers 403 itself and returns false.
 */
final class StaffRoles {
  private StaffRoles() {}

  static boolean superuser(RoutingContext ctx) {
    return AdminAccess.superuserOnly(ctx);
  }

  /** Course admins (of any course) and superusers: applicant search, payment desk. */
  static boolean managesAny(RoutingContext ctx) {
    if (AdminAccess.staff(ctx).managesAny()) return true;
    Problems.send(ctx, 403, "admin.error.forbidden", null);
    return false;
  }

  /** A person's own page and API tokens: everyone with an account (not the bootstrap token, which has none). */
  static boolean ownAccount(RoutingContext ctx) {
    if (AdminAccess.staff(ctx).id() > 0) return true;
    Problems.send(ctx, 403, "admin.error.no-account", null);
    return false;
  }

  /** The courses this person manages, or null for a superuser (all of them). */
  static List<Long> managedCourses(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    if (s.superuser()) return null;
    List<Long> out = new ArrayList<>();
    for (Map.Entry<Long, Set<Staff.Role>> e : s.roles().entrySet()) if (e.getValue().contains(Staff.Role.COURSE_ADMIN)) out.add(e.getKey());
    return out;
  }
}
