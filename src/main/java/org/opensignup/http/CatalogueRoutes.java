package org.opensignup.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.signup.Catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The catalogue: the page at / and the same data as JSON at /api/courses. */
final class CatalogueRoutes {
  private final Catalogue catalogue;
  private final Pages pages;

  CatalogueRoutes(Catalogue catalogue, Pages pages) {
    this.catalogue = catalogue;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/").handler(this::page);
    router.get("/courses").handler(ctx -> ctx.redirect("/"));
    router.get("/api/courses").handler(this::json);
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
      .compose(c -> pages.render(ctx, 200, "catalogue.ftl", Map.of("languages", forPage(c, lang))))
      .onFailure(ctx::fail);
  }

  /** Plain maps with the texts already chosen, so the template stays simple. */
  private static List<Map<String, Object>> forPage(JsonObject catalogue, String lang) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : catalogue.getJsonArray("languages", new JsonArray())) {
      JsonObject l = (JsonObject) o;
      Map<String, Object> m = l.copy().getMap();
      m.put("title", l.getJsonObject("name").getString(lang));
      m.put("phaseText", phaseText(l, lang));
      List<Map<String, Object>> courses = new ArrayList<>();
      for (Object c : l.getJsonArray("courses")) {
        Map<String, Object> cm = ((JsonObject) c).copy().getMap();
        int price = ((JsonObject) c).getInteger("priceCents");
        cm.put("price", Money.format(price, lang));
        cm.put("statusText", I18n.text(lang, "status." + ((JsonObject) c).getString("status")));
        courses.add(cm);
      }
      m.put("courses", courses);
      out.add(m);
    }
    return out;
  }

  private static String phaseText(JsonObject l, String lang) {
    String phase = l.getString("phase");
    String opens = l.getString("opensAt");
    String ends = l.getString("phaseEndsAt");
    return switch (phase) {
      case "not_open" -> opens == null ? I18n.text(lang, "phase.not_open") : I18n.text(lang, "phase.not_open.at", at(lang, opens));
      case "lottery" -> I18n.text(lang, "phase.lottery", at(lang, ends));
      case "pause" -> I18n.text(lang, "phase.pause", at(lang, opens));
      case "fcfs" -> ends == null ? I18n.text(lang, "phase.fcfs.open") : I18n.text(lang, "phase.fcfs", at(lang, ends));
      default -> I18n.text(lang, "phase." + phase);
    };
  }

  private static String at(String lang, String instant) {
    return I18n.dateTime(lang, Instant.parse(instant));
  }
}
