package org.opensignup.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Euros;
import org.opensignup.admin.Stats;
import org.opensignup.admin.StatsStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Superusers: the statistics page (SVG charts, each with its table) and its numbers as CSV. */
final class StatsRoutes {
  private final StatsStore store;
  private final Pages pages;

  StatsRoutes(StatsStore store, Pages pages) {
    this.store = store;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/stats").handler(this::page);
    router.get("/admin/stats.csv").handler(this::csv);
  }

  private void page(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String lang = Pages.lang(ctx);
    store.snapshot(lang).onSuccess(s -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      List<Stats.Bar> seats = new ArrayList<>();
      for (Stats.CourseRow c : s.courses()) seats.add(new Stats.Bar(c.language() + " " + c.course(), c.confirmed(), c.free()));
      m.put("courses", s.courses());
      m.put("seatsSvg", Stats.svg(I18n.text(lang, "stats.seats"), seats));
      m.put("minuteSvg", Stats.svg(I18n.text(lang, "stats.per-minute"), s.perMinute()));
      m.put("originSvg", Stats.svg(I18n.text(lang, "stats.origin"), s.byOrigin()));
      m.put("degreeSvg", Stats.svg(I18n.text(lang, "stats.degree"), s.byDegree()));
      m.put("semesterSvg", Stats.svg(I18n.text(lang, "stats.semester"), s.bySemester()));
      m.put("perMinute", s.perMinute());
      m.put("byOrigin", s.byOrigin());
      m.put("byDegree", s.byDegree());
      m.put("bySemester", s.bySemester());
      m.put("payments", s.payments());
      m.put("received", Euros.format((int) Math.min(Integer.MAX_VALUE, s.receivedCents())));
      m.put("open", Euros.format((int) Math.min(Integer.MAX_VALUE, s.openCents())));
      m.put("unpaid", s.unpaid());
      m.put("mail", s.mail());
      m.put("harvest", s.harvest());
      pages.render(ctx, 200, "admin/stats.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void csv(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    store.snapshot(Pages.lang(ctx)).onSuccess(s -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
      .putHeader("Content-Disposition", "attachment; filename=\"statistics.csv\"").putHeader("Cache-Control", "no-store")
      .end(Stats.csv(s))).onFailure(ctx::fail);
  }
}
