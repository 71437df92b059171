package org.opensignup.signup;

import java.time.Instant;

/**
 * A language's signup timetable: [signupBegin, lotteryEnd) lottery, [lotteryEnd, fcfsBegin) pause,
 * [fcfsBegin, signupEnd) first come first served. A missing lotteryEnd means no lottery; a missing
 * fcfsBegin means no pause; a missing signupBegin means not scheduled yet.
 */
public record SignupWindow(Instant signupBegin, Instant lotteryEnd, Instant fcfsBegin, Instant signupEnd, boolean manual) {

  public Phase phaseAt(Instant now) {
    if (manual) return Phase.MANUAL;
    if (signupBegin == null || now.isBefore(signupBegin)) return Phase.NOT_OPEN;
    if (lotteryEnd != null && now.isBefore(lotteryEnd)) return Phase.LOTTERY;
    if (now.isBefore(fcfsStart())) return Phase.PAUSE;
    if (signupEnd == null || now.isBefore(signupEnd)) return Phase.FCFS;
    return Phase.CLOSED;
  }

  /** When first come first served starts. */
  public Instant fcfsStart() {
    if (fcfsBegin != null) return fcfsBegin;
    if (lotteryEnd != null) return lotteryEnd;
    return signupBegin;
  }

  /** The next moment signups open, for a closed phase; null when nothing is scheduled. */
  public Instant nextOpening(Instant now) {
    return switch (phaseAt(now)) {
      case NOT_OPEN -> signupBegin;
      case PAUSE -> fcfsStart();
      default -> null;
    };
  }

  /** When the current open phase ends; null when it does not end on its own. */
  public Instant currentPhaseEnd(Instant now) {
    return switch (phaseAt(now)) {
      case LOTTERY -> lotteryEnd;
      case FCFS -> signupEnd;
      default -> null;
    };
  }
}
