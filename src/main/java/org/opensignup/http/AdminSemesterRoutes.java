package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Euros;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;
import org.opensignup.admin.StaffInput;
import org.opensignup.admin.StaffStore;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff pages for running a semester: languages with their windows and lottery (dry run and
 * draw), courses (create, edit, delete when empty, waiting list with admit), applicants (search as
 * you type, their page with seat changes and payments), preterm tokens, the payment desk, the audit
 * log and one's own API tokens. Every form posts the same action the JSON API runs
 * ({@link AdminApiRoutes}), so checks, roles and audit rows are the same on both ways in.
 */
final class AdminSemesterRoutes {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(StaffInput.ZONE);
  /** Form checkboxes are absent when unticked. */
  private static final Set<String> CHECKBOXES = Set.of("manualMode", "ratingGated", "hasWaitingList", "notify", "dryRun");

  private final AdminApiRoutes api;
  private final StaffStore store;
  private final Pages pages;

  AdminSemesterRoutes(AdminApiRoutes api, Pages pages) {
    this.api = api;
    this.store = api.store();
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/semester").handler(this::semesterPage);
    router.post("/admin/languages").handler(ctx -> form(ctx, api::createLanguage, r -> "/admin/languages/" + ((JsonObject) r).getLong("id") + "?saved=1"));
    router.get("/admin/languages/:id").handler(this::languagePage);
    router.post("/admin/languages/:id").handler(ctx -> form(ctx, api::updateLanguage, r -> "/admin/languages/" + ctx.pathParam("id") + "?saved=1"));
    router.post("/admin/languages/:id/draw").handler(this::draw);
    router.post("/admin/courses").handler(ctx -> form(ctx, api::createCourse, r -> "/admin/courses/" + ((JsonObject) r).getLong("id") + "/settings?saved=1"));
    router.get("/admin/courses/:id/settings").handler(this::courseSettingsPage);
    router.post("/admin/courses/:id/settings").handler(ctx -> form(ctx, api::updateCourse, r -> "/admin/courses/" + ctx.pathParam("id") + "/settings?saved=1"));
    router.post("/admin/courses/:id/delete").handler(ctx -> form(ctx, api::deleteCourse, r -> "/admin/semester?deleted=1"));
    router.post("/admin/courses/:id/add").handler(ctx -> form(ctx, api::addToCourse, r -> back(ctx)));
    router.post("/admin/attendances/:id/admit").handler(ctx -> form(ctx, api::admit, r -> back(ctx)));
    router.post("/admin/attendances/:id/move").handler(ctx -> form(ctx, api::move, r -> back(ctx)));
    router.post("/admin/attendances/:id/remove").handler(ctx -> form(ctx, api::remove, r -> back(ctx)));
    router.post("/admin/attendances/:id/pay").handler(ctx -> form(ctx, api::payment, r -> back(ctx)));
    router.get("/admin/applicants").handler(this::applicantsPage);
    router.get("/admin/applicants/:id").handler(this::applicantPage);
    router.post("/admin/applicants/:id/add").handler(ctx -> form(ctx, this::addApplicant, r -> back(ctx)));
    router.get("/admin/tokens").handler(this::tokensPage);
    router.post("/admin/tokens").handler(ctx -> form(ctx, api::issueToken, r -> "/admin/tokens?issued=" + ((JsonObject) r).getLong("id")));
    router.post("/admin/tokens/:id/revoke").handler(ctx -> form(ctx, api::revokeToken, r -> "/admin/tokens?revoked=1"));
    router.get("/admin/payments").handler(this::paymentsPage);
    router.get("/admin/audit").handler(this::auditPage);
    router.get("/admin/me").handler(ctx -> mePage(ctx, null));
    router.post("/admin/me/api-tokens").handler(this::issueApiToken);
    router.post("/admin/me/api-tokens/:id/revoke").handler(ctx -> form(ctx, api::revokeApiToken, r -> "/admin/me?revoked=1"));
  }

  // --- semester and languages --------------------------------------------------------------------

  private void semesterPage(RoutingContext ctx) {
    page(ctx, "admin/semester.ftl", () -> {
      StaffRoles.superuser(ctx);
      return Future.all(store.languages(), store.courses()).compose(all ->
        SemesterRoutes.semesterPage(api.semesters(), ctx, withLocalTimes(all.resultAt(0))).map(m -> {
          m.put("courses", plain(all.resultAt(1)));
          return m;
        }));
    });
  }

  private void languagePage(RoutingContext ctx) {
    languagePage(ctx, null);
  }

  private void languagePage(RoutingContext ctx, JsonObject drawResult) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    page(ctx, "admin/language.ftl", () -> {
      StaffRoles.superuser(ctx);
      return Future.all(store.languages(), store.courses()).map(all -> {
        JsonObject language = null;
        for (Object o : withLocalTimes(all.resultAt(0))) if (((JsonObject) o).getLong("id") == id) language = (JsonObject) o;
        if (language == null) throw new Refusal(404, "admin.language.error.unknown", null);
        JsonArray courses = new JsonArray();
        for (Object o : (JsonArray) all.resultAt(1)) if (((JsonObject) o).getLong("languageId") == id) courses.add(o);
        Map<String, Object> m = new HashMap<>();
        m.put("language", plain(language));
        m.put("courses", plain(courses));
        m.put("draw", drawResult == null ? Map.of() : plain(drawResult));
        return m;
      });
    });
  }

  /** A dry run shows what a draw would give on the page itself; a real draw too, with its seed. */
  private void draw(RoutingContext ctx) {
    AdminApiRoutes.call(() -> api.draw(ctx, formInput(ctx)))
      .onSuccess(r -> languagePage(ctx, (JsonObject) r))
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  // --- courses -----------------------------------------------------------------------------------

  private void courseSettingsPage(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    page(ctx, "admin/course-settings.ftl", () -> {
      StaffRoles.manage(ctx, id);
      return Future.all(api.course(ctx, new JsonObject()), store.languages(), api.store().courses(),
        AdminApiRoutes.call(() -> api.courseAttendances(ctx, new JsonObject()))).map(all -> {
          Map<String, Object> m = new HashMap<>();
          JsonObject course = all.resultAt(0);
          m.put("course", plain(course.copy().put("price", Euros.format(course.getInteger("priceCents")))
            .put("collisionText", String.join(", ", course.getJsonArray("collision").getList()))));
          m.put("languages", plain(all.resultAt(1)));
          m.put("otherCourses", plain(manageable(ctx, all.resultAt(2), id)));
          m.put("attendees", plain(all.resultAt(3)));
          return m;
        });
    });
  }

  /** The courses this person may move someone into, except {@code except}. */
  private static JsonArray manageable(RoutingContext ctx, JsonArray courses, long except) {
    Staff s = AdminAccess.staff(ctx);
    JsonArray out = new JsonArray();
    for (Object o : courses) {
      JsonObject c = (JsonObject) o;
      if (c.getLong("id") != except && s.canManage(c.getLong("id"))) out.add(c);
    }
    return out;
  }

  // --- applicants --------------------------------------------------------------------------------

  private void applicantsPage(RoutingContext ctx) {
    page(ctx, "admin/applicants.ftl", () -> {
      StaffRoles.managesAny(ctx);
      String q = ctx.request().getParam("q");
      Map<String, Object> m = new HashMap<>();
      m.put("q", q == null ? "" : q);
      if (q == null || q.strip().length() < 2) {
        m.put("results", List.of());
        return Future.succeededFuture(m);
      }
      return api.searchApplicants(ctx, new JsonObject().put("q", q)).map(found -> {
        m.put("results", plain(found));
        return m;
      });
    });
  }

  private void applicantPage(RoutingContext ctx) {
    page(ctx, "admin/applicant.ftl", () -> api.applicant(ctx, new JsonObject()).compose(a -> store.courses().map(courses -> {
      Map<String, Object> m = new HashMap<>();
      m.put("applicant", plain(a));
      m.put("courses", plain(manageable(ctx, courses, -1)));
      return m;
    })));
  }

  /** The applicant page's "add to course": the course comes from the form, the applicant from the path. */
  private Future<JsonObject> addApplicant(RoutingContext ctx, JsonObject in) {
    Integer course = StaffInput.integer(in, "courseId", 1, Integer.MAX_VALUE);
    if (course == null) throw StaffInput.bad("courseId", "admin.input.error.required");
    StaffRoles.manage(ctx, course);
    return api.seat(new org.opensignup.bus.SeatCommand.Add(AdminAccess.id(ctx.pathParam("id")), course, StaffInput.bool(in, "notify", true),
      AdminApiRoutes.actor(ctx)));
  }

  // --- tokens, payments, audit, me ---------------------------------------------------------------

  private void tokensPage(RoutingContext ctx) {
    page(ctx, "admin/tokens.ftl", () -> {
      StaffRoles.superuser(ctx);
      return Future.all(store.tokens(), store.languages()).map(all -> {
        Map<String, Object> m = new HashMap<>();
        m.put("tokens", plain(all.resultAt(0)));
        m.put("languages", plain(all.resultAt(1)));
        m.put("defaultExpiry", LOCAL.format(Instant.now().plusSeconds(14 * 24 * 3600)));
        return m;
      });
    });
  }

  private void paymentsPage(RoutingContext ctx) {
    page(ctx, "admin/payments.ftl", () -> {
      JsonObject q = AdminApiRoutes.query(ctx);
      return Future.all(api.openPayments(ctx, q), store.languages(), store.courses()).map(all -> {
        Map<String, Object> m = new HashMap<>();
        m.put("desk", plain(all.resultAt(0)));
        m.put("languages", plain(all.resultAt(1)));
        m.put("courses", plain(manageable(ctx, all.resultAt(2), -1)));
        m.put("filter", plain(q));
        return m;
      });
    });
  }

  private void auditPage(RoutingContext ctx) {
    page(ctx, "admin/audit.ftl", () -> {
      JsonObject q = AdminApiRoutes.query(ctx);
      return api.auditLog(ctx, q).map(rows -> {
        Map<String, Object> m = new HashMap<>();
        JsonArray shown = new JsonArray();
        for (Object o : rows) {
          JsonObject r = ((JsonObject) o).copy();
          r.put("beforeText", r.getValue("before") == null ? "" : String.valueOf(r.getValue("before")));
          r.put("afterText", r.getValue("after") == null ? "" : String.valueOf(r.getValue("after")));
          shown.add(r);
        }
        m.put("rows", plain(shown));
        m.put("filter", plain(q));
        return m;
      });
    });
  }

  private void mePage(RoutingContext ctx, JsonObject issued) {
    page(ctx, "admin/me.ftl", () -> {
      Staff s = StaffRoles.account(ctx);
      return api.tokens().list(s).map(list -> {
        Map<String, Object> m = new HashMap<>();
        m.put("apiTokens", plain(list));
        m.put("issued", issued == null ? Map.of() : plain(issued));
        return m;
      });
    });
  }

  /** The new token is shown on the answer page itself, once: it is not kept anywhere to show again. */
  private void issueApiToken(RoutingContext ctx) {
    AdminApiRoutes.call(() -> api.issueApiToken(ctx, formInput(ctx)))
      .onSuccess(r -> mePage(ctx, (JsonObject) r))
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  // --- plumbing ----------------------------------------------------------------------------------

  private interface PageModel {
    Future<Map<String, Object>> get();
  }

  /** Renders a staff page from its model; a refusal (403, 404) becomes the error page. */
  private void page(RoutingContext ctx, String template, PageModel model) {
    Future<Map<String, Object>> f;
    try {
      f = model.get();
    } catch (Refusal r) {
      f = Future.failedFuture(r);
    }
    f.onSuccess(values -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.putAll(values);
      m.put("saved", ctx.request().getParam("saved") != null || ctx.request().getParam("revoked") != null
        || ctx.request().getParam("issued") != null || ctx.request().getParam("done") != null);
      if ((Boolean) m.get("saved")) m.put("notice", I18n.text(Pages.lang(ctx), "admin.roles.saved"));
      pages.render(ctx, 200, template, m).onFailure(ctx::fail);
    }).onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  /** Runs a form's action; success goes back (303) to where it came from, a refusal shows the error page. */
  private void form(RoutingContext ctx, AdminApiRoutes.Action action, java.util.function.Function<Object, String> then) {
    AdminApiRoutes.call(() -> action.run(ctx, formInput(ctx)))
      .onSuccess(r -> AdminAccess.seeOther(ctx, then.apply(r)))
      .onFailure(e -> AdminApiRoutes.failed(ctx, e));
  }

  /** The form's fields as the actions' input; unticked checkboxes become "off", a price in euros becomes cents. */
  static JsonObject formInput(RoutingContext ctx) {
    JsonObject in = new JsonObject();
    ctx.request().formAttributes().forEach(e -> {
      if (!e.getKey().equals("X-XSRF-TOKEN") && !e.getKey().equals("back") && !e.getKey().equals("checkboxes")) in.put(e.getKey(), e.getValue());
    });
    String boxes = ctx.request().getFormAttribute("checkboxes");
    if (boxes != null) for (String b : boxes.split(",")) if (CHECKBOXES.contains(b) && !in.containsKey(b)) in.put(b, "off");
    String price = in.getString("price");
    if (price != null) {
      in.remove("price");
      Euros.Parsed p = Euros.parse(price);
      if (p.ok()) in.put("priceCents", p.cents());
      else if ("admin.payment.error.zero".equals(p.errorKey())) in.put("priceCents", 0);
      else throw StaffInput.bad("price", p.errorKey());
    }
    String amount = in.getString("amount");
    if (amount != null) {
      in.remove("amount");
      Euros.Parsed p = Euros.parse(amount);
      if (!p.ok()) throw StaffInput.bad("amount", p.errorKey());
      in.put("amountCents", p.cents());
    }
    return in;
  }

  /** Where a form came from (only a staff page; anything else goes to the overview). */
  private static String back(RoutingContext ctx) {
    String b = ctx.request().getFormAttribute("back");
    if (b == null || !b.startsWith("/admin") || b.startsWith("//") || b.contains("\\") || b.contains("\r") || b.contains("\n")) return "/admin";
    return b + (b.contains("?") ? "&" : "?") + "done=1";
  }

  /** Times of a language also as local "yyyy-MM-ddTHH:mm" for datetime-local fields. */
  private static JsonArray withLocalTimes(JsonArray languages) {
    JsonArray out = new JsonArray();
    for (Object o : languages) {
      JsonObject l = ((JsonObject) o).copy();
      for (String f : List.of("signupBegin", "lotteryEnd", "fcfsBegin", "signupEnd")) {
        String v = l.getString(f);
        l.put(f + "Local", v == null ? "" : LOCAL.format(Instant.parse(v)));
      }
      out.add(l);
    }
    return out;
  }

  /** Vert.x JSON into plain maps and lists with no nulls (FreeMarker treats a null as missing). */
  static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : o) m.put(e.getKey(), e.getValue() == null ? "" : plain(e.getValue()));
      return m;
    }
    if (v instanceof JsonArray a) {
      List<Object> l = new ArrayList<>(a.size());
      for (Object x : a) l.add(x == null ? "" : plain(x));
      return l;
    }
    if (v instanceof Map<?, ?> map) return plain(JsonObject.mapFrom(map));
    if (v instanceof List<?> list) return plain(new JsonArray(new ArrayList<>(list)));
    return v;
  }
}
