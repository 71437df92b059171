package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.sqlclient.Pool;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.ApiTokens;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;
import org.opensignup.admin.StaffInput;
import org.opensignup.admin.StaffStore;
import org.opensignup.admin.Superusers;
import org.opensignup.auth.OidcLogin;
import org.opensignup.auth.TagHasher;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.config.AppConfig;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The staff JSON API under /api/admin: languages, courses, applicants, seat changes (through the
 * signup pipeline as {@link SeatCommand}s), payments, preterm tokens, the payment desk, the audit log
 * and one's own API tokens. Authenticated by a bearer token ({@link ApiTokens}) or by the staff
 * session with the CSRF header; the role for the course concerned is checked by {@link StaffRoles}.
 */
final class AdminApiRoutes {
  static final String BEARER = "opensignup.bearer";
  private static final DeliveryOptions SEAT_BUS = new DeliveryOptions().setSendTimeout(15_000);
  private static final int SEARCH_LIMIT = 20;

  private final Vertx vertx;
  private final StaffStore staff;
  private final AdminStore admin;
  private final ApiTokens tokens;
  private final TagHasher tags;

  AdminApiRoutes(Vertx vertx, StaffStore staff, AdminStore admin, ApiTokens tokens, TagHasher tags) {
    this.vertx = vertx;
    this.staff = staff;
    this.admin = admin;
    this.tokens = tokens;
    this.tags = tags;
  }

  /**
   * The door of /api/admin: a bearer token decides alone (no session, no CSRF: a cross-site page
   * cannot set the header); without one, the staff session with its CSRF check, as for the pages.
   */
  static AdminApiRoutes mount(Router router, Vertx vertx, AppConfig config, Pool pool, SessionHandler sessions, CSRFHandler csrf,
                              boolean loginEnabled) {
    AdminStore adminStore = new AdminStore(pool);
    Superusers superusers = Superusers.from(config);
    ApiTokens tokens = new ApiTokens(pool, config.string("admin.bootstrap-token"), superusers);
    AdminAccess access = new AdminAccess(adminStore, superusers, OidcLogin.claimNames(config), loginEnabled);
    router.route("/api/admin/*").handler(ctx -> {
      String auth = ctx.request().getHeader("Authorization");
      if (auth == null) {
        ctx.next();
        return;
      }
      if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Problems.send(ctx, 401, "admin.error.token-invalid", null);
        return;
      }
      tokens.resolve(auth.substring(7).strip()).onSuccess(s -> {
        if (s == null) {
          ctx.response().putHeader("WWW-Authenticate", "Bearer");
          Problems.send(ctx, 401, "admin.error.token-invalid", null);
        } else if (!s.hasAnyRole()) {
          Problems.send(ctx, 403, "admin.error.no-role", null);
        } else {
          ctx.put(AdminAccess.STAFF, s);
          ctx.put(BEARER, true);
          ctx.next();
        }
      }).onFailure(ctx::fail);
    });
    router.route("/api/admin/*").handler(ctx -> { if (bearer(ctx)) ctx.next(); else sessions.handle(ctx); });
    router.route("/api/admin/*").handler(ctx -> { if (bearer(ctx)) ctx.next(); else csrf.handle(ctx); });
    router.route("/api/admin/*").handler(ctx -> { if (bearer(ctx)) ctx.next(); else access.handle(ctx); });
    AdminApiRoutes routes = new AdminApiRoutes(vertx, new StaffStore(pool, config.publicUrl()), adminStore, tokens, TagHasher.from(config));
    routes.mount(router);
    return routes;
  }

  private static boolean bearer(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(BEARER));
  }

  StaffStore store() {
    return staff;
  }

  ApiTokens tokens() {
    return tokens;
  }

  private void mount(Router router) {
    router.get("/api/admin/me").handler(this::me);
    router.get("/api/admin/me/api-tokens").handler(this::listApiTokens);
    router.post("/api/admin/me/api-tokens").handler(this::issueApiToken);
    router.delete("/api/admin/me/api-tokens/:id").handler(this::revokeApiToken);

    router.get("/api/admin/languages").handler(ctx -> answer(ctx, 200, staff.languages()));
    router.post("/api/admin/languages").handler(this::createLanguage);
    router.patch("/api/admin/languages/:id").handler(this::updateLanguage);
    router.post("/api/admin/languages/:id/draw").handler(this::draw);

    router.get("/api/admin/courses").handler(this::courses);
    router.post("/api/admin/courses").handler(this::createCourse);
    router.get("/api/admin/courses/:id").handler(this::course);
    router.patch("/api/admin/courses/:id").handler(this::updateCourse);
    router.delete("/api/admin/courses/:id").handler(this::deleteCourse);
    router.get("/api/admin/courses/:id/attendances").handler(this::courseAttendances);
    router.post("/api/admin/courses/:id/attendances").handler(this::addToCourse);

    router.get("/api/admin/applicants").handler(this::searchApplicants);
    router.get("/api/admin/applicants/:id").handler(this::applicant);

    router.post("/api/admin/attendances/:id/move").handler(this::move);
    router.post("/api/admin/attendances/:id/admit").handler(this::admit);
    router.delete("/api/admin/attendances/:id").handler(this::remove);
    router.post("/api/admin/attendances/:id/payments").handler(this::payment);

    router.get("/api/admin/payments/open").handler(this::openPayments);

    router.get("/api/admin/tokens").handler(ctx -> { if (StaffRoles.superuser(ctx)) answer(ctx, 200, staff.tokens()); });
    router.post("/api/admin/tokens").handler(this::issueToken);
    router.delete("/api/admin/tokens/:id").handler(this::revokeToken);

    router.get("/api/admin/audit").handler(this::auditLog);
  }

  // --- me and my API tokens ----------------------------------------------------------------------

  private void me(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    JsonArray roles = new JsonArray();
    s.roles().forEach((course, set) -> set.forEach(r -> roles.add(new JsonObject().put("courseId", course).put("role", r.dbValue()))));
    json(ctx, 200, new JsonObject().put("subject", s.subject()).put("name", s.displayName()).put("superuser", s.superuser()).put("roles", roles));
  }

  private void listApiTokens(RoutingContext ctx) {
    if (!StaffRoles.ownAccount(ctx)) return;
    answer(ctx, 200, tokens.list(AdminAccess.staff(ctx)));
  }

  private void issueApiToken(RoutingContext ctx) {
    if (!StaffRoles.ownAccount(ctx)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 201, call(() -> tokens.issue(AdminAccess.staff(ctx), StaffInput.required(body, "name", 80))));
  }

  private void revokeApiToken(RoutingContext ctx) {
    if (!StaffRoles.ownAccount(ctx)) return;
    noContent(ctx, tokens.revoke(AdminAccess.staff(ctx), AdminAccess.id(ctx.pathParam("id"))));
  }

  // --- languages ---------------------------------------------------------------------------------

  private void createLanguage(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 201, call(() -> staff.createLanguage(actor(ctx), body).map(id -> new JsonObject().put("id", id))));
  }

  private void updateLanguage(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 200, call(() -> staff.updateLanguage(actor(ctx), AdminAccess.id(ctx.pathParam("id")), body)));
  }

  /** The lottery draw of a language, or with {"dryRun":true} what it would give, writing nothing. */
  private void draw(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : body(ctx);
    if (body == null) return;
    answer(ctx, 200, call(() -> {
      boolean dryRun = StaffInput.bool(body, "dryRun", false);
      Object seed = body.getValue("seed");
      if (seed != null && !(seed instanceof Number)) throw StaffInput.bad("seed", "admin.input.error.number", Long.MIN_VALUE, Long.MAX_VALUE);
      return seat(new SeatCommand.Draw(AdminAccess.id(ctx.pathParam("id")), seed == null ? null : ((Number) seed).longValue(), dryRun,
        actor(ctx), null));
    }));
  }

  // --- courses -----------------------------------------------------------------------------------

  private void courses(RoutingContext ctx) {
    Staff s = AdminAccess.staff(ctx);
    answer(ctx, 200, staff.courses().map(all -> {
      JsonArray out = new JsonArray();
      for (Object o : all) if (s.canRead(((JsonObject) o).getLong("id"))) out.add(o);
      return out;
    }));
  }

  private void course(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, id)) return;
    answer(ctx, 200, staff.course(id).map(c -> {
      if (c == null) throw new Refusal(404, "admin.error.unknown-course", null);
      return c;
    }));
  }

  private void createCourse(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 201, call(() -> staff.createCourse(actor(ctx), body).map(id -> new JsonObject().put("id", id))));
  }

  /**
   * Any course field; the seats go through the pipeline (raising them promotes waiting entries at
   * once, with mails), the rest is written directly. The whole patch is checked before either.
   */
  private void updateCourse(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, id)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    // moving a course to another language is the superusers' call: it is theirs to lay out the semester
    if (body.containsKey("languageId") && !StaffRoles.superuser(ctx)) return;
    String actor = actor(ctx);
    answer(ctx, 200, call(() -> staff.checkCoursePatch(id, body).compose(current -> {
      Future<Object> seats = Future.succeededFuture();
      if (body.containsKey("seats") && !body.getValue("seats").equals(current.getValue("seats"))) {
        int n = StaffInput.integer(body, "seats", 0, 10_000);
        seats = seat(new SeatCommand.SetSeats(id, n, actor)).map(r -> r);
      }
      JsonObject rest = body.copy();
      rest.remove("seats");
      return seats.compose(v -> rest.isEmpty() ? staff.course(id) : staff.updateCourse(actor, id, rest));
    })));
  }

  private void deleteCourse(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    noContent(ctx, staff.deleteCourse(actor(ctx), AdminAccess.id(ctx.pathParam("id"))));
  }

  /** The course's list in order: confirmed, offered, waiting (with position), pool, cancelled. Teachers too. */
  private void courseAttendances(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, id)) return;
    answer(ctx, 200, admin.attendances(id).map(list -> {
      JsonArray out = new JsonArray();
      for (AdminStore.Attendee a : list) {
        out.add(new JsonObject().put("id", a.id()).put("firstName", a.firstName()).put("lastName", a.lastName()).put("mail", a.mail())
          .put("state", a.state()).put("position", a.position()).put("feeCents", a.feeCents()).put("amountPaidCents", a.paidCents())
          .put("registeredAt", a.registeredAt() == null ? null : a.registeredAt().toInstant().toString()).put("bouncing", a.bouncing()));
      }
      return out;
    }));
  }

  private void addToCourse(RoutingContext ctx) {
    long courseId = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, courseId)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 201, call(() -> {
      Integer applicant = StaffInput.integer(body, "applicantId", 1, Integer.MAX_VALUE);
      if (applicant == null) throw StaffInput.bad("applicantId", "admin.input.error.required");
      return seat(new SeatCommand.Add(applicant, courseId, StaffInput.bool(body, "notify", true), actor(ctx)));
    }));
  }

  // --- applicants --------------------------------------------------------------------------------

  private void searchApplicants(RoutingContext ctx) {
    if (!StaffRoles.managesAny(ctx)) return;
    String q = ctx.request().getParam("q");
    if (q == null || q.strip().length() < 2 || q.length() > 200) {
      Problems.send(ctx, 422, "admin.applicants.error.query", "q");
      return;
    }
    answer(ctx, 200, staff.search(q, tags.hash(q), StaffRoles.managedCourses(ctx), SEARCH_LIMIT));
  }

  private void applicant(RoutingContext ctx) {
    if (!StaffRoles.managesAny(ctx)) return;
    Staff s = AdminAccess.staff(ctx);
    answer(ctx, 200, staff.applicant(AdminAccess.id(ctx.pathParam("id"))).map(a -> {
      if (a == null) throw new Refusal(404, "admin.applicants.error.unknown", null);
      if (!s.superuser() && a.getJsonArray("attendances").stream().noneMatch(o -> s.canManage(((JsonObject) o).getLong("courseId")))) {
        throw new Refusal(403, "admin.error.forbidden", null);
      }
      return a;
    }));
  }

  // --- seat changes ------------------------------------------------------------------------------

  private void move(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) return;
    withAttendance(ctx, att -> {
      Integer to = StaffInput.integer(body, "courseId", 1, Integer.MAX_VALUE);
      if (to == null) throw StaffInput.bad("courseId", "admin.input.error.required");
      // taking a seat in a course is managing that course too
      if (!AdminAccess.staff(ctx).canManage(to)) throw new Refusal(403, "admin.error.forbidden", "courseId");
      return seat(new SeatCommand.Move(att.getLong("id"), to, StaffInput.bool(body, "notify", true), actor(ctx)));
    });
  }

  private void admit(RoutingContext ctx) {
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : body(ctx);
    if (body == null) return;
    withAttendance(ctx, att -> seat(new SeatCommand.Admit(att.getLong("id"), StaffInput.bool(body, "notify", true), actor(ctx))));
  }

  private void remove(RoutingContext ctx) {
    String notify = ctx.request().getParam("notify");
    withAttendance(ctx, att -> seat(new SeatCommand.Remove(att.getLong("id"),
      StaffInput.bool(new JsonObject().put("notify", notify), "notify", true), actor(ctx))));
  }

  private void payment(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) return;
    withAttendance(ctx, att -> {
      Integer cents = StaffInput.integer(body, "amountCents", -org.opensignup.admin.Euros.MAX_CENTS, org.opensignup.admin.Euros.MAX_CENTS);
      if (cents == null) throw StaffInput.bad("amountCents", "admin.input.error.required");
      if (cents == 0) throw StaffInput.bad("amountCents", "admin.payment.error.zero");
      String method = StaffInput.text(body, "method", 1, 20);
      if (method == null || !StaffInput.PAYMENT_METHODS.contains(method)) throw StaffInput.bad("method", "admin.payment.error.method");
      String note = StaffInput.text(body, "note", 0, 400);
      return staff.recordPayment(actor(ctx), att.getLong("id"), cents, method, note == null || note.isEmpty() ? null : note);
    }, 201);
  }

  private void withAttendance(RoutingContext ctx, java.util.function.Function<JsonObject, Future<?>> then) {
    withAttendance(ctx, then, 200);
  }

  /** Looks the attendance up, checks the staff member manages its course, then acts. */
  private void withAttendance(RoutingContext ctx, java.util.function.Function<JsonObject, Future<?>> then, int status) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    staff.attendanceHead(id).onSuccess(att -> {
      if (att == null) {
        Problems.send(ctx, 404, "admin.payment.error.unknown-attendance", null);
        return;
      }
      if (!AdminAccess.mayManage(ctx, att.getLong("courseId"))) return;
      answer(ctx, status, call(() -> then.apply(att)));
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** A seat command through the signup pipeline; its reply, or its refusal (a BusFailure with an HTTP status). */
  Future<JsonObject> seat(SeatCommand command) {
    return vertx.eventBus().<JsonObject>request(Bus.SEAT_COMMAND, command.toJson(), SEAT_BUS).map(m -> m.body());
  }

  // --- payment desk, preterm tokens, audit ------------------------------------------------------

  private void openPayments(RoutingContext ctx) {
    if (!StaffRoles.managesAny(ctx)) return;
    answer(ctx, 200, call(() -> {
      JsonObject q = new JsonObject();
      ctx.queryParams().forEach(e -> q.put(e.getKey(), e.getValue()));
      Integer language = StaffInput.integer(q, "languageId", 1, Integer.MAX_VALUE), course = StaffInput.integer(q, "courseId", 1, Integer.MAX_VALUE);
      Integer days = StaffInput.integer(q, "olderThanDays", 0, 3650);
      return staff.openPayments(language == null ? null : language.longValue(), course == null ? null : course.longValue(),
        StaffRoles.managedCourses(ctx), days, StaffInput.text(q, "q", 0, 200));
    }));
  }

  private void issueToken(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    JsonObject body = body(ctx);
    if (body == null) return;
    answer(ctx, 201, call(() -> {
      String mail = StaffInput.mail(body, "mail");
      Integer language = StaffInput.integer(body, "languageId", 1, Integer.MAX_VALUE);
      Instant expires = StaffInput.instant(body, "expiresAt");
      if (expires == null) throw StaffInput.bad("expiresAt", "admin.input.error.required");
      if (!expires.isAfter(Instant.now())) throw StaffInput.bad("expiresAt", "admin.token.error.past");
      String locale = StaffInput.text(body, "locale", 0, 2);
      return staff.issueToken(actor(ctx), mail, language == null ? null : language.longValue(), expires,
        locale == null || locale.isEmpty() ? Pages.lang(ctx) : locale);
    }).onSuccess(v -> vertx.eventBus().publish(Bus.MAIL_WAKEUP, null)));
  }

  private void revokeToken(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    noContent(ctx, staff.revokeToken(actor(ctx), AdminAccess.id(ctx.pathParam("id"))));
  }

  private void auditLog(RoutingContext ctx) {
    if (!StaffRoles.superuser(ctx)) return;
    answer(ctx, 200, call(() -> {
      JsonObject q = new JsonObject();
      ctx.queryParams().forEach(e -> q.put(e.getKey(), e.getValue()));
      Integer applicant = StaffInput.integer(q, "applicantId", 1, Integer.MAX_VALUE), course = StaffInput.integer(q, "courseId", 1, Integer.MAX_VALUE);
      Integer limit = StaffInput.integer(q, "limit", 1, 1000);
      return staff.audit(StaffInput.text(q, "actor", 0, 200), StaffInput.text(q, "entity", 0, 40),
        applicant == null ? null : applicant.longValue(), course == null ? null : course.longValue(),
        StaffInput.text(q, "action", 0, 60), limit == null ? 200 : limit);
    }));
  }

  // --- plumbing ----------------------------------------------------------------------------------

  static String actor(RoutingContext ctx) {
    return AdminAccess.staff(ctx).subject();
  }

  /** Runs a step whose checks may throw a {@link Refusal} before any future exists. */
  static <T> Future<T> call(Supplier<Future<T>> step) {
    try {
      return step.get();
    } catch (Refusal r) {
      return Future.failedFuture(r);
    }
  }

  /** The JSON object body, or null after answering 415/400. */
  static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      Problems.send(ctx, 415, "error.unsupported-media-type", null);
      return null;
    }
    try {
      Object parsed = ctx.body() == null || ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
      if (parsed instanceof JsonObject o) return o;
    } catch (DecodeException e) {
      // answered below
    }
    Problems.send(ctx, 400, "error.malformed-json", null);
    return null;
  }

  /** Answers the future's value as JSON, a refusal as problem+json, a pipeline refusal with its status. */
  static void answer(RoutingContext ctx, int status, Future<?> result) {
    result.onSuccess(v -> {
      if (v instanceof JsonObject o) json(ctx, status, o.encode());
      else if (v instanceof JsonArray a) json(ctx, status, a.encode());
      else ctx.response().setStatusCode(204).end();
    }).onFailure(e -> failed(ctx, e));
  }

  static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(e -> failed(ctx, e));
  }

  static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof io.vertx.core.eventbus.ReplyException) SignupRoutes.busFailure(ctx, e);
    else AdminAccess.failed(ctx, e);
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    json(ctx, status, body.encode());
  }
}
