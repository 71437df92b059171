package org.opensignup.signup;

import java.time.Instant;

/**
 * A language's signup timetable: [signupBegin, lotteryEnd) lottery, [lotteryEnd, fcfsBegin) pause,
 * [fcfsBegin, signupEnd) first come first served. A missing lotteryEnd means no lottery; a missing
 * fcfsBegin means no pause; a missing signupBegin means not scheduled yet.
 */
public record SignupWindow(Instant signupBegin, Instant lotteryEnd, Instant fcfsBegin, Instant signupEnd, boolean manual) {

  /** The phase at a moment, for a language whose lottery is not drawn yet. */
  public Phase phaseAt(Instant now) {
    return phaseAt(now, false);
  }

  /**
   * The phase at a moment. A lottery that has ended but is not drawn yet is {@link Phase#DRAWING}:
   * closed, so no first-come seat is given before the pool has had its draw; after the draw no pool
   * entry is taken, even when staff drew before the window's end.
   */
  public Phase phaseAt(Instant now, boolean drawn) {
    if (manual) return Phase.MANUAL;
    if (signupBegin == null || now.isBefore(signupBegin)) return Phase.NOT_OPEN;
    if (lotteryEnd != null && !drawn) return now.isBefore(lotteryEnd) ? Phase.LOTTERY : Phase.DRAWING;
    if (lotteryEnd != null && now.isBefore(lotteryEnd)) return Phase.PAUSE;
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
    return nextOpening(now, false);
  }

  /** The next moment signups open; while the draw is pending, first come first served opens after it. */
  public Instant nextOpening(Instant now, boolean drawn) {
    return switch (phaseAt(now, drawn)) {
      case NOT_OPEN -> signupBegin;
      case PAUSE, DRAWING -> fcfsStart().isAfter(now) ? fcfsStart() : null;
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
