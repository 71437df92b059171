package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.Euros;
import org.opensignup.admin.Exports;
import org.opensignup.admin.Staff;
import org.opensignup.bus.Bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff area's overview, course lists (with payments and exports) and the superusers' roles
 * page. Mass mail and harvest have their own route classes; {@link AdminAccess} guards them all.
 */
final class AdminRoutes {
  static final DeliveryOptions BUS = new DeliveryOptions().setSendTimeout(10_000);
  private static final int NOTE_MAX = 400;

  private final Vertx vertx;
  private final AdminStore store;
  private final Pages pages;
  private final org.opensignup.admin.Superusers superusers;

  AdminRoutes(Vertx vertx, AdminStore store, Pages pages, org.opensignup.admin.Superusers superusers) {
    this.vertx = vertx;
    this.store = store;
    this.pages = pages;
    this.superusers = superusers;
  }

  /** The staff area, built once: its door and its route classes. */
  static final class Area {
    private final AdminAccess access;
    private final AdminRoutes routes;
    private final AdminMailRoutes mail;
    private final AdminHarvestRoutes harvest;
    private final Vertx vertx;
    private final org.opensignup.config.AppConfig config;
    private final io.vertx.sqlclient.Pool pool;
    private final Pages pages;

    private Area(Vertx vertx, org.opensignup.config.AppConfig config, io.vertx.sqlclient.Pool pool, Pages pages, boolean loginEnabled) {
      this.vertx = vertx;
      this.config = config;
      this.pool = pool;
      this.pages = pages;
      AdminStore store = new AdminStore(pool);
      access = new AdminAccess(store, org.opensignup.admin.Superusers.from(config), org.opensignup.auth.OidcLogin.claimNames(config),
        config.string("oidc.issuer"), loginEnabled);
      routes = new AdminRoutes(vertx, store, pages, access.superusers());
      mail = new AdminMailRoutes(vertx, store, pages);
      harvest = new AdminHarvestRoutes(vertx, store, pages, org.opensignup.harvest.HarvestSettings.maxBytes(config));
    }

    /**
     * The upload's whole chain, mounted before any body handler: session, CSRF token (header or
     * query parameter), login and superuser checks all pass before the first byte of the body is read.
     */
    void mountUpload(Router router, io.vertx.ext.web.handler.SessionHandler sessions, io.vertx.ext.web.handler.CSRFHandler csrf) {
      harvest.mountUpload(router, sessions, csrf, access);
    }

    /** The rest of the staff area behind its door; the caller has put the session and CSRF handlers on /admin/* before. */
    void mount(Router router) {
      router.route("/admin/*").handler(access::handle);
      // an archived semester is read-only: refused behind the door, before any route writes
      router.route("/admin/*").handler(SemesterRoutes.guard(new org.opensignup.admin.SemesterGuard(pool)));
      routes.mount(router);
      mail.mount(router);
      StaffPart2.mount(router, vertx, config, pool, pages);
      harvest.mount(router);
    }
  }

  static Area area(Vertx vertx, org.opensignup.config.AppConfig config, io.vertx.sqlclient.Pool pool, Pages pages, boolean loginEnabled) {
    return new Area(vertx, config, pool, pages, loginEnabled);
  }

  void mount(Router router) {
    router.get("/admin").handler(this::overview);
    router.get("/admin/").handler(this::overview);
    router.get("/admin/courses/:id").handler(this::coursePage);
    router.post("/admin/courses/:id/payments").handler(this::recordPayment);
    router.post("/admin/courses/:id/origin-confirm").handler(this::confirmOrigin);
    router.get("/admin/courses/:id/export.csv").handler(ctx -> export(ctx, false));
    router.get("/admin/courses/:id/export.xlsx").handler(ctx -> export(ctx, true));
    router.get("/admin/roles").handler(this::rolesPage);
    router.post("/admin/roles/grant").handler(this::grant);
    router.post("/admin/roles/revoke").handler(this::revoke);
    router.post("/admin/roles/uninvite").handler(this::uninvite);
    router.post("/admin/roles/superuser").handler(this::superuser);
  }

  // --- overview ----------------------------------------------------------------------------------

  private void overview(RoutingContext ctx) {
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    Future<JsonObject> mail = ask(Bus.MAIL_STATS);
    Future<JsonObject> harvest = staff.superuser() ? ask(Bus.HARVEST_STATUS) : Future.succeededFuture(null);
    Future.all(store.overview(staff, lang), mail, harvest).onSuccess(all -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("languages", all.resultAt(0));
      JsonObject stats = all.resultAt(1);
      m.put("mailStats", stats == null ? Map.of() : stats.getMap());
      JsonObject h = all.resultAt(2);
      List<Map<String, Object>> sources = new ArrayList<>();
      if (h != null) {
        for (Object o : h.getJsonArray("sources", new io.vertx.core.json.JsonArray())) {
          JsonObject s = (JsonObject) o;
          Map<String, Object> row = new HashMap<>();
          row.put("name", s.getString("name", ""));
          row.put("kind", s.getString("kind", ""));
          row.put("schedule", s.getString("schedule", ""));
          row.put("lastStatus", s.getString("lastStatus", "never"));
          row.put("lastRunAt", when(lang, s.getString("lastRunAt")));
          row.put("lastError", s.getString("lastError", ""));
          row.put("unhealthy", s.getBoolean("unhealthy", false));
          sources.add(row);
        }
      }
      m.put("harvestKnown", h != null);
      m.put("sources", sources);
      pages.render(ctx, 200, "admin/overview.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  /** A reply from another verticle, or null when it does not answer (the page shows "unavailable"). */
  private Future<JsonObject> ask(String address) {
    return vertx.eventBus().<JsonObject>request(address, new JsonObject(), BUS).map(Message::body).otherwiseEmpty();
  }

  static String when(String lang, String instant) {
    if (instant == null || instant.isEmpty()) return "";
    try {
      return I18n.dateTime(lang, java.time.Instant.parse(instant));
    } catch (java.time.DateTimeException e) {
      return instant;
    }
  }

  // --- a course ----------------------------------------------------------------------------------

  private void coursePage(RoutingContext ctx) {
    long courseId = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, courseId)) return;
    String lang = Pages.lang(ctx);
    Future.all(store.course(courseId, lang), store.attendances(courseId)).onSuccess(all -> {
      JsonObject course = all.resultAt(0);
      if (course == null) {
        Problems.send(ctx, 404, "admin.error.unknown-course", null);
        return;
      }
      List<AdminStore.Attendee> list = all.resultAt(1);
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("course", course.getMap());
      m.put("canManage", AdminAccess.staff(ctx).canManage(courseId));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AdminStore.Attendee a : list) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", a.id());
        r.put("name", a.firstName() + " " + a.lastName());
        r.put("mail", a.mail());
        r.put("state", a.state());
        r.put("stateText", I18n.text(lang, "admin.state." + a.state()));
        r.put("position", a.position() == null ? "" : String.valueOf(a.position()));
        r.put("fee", Euros.format(a.feeCents()));
        r.put("paid", Euros.format(a.paidCents()));
        r.put("paidAt", a.paidAt() == null ? "" : I18n.dateTime(lang, a.paidAt().toInstant()));
        r.put("owing", a.paidCents() < a.feeCents() && !"cancelled".equals(a.state()));
        r.put("bouncing", a.bouncing());
        r.put("originPending", a.originPending());
        rows.add(r);
      }
      m.put("attendees", rows);
      String paid = ctx.request().getParam("paid");
      if (paid != null) m.put("notice", I18n.text(lang, "admin.payment.recorded"));
      if (ctx.request().getParam("originConfirmed") != null) m.put("notice", I18n.text(lang, "admin.origin.confirmed"));
      pages.render(ctx, 200, "admin/course.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void recordPayment(RoutingContext ctx) {
    long courseId = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, courseId)) return;
    long attendanceId = AdminAccess.id(ctx.request().getFormAttribute("attendanceId"));
    if (attendanceId < 0) {
      Problems.send(ctx, 400, "admin.payment.error.unknown-attendance", "attendanceId");
      return;
    }
    Euros.Parsed amount = Euros.parse(ctx.request().getFormAttribute("amount"));
    if (!amount.ok()) {
      Problems.send(ctx, 422, amount.errorKey(), "amount");
      return;
    }
    String note = ctx.request().getFormAttribute("note");
    note = note == null || note.isBlank() ? null : note.strip();
    if (note != null && note.length() > NOTE_MAX) {
      Problems.send(ctx, 422, "admin.payment.error.note-too-long", "note", NOTE_MAX);
      return;
    }
    java.time.LocalDate paidOn;
    try {
      paidOn = org.opensignup.admin.StaffDeskStore.paidOn(new JsonObject().put("paidOn", ctx.request().getFormAttribute("paidOn")),
        java.time.LocalDate.now(org.opensignup.admin.StaffInput.ZONE));
    } catch (org.opensignup.admin.Refusal r) {
      AdminAccess.failed(ctx, r);
      return;
    }
    store.recordPayment(AdminAccess.staff(ctx).subject(), courseId, attendanceId, amount.cents(), note, paidOn)
      .onSuccess(r -> {
        if (Problems.wantsJson(ctx)) {
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(r.encode());
        } else {
          AdminAccess.seeOther(ctx, "/admin/courses/" + courseId + "?paid=" + attendanceId);
        }
      })
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** A course admin confirms the origin of a pending attendance; the discount applies from then on. */
  private void confirmOrigin(RoutingContext ctx) {
    long courseId = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, courseId)) return;
    long attendanceId = AdminAccess.id(ctx.request().getFormAttribute("attendanceId"));
    store.confirmOrigin(AdminAccess.staff(ctx).subject(), courseId, attendanceId)
      .onSuccess(r -> {
        if (Problems.wantsJson(ctx)) {
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(r.encode());
        } else {
          AdminAccess.seeOther(ctx, "/admin/courses/" + courseId + "?originConfirmed=" + attendanceId);
        }
      })
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** CSV is text and quick; the XLSX workbook is built on a worker thread. Either way an audit row. */
  private void export(RoutingContext ctx, boolean xlsx) {
    long courseId = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, courseId)) return; // teachers export their own courses' lists too
    String lang = Pages.lang(ctx);
    Future.all(store.course(courseId, lang), store.attendances(courseId)).compose(all -> {
      JsonObject course = all.resultAt(0);
      if (course == null) return Future.failedFuture(new org.opensignup.admin.Refusal(404, "admin.error.unknown-course", null));
      List<AdminStore.Attendee> list = all.resultAt(1);
      String name = course.getString("language") + " " + course.getString("name");
      Future<Buffer> body = xlsx
        ? vertx.executeBlocking(() -> Buffer.buffer(Exports.xlsx(name, list, texts(lang))), false)
        : Future.succeededFuture(Buffer.buffer("\uFEFF" + Exports.csv(list, texts(lang)))); // BOM: spreadsheets then read UTF-8
      return body.compose(b -> store.audit(AdminAccess.staff(ctx).subject(), xlsx ? "export.xlsx" : "export.csv", "course", courseId,
        new JsonObject().put("rows", list.size())).map(v -> b));
    }).onSuccess(b -> {
      String file = "course-" + courseId + (xlsx ? ".xlsx" : ".csv");
      ctx.response()
        .putHeader("Content-Type", xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(b);
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  // --- roles (superusers) ------------------------------------------------------------------------

  private void rolesPage(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String lang = Pages.lang(ctx);
    Future.all(store.roles(lang, superusers), store.overview(AdminAccess.staff(ctx), lang), store.invitations(lang)).onSuccess(all -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("users", all.resultAt(0));
      m.put("languages", all.resultAt(1));
      m.put("invitations", all.resultAt(2));
      m.put("selfId", AdminAccess.staff(ctx).id());
      if (ctx.request().getParam("done") != null) m.put("notice", I18n.text(lang, "admin.roles.saved"));
      pages.render(ctx, 200, "admin/roles.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void uninvite(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String mail = ctx.request().getFormAttribute("mail");
    long courseId = AdminAccess.id(ctx.request().getFormAttribute("courseId"));
    Staff.Role role = role(ctx.request().getFormAttribute("role"));
    if (role == null || mail == null || mail.isBlank()) {
      Problems.send(ctx, 422, "admin.roles.error.role", "role");
      return;
    }
    store.uninvite(AdminAccess.staff(ctx).subject(), mail.strip(), courseId, role)
      .onSuccess(v -> AdminAccess.seeOther(ctx, "/admin/roles?done=1"))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** Grants (grant=true) or revokes the superuser flag of the roles page; configured superusers are fixed. */
  private void superuser(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    long userId = AdminAccess.id(ctx.request().getFormAttribute("userId"));
    String grant = ctx.request().getFormAttribute("grant");
    if (!"true".equals(grant) && !"false".equals(grant)) {
      Problems.send(ctx, 422, "admin.roles.error.role", "grant");
      return;
    }
    Staff me = AdminAccess.staff(ctx);
    store.setSuperuser(me.subject(), me.id(), userId, Boolean.parseBoolean(grant), superusers)
      .onSuccess(v -> AdminAccess.seeOther(ctx, "/admin/roles?done=1"))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void grant(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String who = ctx.request().getFormAttribute("who");
    who = who == null ? "" : who.strip();
    if (who.isEmpty() || who.length() > 200 || who.contains("@") && !who.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      Problems.send(ctx, 422, "admin.roles.error.who", "who");
      return;
    }
    long courseId = AdminAccess.id(ctx.request().getFormAttribute("courseId"));
    Staff.Role role = role(ctx.request().getFormAttribute("role"));
    if (role == null) {
      Problems.send(ctx, 422, "admin.roles.error.role", "role");
      return;
    }
    store.grant(AdminAccess.staff(ctx).subject(), who, courseId, role)
      .onSuccess(v -> AdminAccess.seeOther(ctx, "/admin/roles?done=1"))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void revoke(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    long userId = AdminAccess.id(ctx.request().getFormAttribute("userId"));
    long courseId = AdminAccess.id(ctx.request().getFormAttribute("courseId"));
    Staff.Role role = role(ctx.request().getFormAttribute("role"));
    if (role == null) {
      Problems.send(ctx, 422, "admin.roles.error.role", "role");
      return;
    }
    store.revoke(AdminAccess.staff(ctx).subject(), userId, courseId, role)
      .onSuccess(v -> AdminAccess.seeOther(ctx, "/admin/roles?done=1"))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private static Staff.Role role(String value) {
    if ("course_admin".equals(value)) return Staff.Role.COURSE_ADMIN;
    if ("teacher".equals(value)) return Staff.Role.TEACHER;
    return null;
  }

  private static Exports.Texts texts(String lang) {
    return new Exports.Texts(key -> I18n.text(lang, key), at -> I18n.dateTime(lang, at));
  }
}
