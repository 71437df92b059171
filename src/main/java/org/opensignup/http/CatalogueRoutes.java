package org.opensignup.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.signup.Catalogue;
import org.opensignup.signup.ReferenceQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue: the page at / and the same data as JSON at /api/courses; the form's choices
 * (origins, degrees, graduations) as JSON for API clients.
 */
final class CatalogueRoutes {
  private final Catalogue catalogue;
  private final ReferenceQuery reference;
  private final Pages pages;

  /** A course and the language it belongs to, as the catalogue JSON has them. */
  record Entry(JsonObject language, JsonObject course) {}

  CatalogueRoutes(Catalogue catalogue, ReferenceQuery reference, Pages pages) {
    this.catalogue = catalogue;
    this.reference = reference;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/").handler(this::page);
    router.get("/courses").handler(ctx -> ctx.redirect("/"));
    router.get("/api/courses").handler(this::json);
    for (String kind : List.of("origins", "degrees", "graduations")) {
      router.get("/api/" + kind).handler(ctx -> reference.current()
        .onSuccess(ref -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
          .end(new JsonObject().put(kind, ref.getJsonArray(kind)).encode()))
        .onFailure(ctx::fail));
    }
  }

  private void json(RoutingContext ctx) {
    catalogue.currentJson()
      .onSuccess(c -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache").end(c))
      .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    catalogue.current()
      .compose(c -> pages.render(ctx, 200, "catalogue.ftl", Map.of("languages", forPage(c, lang), "serverNow", Instant.now().toString())))
      .onFailure(ctx::fail);
  }

  static Entry find(JsonObject catalogue, long courseId) {
    for (Object l : catalogue.getJsonArray("languages", new JsonArray())) {
      for (Object c : ((JsonObject) l).getJsonArray("courses")) {
        if (((JsonObject) c).getLong("id") == courseId) return new Entry((JsonObject) l, (JsonObject) c);
      }
    }
    return null;
  }

  /** Plain maps with the texts already chosen, so the template stays simple. */
  private static List<Map<String, Object>> forPage(JsonObject catalogue, String lang) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : catalogue.getJsonArray("languages", new JsonArray())) {
      JsonObject l = (JsonObject) o;
      Map<String, Object> m = new HashMap<>(l.copy().getMap());
      m.put("title", l.getJsonObject("name").getString(lang));
      m.putAll(phaseModel(l, lang));
      List<Map<String, Object>> courses = new ArrayList<>();
      for (Object c : l.getJsonArray("courses")) courses.add(courseModel((JsonObject) c, l, lang));
      m.put("courses", courses);
      out.add(m);
    }
    return out;
  }

  /** A course with its texts for this language: schedule, fee, status, what the button does. */
  static Map<String, Object> courseModel(JsonObject c, JsonObject language, String lang) {
    Map<String, Object> cm = new HashMap<>(c.copy().getMap());
    cm.put("scheduleText", I18n.schedule(lang, c.getString("schedule")));
    cm.put("price", Money.format(c.getInteger("priceCents"), lang));
    String status = c.getString("status");
    boolean manual = language.getBoolean("manual", false);
    // under manual assignment free seats say nothing: staff hand them out
    cm.put("freeText", manual ? I18n.text(lang, "catalogue.counts.manual") : c.getInteger("free") + " / " + c.getInteger("seats"));
    cm.put("statusText", I18n.text(lang, "status." + status));
    cm.put("countsText", countsText(c, language, lang));
    // the button says what it will do; a full course (list included) has none
    String kind = manual ? "manual" : "lottery".equals(language.getString("phase")) ? "lottery"
      : "waiting_list".equals(status) ? "waiting-list" : "seat";
    cm.put("actionKind", kind);
    cm.put("actionText", I18n.text(lang, "catalogue.action." + kind));
    cm.put("bookable", !"closed".equals(status) && (!"full".equals(status) || manual || "lottery".equals(language.getString("phase"))));
    return cm;
  }

  /** Waiting list and lottery pool in words (empty when there is neither). */
  static String countsText(JsonObject c, JsonObject language, String lang) {
    List<String> parts = new ArrayList<>();
    if (c.getInteger("pool", 0) > 0 || "lottery".equals(language.getString("phase"))) {
      parts.add(I18n.text(lang, "catalogue.counts.pool", c.getInteger("pool", 0)));
    }
    if (c.getInteger("waiting", 0) > 0) parts.add(I18n.text(lang, "catalogue.counts.waiting", c.getInteger("waiting")));
    return String.join(" · ", parts);
  }

  /** What a page needs to show a language's phase and count down to its opening (server time). */
  static Map<String, Object> phaseModel(JsonObject l, String lang) {
    Map<String, Object> m = new HashMap<>();
    m.put("languageId", l.getLong("id"));
    m.put("phase", l.getString("phase"));
    m.put("open", l.getBoolean("open"));
    m.put("phaseText", phaseText(l, lang));
    m.put("opensAt", l.getString("opensAt") == null ? "" : l.getString("opensAt"));
    m.put("serverNow", Instant.now().toString());
    return m;
  }

  static String phaseText(JsonObject l, String lang) {
    String phase = l.getString("phase");
    String opens = l.getString("opensAt");
    String ends = l.getString("phaseEndsAt");
    return switch (phase) {
      case "not_open" -> opens == null ? I18n.text(lang, "phase.not_open") : I18n.text(lang, "phase.not_open.at", at(lang, opens));
      case "lottery" -> I18n.text(lang, "phase.lottery.results", at(lang, ends));
      case "pause" -> opens == null ? I18n.text(lang, "phase.closed") : I18n.text(lang, "phase.pause.after-draw", at(lang, opens));
      case "fcfs" -> ends == null ? I18n.text(lang, "phase.fcfs.open") : I18n.text(lang, "phase.fcfs", at(lang, ends));
      default -> I18n.text(lang, "phase." + phase);
    };
  }

  private static String at(String lang, String instant) {
    return I18n.when(lang, Instant.parse(instant));
  }
}
