package org.opensignup.signup;

import io.vertx.pgclient.PgException;
import org.opensignup.signup.Outcome.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** How a failed signup transaction is answered: 503 when the database is away or too slow, 4xx for bad values, 500 for a bug. */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /**
   * The database is out of reach, shutting down, out of connections, or a lock or statement took too long:
   * nobody's input is at fault, and the client may retry (503 with Retry-After).
   */
  static boolean unavailable(Throwable e) {
    return e instanceof SignupBatcher.Overloaded || org.opensignup.db.Unavailable.is(e);
  }

  /** One request's failure on its own: its values refused by the database's checks (422), else a bug with a log id (500). */
  static Refused refusal(Throwable e) {
    if (e instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
      log.info("signup refused by the database's checks: {} {}", pg.getSqlState(), pg.getMessage());
      return new Refused(422, null, "error.bad-request");
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    log.error("error {} in a signup", id, e);
    return new Refused(500, null, "error.internal", id);
  }
}
