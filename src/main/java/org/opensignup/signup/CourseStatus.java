package org.opensignup.signup;

/** What the catalogue shows for a course: free seats, few left, waiting list, full, or closed by staff. */
public enum CourseStatus {
  FREE, FEW_LEFT, WAITING_LIST, FULL, CLOSED;

  /** "Few" means this many free seats or fewer. */
  public static final int FEW = 5;

  public static CourseStatus of(int seats, int confirmed, int waiting, boolean hasWaitingList, int waitingCapFactor) {
    int free = seats - confirmed;
    if (free > FEW) return FREE;
    if (free > 0) return FEW_LEFT;
    if (hasWaitingList && waiting < waitingCap(seats, waitingCapFactor)) return WAITING_LIST;
    return FULL;
  }

  /** As {@link #of(int, int, int, boolean, int)}, but a course closed by staff is {@link #CLOSED} whatever its seats. */
  public static CourseStatus of(boolean closed, int seats, int confirmed, int waiting, boolean hasWaitingList, int waitingCapFactor) {
    return closed ? CLOSED : of(seats, confirmed, waiting, hasWaitingList, waitingCapFactor);
  }

  public static int waitingCap(int seats, int waitingCapFactor) {
    return seats * waitingCapFactor;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
