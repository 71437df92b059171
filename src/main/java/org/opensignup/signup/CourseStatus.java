package org.opensignup.signup;

/** What the catalogue shows for a course: free seats, few left, waiting list, or full. */
public enum CourseStatus {
  FREE, FEW_LEFT, WAITING_LIST, FULL;

  /** "Few" means this many free seats or fewer. */
  public static final int FEW = 5;

  public static CourseStatus of(int seats, int confirmed, int waiting, boolean hasWaitingList, int waitingCapFactor) {
    int free = seats - confirmed;
    if (free > FEW) return FREE;
    if (free > 0) return FEW_LEFT;
    if (hasWaitingList && waiting < waitingCap(seats, waitingCapFactor)) return WAITING_LIST;
    return FULL;
  }

  public static int waitingCap(int seats, int waitingCapFactor) {
    return seats * waitingCapFactor;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
