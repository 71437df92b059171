package org.opensignup.signup;

import io.vertx.core.json.JsonObject;

/** What the rules decided for one request. */
public sealed interface Outcome {

  /** Refused: an HTTP status, the field at fault (or null), a message key and its arguments. */
  record Refused(int status, String field, String messageKey, Object... args) implements Outcome {}

  /**
   * Accepted (new or, when {@code replayed}, the answer already given for the same applicant and
   * course or the same idempotency key): state is confirmed, waiting, offered or pool.
   */
  record Accepted(String secret, String state, Integer position, int feeCents, int discountPercent, long courseId,
                  boolean replayed) implements Outcome {
    public JsonObject toJson() {
      return new JsonObject().put("secret", secret).put("state", state).put("position", position)
        .put("feeCents", feeCents).put("courseId", courseId).put("replayed", replayed);
    }
  }
}
