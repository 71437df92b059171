package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.Staff;
import org.opensignup.bus.Bus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The superusers' view of mail problems; mass mail itself lives in {@link MassMailRoutes}. */
final class AdminMailRoutes {
  private final Vertx vertx;
  private final AdminStore store;
  private final Pages pages;

  AdminMailRoutes(Vertx vertx, AdminStore store, Pages pages) {
    this.vertx = vertx;
    this.store = store;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/mail/problems").handler(this::problems);
  }

  private void problems(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String lang = Pages.lang(ctx);
    Future.all(store.failedMails(), store.bouncing()).onSuccess(all -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      List<Map<String, Object>> failed = all.resultAt(0);
      List<Map<String, Object>> bouncing = all.resultAt(1);
      failed.forEach(r -> r.put("createdAt", I18n.dateTime(lang, (java.time.Instant) r.get("createdAt"))));
      bouncing.forEach(r -> r.put("since", I18n.dateTime(lang, (java.time.Instant) r.get("since"))));
      m.put("failed", failed);
      m.put("bouncing", bouncing);
      pages.render(ctx, 200, "admin/problems.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

}
