package org.opensignup.admin;

/** A request refused for a reason the person can fix: an HTTP status and a message key (rolls back a transaction). */
public final class Refusal extends RuntimeException {
  public final int status;
  public final String messageKey;
  public final String field;
  public final transient Object[] args;

  public Refusal(int status, String messageKey, String field, Object... args) {
    super(messageKey, null, false, false);
    this.status = status;
    this.messageKey = messageKey;
    this.field = field;
    this.args = args;
  }
}
