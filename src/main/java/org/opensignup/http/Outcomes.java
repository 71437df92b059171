package org.opensignup.http;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * The one sentence a status or result page leads with: each outcome in its own words, with the
 * numbers that make it honest (place N of M, pool size and seats, when the draw happens).
 */
final class Outcomes {
  private Outcomes() {}

  /** {@code entry} is the course in the catalogue; null when it is gone (the plain state text then). */
  static String text(JsonObject status, CatalogueRoutes.Entry entry, String lang) {
    String state = status.getString("state");
    Integer position = status.getInteger("position");
    if (entry == null) return I18n.text(lang, "state." + state, position == null ? "" : position);
    JsonObject course = entry.course();
    JsonObject language = entry.language();
    return switch (state) {
      case "waiting" -> {
        int place = position == null ? 0 : position;
        int of = Math.max(place, course.getInteger("waiting", 0));
        yield I18n.text(lang, language.getBoolean("manual", false) ? "outcome.manual" : "outcome.waiting", place, of);
      }
      case "pool" -> {
        String phase = language.getString("phase");
        if (!"lottery".equals(phase)) yield I18n.text(lang, "outcome.pool.drawing");
        String end = language.getString("lotteryEnd");
        yield I18n.text(lang, "outcome.pool", Math.max(1, course.getInteger("pool", 0)), course.getInteger("seats"),
          end == null ? "" : I18n.when(lang, Instant.parse(end)));
      }
      default -> I18n.text(lang, "state." + state, position == null ? "" : position);
    };
  }
}
