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

/** Mass mail to chosen courses (course admins: their courses), and the superusers' view of mail problems. */
final class AdminMailRoutes {
  static final int SUBJECT_MAX = 200;
  static final int BODY_MAX = 20_000;

  private final Vertx vertx;
  private final AdminStore store;
  private final Pages pages;

  AdminMailRoutes(Vertx vertx, AdminStore store, Pages pages) {
    this.vertx = vertx;
    this.store = store;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/mail").handler(ctx -> form(ctx, 200, Map.of()));
    router.post("/admin/mail").handler(this::send);
    router.get("/admin/mail/problems").handler(this::problems);
  }

  private void form(RoutingContext ctx, int status, Map<String, Object> extra) {
    Staff staff = AdminAccess.staff(ctx);
    if (!staff.managesAny()) {
      Problems.send(ctx, 403, "admin.error.forbidden", null);
      return;
    }
    store.overview(staff, Pages.lang(ctx)).onSuccess(languages -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("languages", languages);
      m.put("subject", "");
      m.put("body", "");
      m.put("selected", List.of());
      m.put("includeWaiting", false);
      m.put("error", "");
      m.putAll(extra);
      pages.render(ctx, status, "admin/mail.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx) {
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    String subject = trimmed(ctx.request().getFormAttribute("subject"));
    String body = trimmed(ctx.request().getFormAttribute("body")).replace("\r\n", "\n");
    boolean includeWaiting = "on".equals(ctx.request().getFormAttribute("includeWaiting"))
      || "true".equals(ctx.request().getFormAttribute("includeWaiting"));
    Set<Long> courses = new LinkedHashSet<>();
    for (String c : ctx.request().formAttributes().getAll("course")) {
      long id = AdminAccess.id(c);
      if (id < 0) {
        Problems.send(ctx, 400, "admin.mail.error.courses", "course");
        return;
      }
      courses.add(id);
    }
    // a course admin may write only to courses they manage: one foreign course refuses the whole mail
    for (long id : courses) {
      if (!staff.canManage(id)) {
        Problems.send(ctx, 403, "admin.error.forbidden", "course");
        return;
      }
    }
    String errorKey = courses.isEmpty() ? "admin.mail.error.courses"
      : subject.isEmpty() ? "admin.mail.error.subject"
      : subject.length() > SUBJECT_MAX || subject.contains("\n") || subject.contains("\r") ? "admin.mail.error.subject-long"
      : body.isEmpty() ? "admin.mail.error.body"
      : body.length() > BODY_MAX ? "admin.mail.error.body-long" : null;
    Map<String, Object> typed = Map.of("subject", subject, "body", body, "includeWaiting", includeWaiting,
      "selected", new ArrayList<>(courses));
    if (errorKey != null) {
      if (Problems.wantsJson(ctx)) {
        Problems.send(ctx, 422, errorKey, null, SUBJECT_MAX, BODY_MAX);
        return;
      }
      Map<String, Object> extra = new java.util.HashMap<>(typed);
      extra.put("error", I18n.text(lang, errorKey, SUBJECT_MAX, BODY_MAX));
      form(ctx, 422, extra);
      return;
    }
    store.queueMassMail(staff.subject(), new ArrayList<>(courses), includeWaiting, subject, body).onSuccess(n -> {
      if (n > 0) vertx.eventBus().publish(Bus.MAIL_WAKEUP, null);
      Map<String, Object> extra = new java.util.HashMap<>();
      extra.put("queued", n);
      extra.put("notice", I18n.text(lang, "admin.mail.queued", n));
      if (Problems.wantsJson(ctx)) {
        ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
          .end(new io.vertx.core.json.JsonObject().put("queued", n).encode());
      } else {
        form(ctx, 200, extra);
      }
    }).onFailure(e -> AdminAccess.failed(ctx, e));
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

  private static String trimmed(String s) {
    return s == null ? "" : s.strip();
  }
}
