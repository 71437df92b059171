package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Personal API tokens of staff members (issued and revoked on their own page, shown once, kept only
 * as SHA-256) and the provisioning token {@code admin.bootstrap-token}, which acts as a superuser.
 * A token has exactly the roles of its owner at the time of each request.
 */
public final class ApiTokens {
  /** Prefix of personal tokens, so a leaked one is recognisable (e.g. by secret scanners). */
  public static final String PREFIX = "osk_";
  public static final String BOOTSTRAP_ACTOR = "bootstrap-token";
  private final Pool pool;
  private final byte[] bootstrapHash;
  private final Superusers superusers;

  /** {@code bootstrapToken} empty: no bootstrap token. */
  public ApiTokens(Pool pool, String bootstrapToken, Superusers superusers) {
    this.pool = pool;
    this.bootstrapHash = bootstrapToken == null || bootstrapToken.isEmpty() ? null : sha256(bootstrapToken);
    this.superusers = superusers;
  }

  /**
   * The staff member a bearer token stands for, or null when it is unknown or revoked. The bootstrap
   * token is compared by its hash in constant time, so the time taken says nothing about it.
   */
  public Future<Staff> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) return Future.succeededFuture(null);
    byte[] hash = sha256(token);
    if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, hash)) {
      return Future.succeededFuture(new Staff(0, BOOTSTRAP_ACTOR, BOOTSTRAP_ACTOR, true, Map.of()));
    }
    if (!token.startsWith(PREFIX)) return Future.succeededFuture(null);
    return pool.preparedQuery(StaffSql.API_TOKEN_STAFF).execute(Tuple.of(Buffer.buffer(hash))).map(rows -> {
      if (rows.size() == 0) return null;
      long tokenId = 0, userId = 0;
      String subject = null, mail = null, name = null;
      boolean superuser = false;
      Map<Long, Set<Staff.Role>> roles = new HashMap<>();
      for (Row r : rows) {
        tokenId = r.getLong("token_id");
        userId = r.getLong("id");
        subject = r.getString("subject");
        mail = r.getString("mail");
        name = r.getString("name");
        // granted on the roles page, or named by the configuration as it is now (a mail only as verified at the last login)
        superuser = r.getBoolean("superuser") || superusers.namesSubject(subject)
          || r.getBoolean("superuser_by_config") && superusers.namesMail(mail);
        Long course = r.getLong("course_id");
        if (course != null) roles.computeIfAbsent(course, c -> new HashSet<>()).add(Staff.Role.fromDb(r.getString("role")));
      }
      pool.preparedQuery(StaffSql.TOUCH_API_TOKEN).execute(Tuple.of(tokenId)); // best effort: only "last used"
      String display = name != null && !name.isBlank() ? name : mail != null ? mail : subject;
      return new Staff(userId, subject, display, superuser, roles);
    });
  }

  /** A new token for this staff member: {id, name, token, createdAt}; the token itself is never shown again. */
  public Future<JsonObject> issue(Staff owner, String name) {
    String token = PREFIX + StaffStore.randomToken(32);
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.INSERT_API_TOKEN)
      .execute(Tuple.of(owner.id(), name, Buffer.buffer(sha256(token)))).compose(rows -> {
        Row r = rows.iterator().next();
        JsonObject after = new JsonObject().put("id", r.getLong("id")).put("name", name).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
        return StaffStore.audit(conn, owner.subject(), "api-token.issue", "api_token", r.getLong("id"), null, null, null, after)
          .map(v -> after.copy().put("token", token));
      }));
  }

  public Future<JsonArray> list(Staff owner) {
    return pool.preparedQuery(StaffSql.API_TOKENS_OF).execute(Tuple.of(owner.id())).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("createdAt", iso(r.getOffsetDateTime("created_at")))
          .put("lastUsedAt", iso(r.getOffsetDateTime("last_used_at"))).put("revokedAt", iso(r.getOffsetDateTime("revoked_at"))));
      }
      return out;
    });
  }

  /** Revokes one of the owner's own tokens; 404 when it is not theirs or already revoked. */
  public Future<Void> revoke(Staff owner, long tokenId) {
    return pool.withTransaction(conn -> conn.preparedQuery(StaffSql.REVOKE_API_TOKEN).execute(Tuple.of(tokenId, owner.id())).compose(rs ->
      rs.rowCount() == 0 ? Future.failedFuture(new Refusal(404, "admin.api-token.error.unknown", null))
        : StaffStore.audit(conn, owner.subject(), "api-token.revoke", "api_token", tokenId, null, null, null, null)));
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
