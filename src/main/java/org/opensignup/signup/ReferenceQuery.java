package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/** Origins, degrees and graduations for the signup form; they change rarely, so kept for a minute. */
public final class ReferenceQuery {
  private static final String SQL = """
    SELECT 'origin' AS kind, id, name_de, name_en, internal, requires_degree, validate_registration,
           first_course_free, discount_percent FROM origin
    UNION ALL SELECT 'degree', id, name_de, name_en, false, false, false, false, 0 FROM degree
    UNION ALL SELECT 'graduation', id, name_de, name_en, false, false, false, false, 0 FROM graduation
    ORDER BY kind, id""";

  private final Pool pool;
  private Future<JsonObject> cached;
  private long cachedAt;

  public ReferenceQuery(Pool pool) {
    this.pool = pool;
  }

  /**
   * {origins:[{id, name:{de,en}, internal, requiresDegree, validatesRegistration, firstCourseFree, discountPercent}],
   * degrees:[{id, name}], graduations:[{id, name}]}
   */
  public Future<JsonObject> current() {
    long now = System.currentTimeMillis();
    if (cached == null || cached.failed() || now - cachedAt > 60_000) {
      cachedAt = now;
      cached = pool.query(SQL).execute().map(rows -> {
        JsonObject out = new JsonObject().put("origins", new JsonArray()).put("degrees", new JsonArray()).put("graduations", new JsonArray());
        for (Row r : rows) {
          JsonObject item = new JsonObject().put("id", r.getLong("id"))
            .put("name", new JsonObject().put("de", r.getString("name_de")).put("en", r.getString("name_en")));
          switch (r.getString("kind")) {
            case "origin" -> out.getJsonArray("origins").add(item.put("internal", r.getBoolean("internal")).put("requiresDegree", r.getBoolean("requires_degree"))
              .put("validatesRegistration", r.getBoolean("validate_registration"))
              .put("firstCourseFree", r.getBoolean("first_course_free")).put("discountPercent", r.getInteger("discount_percent")));
            case "degree" -> out.getJsonArray("degrees").add(item);
            default -> out.getJsonArray("graduations").add(item);
          }
        }
        return out;
      });
    }
    return cached;
  }
}
