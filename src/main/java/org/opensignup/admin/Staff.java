package org.opensignup.admin;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A logged-in staff member and what they may do. Superusers may do everything; course admins manage
 * their courses (lists, payments, mass mail, exports); teachers read the lists of theirs.
 */
public record Staff(long id, String subject, String displayName, boolean superuser, Map<Long, Set<Role>> roles) {

  public enum Role {
    COURSE_ADMIN, TEACHER;

    public String dbValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDb(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public Staff {
    roles = Map.copyOf(roles);
  }

  /** May see the attendance list of this course. */
  public boolean canRead(long courseId) {
    return superuser || !roles.getOrDefault(courseId, Collections.emptySet()).isEmpty();
  }

  /** May record payments, export and write mass mail for this course. */
  public boolean canManage(long courseId) {
    return superuser || roles.getOrDefault(courseId, Collections.emptySet()).contains(Role.COURSE_ADMIN);
  }

  /** Manages at least one course (so the mass-mail page is of use). */
  public boolean managesAny() {
    return superuser || roles.values().stream().anyMatch(r -> r.contains(Role.COURSE_ADMIN));
  }

  /** Has any role at all; without one the staff area has nothing to show. */
  public boolean hasAnyRole() {
    return superuser || !roles.isEmpty();
  }
}
