package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.SemesterGuard;
import org.opensignup.admin.Semesters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semesters for superusers, as pages and as JSON API: list and create, copy one into a new semester,
 * the close checklist and the archive. Also the staff area's read-only filter: every staff write
 * that names a language, course, attendance or mass mail of an archived semester (in its path or
 * its input) is refused by {@link SemesterGuard} before the route that would write runs.
 */
final class SemesterRoutes {
  /** Staff write routes whose path names what they change: /admin/courses/12/…, /api/admin/attendances/7/move, … */
  private static final Pattern WRITE_PATH = Pattern.compile("^/(?:api/)?admin/(courses|attendances|applicants|languages|mail)(?:/([0-9]{1,18}))?(?:/.*)?$");

  private final Semesters semesters;
  private final Pages pages;

  SemesterRoutes(Semesters semesters, Pages pages) {
    this.semesters = semesters;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/api/admin/semesters").handler(ctx -> AdminApiRoutes.answer(ctx, 200, semesters.list()));
    router.post("/api/admin/semesters").handler(ctx -> json(ctx, 201, this::create));
    router.post("/api/admin/semesters/:id/copy").handler(ctx -> json(ctx, 201, this::copy));
    router.get("/api/admin/semesters/:id/checklist").handler(ctx -> AdminApiRoutes.answer(ctx, 200, AdminApiRoutes.call(() -> checklist(ctx))));
    router.post("/api/admin/semesters/:id/archive").handler(ctx -> json(ctx, 200, this::archive));

    router.post("/admin/semesters").handler(ctx -> form(ctx, this::create, r -> "/admin/semester?semester=" + r.getLong("id") + "&saved=1"));
    router.post("/admin/semesters/:id/copy").handler(ctx -> form(ctx, this::copy, r -> "/admin/semester?semester=" + r.getLong("id") + "&saved=1"));
    router.get("/admin/semesters/:id/close").handler(this::closePage);
    router.post("/admin/semesters/:id/archive").handler(ctx -> form(ctx, this::archive, r -> "/admin/semesters/" + r.getLong("id") + "/close?saved=1"));
  }

  // --- actions (the same for page and API) ------------------------------------------------------

  private Future<JsonObject> create(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return semesters.create(AdminApiRoutes.actor(ctx), in).map(id -> new JsonObject().put("id", id));
  }

  private Future<JsonObject> copy(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return semesters.copy(AdminApiRoutes.actor(ctx), AdminAccess.id(ctx.pathParam("id")), in);
  }

  private Future<JsonObject> checklist(RoutingContext ctx) {
    StaffRoles.superuser(ctx);
    return semesters.checklist(AdminAccess.id(ctx.pathParam("id"))).map(c -> {
      if (c == null) throw new Refusal(404, "semesters.error.unknown", null);
      return c;
    });
  }

  private Future<JsonObject> archive(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return semesters.archive(AdminApiRoutes.actor(ctx), AdminAccess.id(ctx.pathParam("id")));
  }

  // --- pages -------------------------------------------------------------------------------------

  private void closePage(RoutingContext ctx) {
    AdminApiRoutes.call(() -> checklist(ctx)).onSuccess(c -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("check", AdminSemesterRoutes.plain(c));
      if (ctx.request().getParam("saved") != null) m.put("notice", I18n.text(Pages.lang(ctx), "semesters.archived-notice"));
      pages.render(ctx, 200, "admin/semesters-close.ftl", m).onFailure(ctx::fail);
    }).onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  /**
   * What /admin/semester shows about semesters: all of them, the chosen one ({@code ?semester=}, else
   * the current one) and only its languages.
   */
  static Future<Map<String, Object>> semesterPage(Semesters semesters, RoutingContext ctx, JsonArray languages) {
    long wanted = AdminAccess.id(ctx.request().getParam("semester"));
    return semesters.list().map(all -> {
      JsonObject chosen = null;
      for (Object o : all) {
        JsonObject s = (JsonObject) o;
        if (s.getLong("id") == wanted || wanted < 0 && s.getBoolean("current") && chosen == null) chosen = s;
      }
      if (chosen == null && !all.isEmpty()) chosen = all.getJsonObject(0);
      JsonArray shown = new JsonArray();
      JsonArray open = new JsonArray();
      for (Object o : all) if ("open".equals(((JsonObject) o).getString("state"))) open.add(o);
      for (Object o : languages) if (chosen != null && chosen.getLong("id").equals(((JsonObject) o).getLong("semesterId"))) shown.add(o);
      Map<String, Object> m = new HashMap<>();
      m.put("semesters", AdminSemesterRoutes.plain(all));
      m.put("openSemesters", AdminSemesterRoutes.plain(open));
      m.put("semester", chosen == null ? Map.of() : AdminSemesterRoutes.plain(chosen));
      m.put("languages", AdminSemesterRoutes.plain(shown));
      return m;
    });
  }

  // --- the read-only filter ----------------------------------------------------------------------

  /** Mounted behind the staff door (/admin/* and /api/admin/*), before the routes that write. */
  static Handler<RoutingContext> guard(SemesterGuard guard) {
    return ctx -> {
      HttpMethod m = ctx.request().method();
      Matcher p = WRITE_PATH.matcher(ctx.request().path());
      if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || !p.matches()) {
        ctx.next();
        return;
      }
      SemesterGuard.Targets t = new SemesterGuard.Targets();
      if (p.group(2) != null) {
        long id = Long.parseLong(p.group(2));
        switch (p.group(1)) {
          case "courses" -> t.course(id);
          case "attendances" -> t.attendance(id);
          case "languages" -> t.language(id);
          case "mail" -> t.massMail(id);
          default -> { } // an applicant is not part of one semester; the course in the input is
        }
      }
      input(ctx, t);
      guard.writable(t).onSuccess(v -> ctx.next()).onFailure(e -> AdminAccess.failed(ctx, e));
    };
  }

  /** Ids in the input that say where a write goes: a course or language chosen in a form or JSON body. */
  private static void input(RoutingContext ctx, SemesterGuard.Targets t) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      JsonObject body;
      try {
        body = ctx.body() == null ? null : ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        return; // the route itself answers a malformed body
      }
      if (body == null) return;
      for (String f : List.of("courseId", "languageId", "semesterId")) {
        Object v = body.getValue(f);
        long id = v instanceof Number n ? n.longValue() : v instanceof String s ? AdminAccess.id(s.strip()) : -1;
        if (id > 0) add(t, f, id);
      }
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    for (String f : List.of("courseId", "languageId", "semesterId", "course", "language", "draftId")) {
      for (String v : form.getAll(f)) {
        long id = AdminAccess.id(v.strip());
        if (id > 0) add(t, f, id);
      }
    }
  }

  private static void add(SemesterGuard.Targets t, String field, long id) {
    switch (field) {
      case "courseId", "course" -> t.course(id);
      case "languageId", "language" -> t.language(id);
      case "semesterId" -> t.semester(id);
      case "draftId" -> t.massMail(id);
      default -> { }
    }
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private interface Action {
    Future<JsonObject> run(RoutingContext ctx, JsonObject in);
  }

  private static void json(RoutingContext ctx, int status, Action a) {
    JsonObject in = AdminApiRoutes.body(ctx);
    if (in != null) AdminApiRoutes.answer(ctx, status, AdminApiRoutes.call(() -> a.run(ctx, in)));
  }

  private static void form(RoutingContext ctx, Action a, Function<JsonObject, String> then) {
    AdminApiRoutes.call(() -> a.run(ctx, AdminSemesterRoutes.formInput(ctx)))
      .onSuccess(r -> AdminAccess.seeOther(ctx, then.apply((JsonObject) r)))
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }
}
