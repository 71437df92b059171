package org.opensignup.signup;

/** Where a language's signup stands at a given moment. */
public enum Phase {
  /** Before the window opens: closed, the opening time is shown. */
  NOT_OPEN(false),
  /** Applications go into a pool that is drawn at the lottery's end. */
  LOTTERY(true),
  /** The lottery window has ended but the draw has not committed yet: closed, results come soon. */
  DRAWING(false),
  /** Between the draw and first come first served: closed. */
  PAUSE(false),
  /** First come first served: confirmed or waiting at once. */
  FCFS(true),
  /** Staff assign seats; applications are accepted onto the waiting list. */
  MANUAL(true),
  /** After the end. */
  CLOSED(false);

  private final boolean acceptsSignups;

  Phase(boolean acceptsSignups) {
    this.acceptsSignups = acceptsSignups;
  }

  public boolean acceptsSignups() {
    return acceptsSignups;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
