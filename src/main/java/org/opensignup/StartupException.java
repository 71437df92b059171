package org.opensignup;

/** Start-up failed for a reason an operator can fix; the message is the one line to print. */
public final class StartupException extends RuntimeException {
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
