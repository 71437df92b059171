package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.StaffDeskStore;
import org.opensignup.auth.TagHasher;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;

import java.util.Map;

/**
 * The staff desk's routes: close and reopen a course, edit an applicant's data; each as a JSON API
 * route and as a page form that runs the same action (same role checks, same audit rows).
 * The payment date is part of the payment action of {@link AdminApiRoutes}.
 */
final class StaffDeskRoutes {
  private final AdminApiRoutes api;
  private final StaffDeskStore desk;
  private final TagHasher tags;
  private final Pages pages;

  StaffDeskRoutes(AdminApiRoutes api, Pool pool, AppConfig config, Pages pages) {
    this.api = api;
    this.desk = new StaffDeskStore(pool);
    this.tags = TagHasher.from(config);
    this.pages = pages;
  }

  void mount(Router router) {
    apiPost(router, "/api/admin/courses/:id/close", (ctx, in) -> setClosed(ctx, true));
    apiPost(router, "/api/admin/courses/:id/reopen", (ctx, in) -> setClosed(ctx, false));
    router.patch("/api/admin/applicants/:id").handler(ctx -> {
      JsonObject in = AdminApiRoutes.body(ctx);
      if (in != null) AdminApiRoutes.answer(ctx, 200, AdminApiRoutes.call(() -> updateApplicant(ctx, in)));
    });

    router.post("/admin/courses/:id/close").handler(ctx -> form(ctx, (c, in) -> setClosed(c, true), settings(ctx)));
    router.post("/admin/courses/:id/reopen").handler(ctx -> form(ctx, (c, in) -> setClosed(c, false), settings(ctx)));
    router.get("/admin/applicants/:id/edit").handler(this::editPage);
    router.post("/admin/applicants/:id/edit").handler(ctx -> form(ctx, (c, in) -> {
      // the form's number field starts empty (only a hash is stored): empty keeps the number, the box removes it
      boolean remove = "on".equals(in.remove("removeTag"));
      if (remove) in.put("tag", (String) null);
      else if (in.getValue("tag") instanceof String t && t.isBlank()) in.remove("tag");
      return updateApplicant(c, in);
    }, "/admin/applicants/" + AdminAccess.id(ctx.pathParam("id")) + "?saved=1"));
  }

  private static String settings(RoutingContext ctx) {
    return "/admin/courses/" + AdminAccess.id(ctx.pathParam("id")) + "/settings?saved=1";
  }

  /** Course admins close their own courses; superusers any. */
  Future<JsonObject> setClosed(RoutingContext ctx, boolean closed) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    StaffRoles.manage(ctx, id);
    // open catalogues show the new status at once (the live stream re-reads the course's status)
    return desk.setClosed(AdminApiRoutes.actor(ctx), id, closed)
      .onSuccess(r -> ctx.vertx().eventBus().publish(Bus.SEATS_CHANGED, new JsonObject().put("courseId", id)));
  }

  /** Whoever may open the applicant's page may change their data (the same check, by the same call). */
  Future<JsonObject> updateApplicant(RoutingContext ctx, JsonObject in) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    return api.applicant(ctx, new JsonObject()).compose(a -> {
      String tag = in.getValue("tag") instanceof String s && !s.isBlank() ? s.strip() : null;
      return desk.updateApplicant(AdminApiRoutes.actor(ctx), id, in, tag == null ? null : tags.hash(tag));
    });
  }

  private void editPage(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    AdminApiRoutes.call(() -> api.applicant(ctx, new JsonObject()))
      .compose(a -> Future.all(desk.applicantData(id), desk.choices()))
      .onSuccess(all -> {
        JsonObject data = all.resultAt(0);
        if (data == null) {
          AdminAccess.failed(ctx, new Refusal(404, "admin.applicants.error.unknown", null));
          return;
        }
        Map<String, Object> m = AdminAccess.model(ctx);
        m.put("applicant", AdminSemesterRoutes.plain(data));
        m.put("choices", AdminSemesterRoutes.plain(all.resultAt(1)));
        pages.render(ctx, 200, "admin/applicant-edit.ftl", m).onFailure(ctx::fail);
      })
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  private static void apiPost(Router router, String path, AdminApiRoutes.Action action) {
    router.post(path).handler(ctx -> {
      JsonObject in = AdminApiRoutes.body(ctx);
      if (in != null) AdminApiRoutes.answer(ctx, 200, AdminApiRoutes.call(() -> action.run(ctx, in)));
    });
  }

  /** A page form: the same action; success goes on (303), a refusal shows the error page. */
  private static void form(RoutingContext ctx, AdminApiRoutes.Action action, String then) {
    AdminApiRoutes.call(() -> action.run(ctx, AdminSemesterRoutes.formInput(ctx)))
      .onSuccess(r -> AdminAccess.seeOther(ctx, then))
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }
}
