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
import org.opensignup.admin.Euros;
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
import java.util.function.Function;
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
  private final org.opensignup.admin.Semesters semesters;
  private final org.opensignup.admin.SemesterGuard readOnly;

  AdminApiRoutes(Vertx vertx, StaffStore staff, AdminStore admin, ApiTokens tokens, TagHasher tags, Pool pool) {
    this.vertx = vertx;
    this.staff = staff;
    this.admin = admin;
    this.tokens = tokens;
    this.tags = tags;
    this.semesters = new org.opensignup.admin.Semesters(pool);
    this.readOnly = new org.opensignup.admin.SemesterGuard(pool);
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
    AdminAccess access = new AdminAccess(adminStore, superusers, OidcLogin.claimNames(config), config.string("oidc.issuer"), loginEnabled);
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
    // read on the request's own context (Vert.x caches classpath files): a response must be written from
    // its connection's context, which a future completed elsewhere does not guarantee (it broke HTTP/2)
    router.get("/api/openapi.json").handler(ctx -> ctx.vertx().fileSystem().readFile("openapi/openapi.json")
      .onSuccess(b -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "max-age=300").end(b))
      .onFailure(ctx::fail));
    AdminApiRoutes routes = new AdminApiRoutes(vertx, new StaffStore(pool, config.publicUrl()), adminStore, tokens, TagHasher.from(config), pool);
    // an archived semester is read-only: refused here, behind the door, before any route writes
    router.route("/api/admin/*").handler(SemesterRoutes.guard(routes.readOnly));
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

  org.opensignup.admin.Semesters semesters() {
    return semesters;
  }

  /** One staff action: input (JSON body, form or query) in, answer out; refusals as failed futures. */
  @FunctionalInterface
  interface Action {
    Future<?> run(RoutingContext ctx, JsonObject in);
  }

  private void mount(Router router) {
    get(router, "/api/admin/me", this::me);
    get(router, "/api/admin/me/api-tokens", (ctx, in) -> tokens.list(StaffRoles.account(ctx)));
    post(router, "/api/admin/me/api-tokens", 201, this::issueApiToken);
    delete(router, "/api/admin/me/api-tokens/:id", this::revokeApiToken);

    get(router, "/api/admin/languages", (ctx, in) -> staff.languages());
    post(router, "/api/admin/languages", 201, this::createLanguage);
    patch(router, "/api/admin/languages/:id", this::updateLanguage);
    post(router, "/api/admin/languages/:id/draw", 200, this::draw);

    get(router, "/api/admin/courses", this::courses);
    post(router, "/api/admin/courses", 201, this::createCourse);
    get(router, "/api/admin/courses/:id", this::course);
    patch(router, "/api/admin/courses/:id", this::updateCourse);
    delete(router, "/api/admin/courses/:id", this::deleteCourse);
    get(router, "/api/admin/courses/:id/attendances", this::courseAttendances);
    post(router, "/api/admin/courses/:id/attendances", 201, this::addToCourse);

    get(router, "/api/admin/applicants", this::searchApplicants);
    get(router, "/api/admin/applicants/:id", this::applicant);

    post(router, "/api/admin/attendances/:id/move", 200, this::move);
    post(router, "/api/admin/attendances/:id/admit", 200, this::admit);
    delete(router, "/api/admin/attendances/:id", this::remove);
    post(router, "/api/admin/attendances/:id/payments", 201, this::payment);

    get(router, "/api/admin/payments/open", this::openPayments);

    get(router, "/api/admin/tokens", (ctx, in) -> {
      StaffRoles.superuser(ctx);
      return staff.tokens();
    });
    post(router, "/api/admin/tokens", 201, this::issueToken);
    delete(router, "/api/admin/tokens/:id", this::revokeToken);

    get(router, "/api/admin/audit", this::auditLog);
  }

  private static void get(Router router, String path, Action a) {
    router.get(path).handler(ctx -> answer(ctx, 200, call(() -> a.run(ctx, query(ctx)))));
  }

  private static void delete(Router router, String path, Action a) {
    // a result (a seat change) is answered with 200, nothing (a deletion) with 204
    router.delete(path).handler(ctx -> answer(ctx, 200, call(() -> a.run(ctx, query(ctx)))));
  }

  private static void post(Router router, String path, int status, Action a) {
    router.post(path).handler(ctx -> {
      JsonObject in = body(ctx);
      if (in != null) answer(ctx, status, call(() -> a.run(ctx, in)));
    });
  }

  private static void patch(Router router, String path, Action a) {
    router.patch(path).handler(ctx -> {
      JsonObject in = body(ctx);
      if (in != null) answer(ctx, 200, call(() -> a.run(ctx, in)));
    });
  }

  /** Query parameters as input (strings; the checks read numbers and booleans from them too). */
  static JsonObject query(RoutingContext ctx) {
    JsonObject q = new JsonObject();
    ctx.queryParams().forEach(e -> q.put(e.getKey(), e.getValue()));
    return q;
  }

  private static long pathId(RoutingContext ctx) {
    return AdminAccess.id(ctx.pathParam("id"));
  }

  // --- me and my API tokens ----------------------------------------------------------------------

  private Future<JsonObject> me(RoutingContext ctx, JsonObject in) {
    Staff s = AdminAccess.staff(ctx);
    JsonArray roles = new JsonArray();
    s.roles().forEach((course, set) -> set.forEach(r -> roles.add(new JsonObject().put("courseId", course).put("role", r.dbValue()))));
    return Future.succeededFuture(new JsonObject().put("subject", s.subject()).put("name", s.displayName()).put("superuser", s.superuser())
      .put("roles", roles));
  }

  Future<JsonObject> issueApiToken(RoutingContext ctx, JsonObject in) {
    return tokens.issue(StaffRoles.account(ctx), StaffInput.required(in, "name", 80));
  }

  Future<Void> revokeApiToken(RoutingContext ctx, JsonObject in) {
    return tokens.revoke(StaffRoles.account(ctx), pathId(ctx));
  }

  // --- languages ---------------------------------------------------------------------------------

  Future<JsonObject> createLanguage(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return staff.createLanguage(actor(ctx), in).map(id -> new JsonObject().put("id", id));
  }

  Future<JsonObject> updateLanguage(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return staff.updateLanguage(actor(ctx), pathId(ctx), in);
  }

  /** The lottery draw of a language, or with dryRun what it would give, writing nothing. */
  Future<JsonObject> draw(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    boolean dryRun = StaffInput.bool(in, "dryRun", false);
    Object seed = in.getValue("seed");
    Long seedValue = null;
    if (seed instanceof Number n) seedValue = n.longValue();
    else if (seed instanceof String s && s.strip().matches("-?\\d{1,18}")) seedValue = Long.parseLong(s.strip());
    else if (seed != null && !(seed instanceof String s && s.isBlank())) throw StaffInput.bad("seed", "admin.input.error.seed");
    return seat(new SeatCommand.Draw(pathId(ctx), seedValue, dryRun, actor(ctx), null));
  }

  // --- courses -----------------------------------------------------------------------------------

  private Future<JsonArray> courses(RoutingContext ctx, JsonObject in) {
    Staff s = AdminAccess.staff(ctx);
    return staff.courses().map(all -> {
      JsonArray out = new JsonArray();
      for (Object o : all) if (s.canRead(((JsonObject) o).getLong("id"))) out.add(o);
      return out;
    });
  }

  Future<JsonObject> course(RoutingContext ctx, JsonObject in) {
    long id = pathId(ctx);
    StaffRoles.read(ctx, id);
    return staff.course(id).map(c -> {
      if (c == null) throw new Refusal(404, "admin.error.unknown-course", null);
      return c;
    });
  }

  Future<JsonObject> createCourse(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return staff.createCourse(actor(ctx), in).map(id -> new JsonObject().put("id", id));
  }

  /**
   * Any course field; the seats go through the pipeline (raising them promotes waiting entries at
   * once, with mails), the rest is written directly. The whole patch is checked before either.
   */
  Future<JsonObject> updateCourse(RoutingContext ctx, JsonObject in) {
    long id = pathId(ctx);
    StaffRoles.manage(ctx, id);
    // moving a course to another language is the superusers' call: laying out the semester is theirs
    if (in.containsKey("languageId")) StaffRoles.superuser(ctx);
    String actor = actor(ctx);
    return staff.checkCoursePatch(id, in).compose(current -> {
      Future<?> seats = Future.succeededFuture();
      Integer n = StaffInput.integer(in, "seats", 0, 10_000);
      if (n != null && n.intValue() != current.getInteger("seats")) seats = seat(new SeatCommand.SetSeats(id, n, actor));
      JsonObject rest = in.copy();
      rest.remove("seats");
      return seats.compose(v -> rest.isEmpty() ? staff.course(id) : staff.updateCourse(actor, id, rest));
    });
  }

  Future<Void> deleteCourse(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return staff.deleteCourse(actor(ctx), pathId(ctx));
  }

  /** The course's list in order: confirmed, offered, waiting (with position), pool, cancelled. Teachers too. */
  Future<JsonArray> courseAttendances(RoutingContext ctx, JsonObject in) {
    long id = pathId(ctx);
    StaffRoles.read(ctx, id);
    return admin.attendances(id).map(list -> {
      JsonArray out = new JsonArray();
      for (AdminStore.Attendee a : list) {
        out.add(new JsonObject().put("id", a.id()).put("firstName", a.firstName()).put("lastName", a.lastName()).put("mail", a.mail())
          .put("state", a.state()).put("position", a.position()).put("feeCents", a.feeCents()).put("amountPaidCents", a.paidCents())
          .put("registeredAt", a.registeredAt() == null ? null : a.registeredAt().toInstant().toString()).put("bouncing", a.bouncing()));
      }
      return out;
    });
  }

  Future<JsonObject> addToCourse(RoutingContext ctx, JsonObject in) {
    long courseId = pathId(ctx);
    StaffRoles.manage(ctx, courseId);
    Integer applicant = StaffInput.integer(in, "applicantId", 1, Integer.MAX_VALUE);
    if (applicant == null) throw StaffInput.bad("applicantId", "admin.input.error.required");
    return seat(new SeatCommand.Add(applicant, courseId, StaffInput.bool(in, "notify", true), actor(ctx)));
  }

  // --- applicants --------------------------------------------------------------------------------

  Future<JsonArray> searchApplicants(RoutingContext ctx, JsonObject in) {
    StaffRoles.managesAny(ctx);
    String q = StaffInput.text(in, "q", 0, 200);
    if (q == null || q.length() < 2) throw StaffInput.bad("q", "admin.applicants.error.query");
    return staff.search(q, tags.hash(q), StaffRoles.managedCourses(ctx), SEARCH_LIMIT);
  }

  Future<JsonObject> applicant(RoutingContext ctx, JsonObject in) {
    Staff s = StaffRoles.managesAny(ctx);
    return staff.applicant(pathId(ctx)).map(a -> {
      if (a == null) throw new Refusal(404, "admin.applicants.error.unknown", null);
      if (!s.superuser() && a.getJsonArray("attendances").stream().noneMatch(o -> s.canManage(((JsonObject) o).getLong("courseId")))) {
        throw new Refusal(403, "admin.error.forbidden", null);
      }
      return a;
    });
  }

  // --- seat changes ------------------------------------------------------------------------------

  Future<JsonObject> move(RoutingContext ctx, JsonObject in) {
    return withAttendance(ctx, att -> {
      Integer to = StaffInput.integer(in, "courseId", 1, Integer.MAX_VALUE);
      if (to == null) throw StaffInput.bad("courseId", "admin.input.error.required");
      // taking a seat in a course is managing that course too
      StaffRoles.manage(ctx, to);
      return seat(new SeatCommand.Move(att.getLong("id"), to, StaffInput.bool(in, "notify", true), actor(ctx)));
    });
  }

  Future<JsonObject> admit(RoutingContext ctx, JsonObject in) {
    return withAttendance(ctx, att -> seat(new SeatCommand.Admit(att.getLong("id"), StaffInput.bool(in, "notify", true), actor(ctx))));
  }

  Future<JsonObject> remove(RoutingContext ctx, JsonObject in) {
    return withAttendance(ctx, att -> seat(new SeatCommand.Remove(att.getLong("id"), StaffInput.bool(in, "notify", true), actor(ctx))));
  }

  Future<JsonObject> payment(RoutingContext ctx, JsonObject in) {
    return withAttendance(ctx, att -> {
      Integer cents = StaffInput.integer(in, "amountCents", -Euros.MAX_CENTS, Euros.MAX_CENTS);
      if (cents == null) throw StaffInput.bad("amountCents", "admin.input.error.required");
      if (cents == 0) throw StaffInput.bad("amountCents", "admin.payment.error.zero");
      String method = StaffInput.text(in, "method", 0, 20);
      if (method == null || !StaffInput.PAYMENT_METHODS.contains(method)) throw StaffInput.bad("method", "admin.payment.error.method");
      String note = StaffInput.text(in, "note", 0, 400);
      java.time.LocalDate paidOn = org.opensignup.admin.StaffDeskStore.paidOn(in, java.time.LocalDate.now(StaffInput.ZONE));
      return staff.recordPayment(actor(ctx), att.getLong("id"), cents, method, note == null || note.isEmpty() ? null : note, paidOn);
    });
  }

  /** Looks the attendance up, checks the staff member manages its course, then acts. */
  private Future<JsonObject> withAttendance(RoutingContext ctx, Function<JsonObject, Future<JsonObject>> then) {
    return staff.attendanceHead(pathId(ctx)).compose(att -> {
      if (att == null) throw new Refusal(404, "admin.payment.error.unknown-attendance", null);
      StaffRoles.manage(ctx, att.getLong("courseId"));
      return then.apply(att);
    });
  }

  /**
   * A staff seat command through the signup pipeline; its reply, or its refusal (a BusFailure with an
   * HTTP status). Every staff seat command passes here, so here it is refused (409) for an archived semester.
   */
  Future<JsonObject> seat(SeatCommand command) {
    return readOnly.writable(org.opensignup.admin.SemesterGuard.of(command))
      .compose(v -> vertx.eventBus().<JsonObject>request(Bus.SEAT_COMMAND, command.toJson(), SEAT_BUS).map(m -> m.body()));
  }

  // --- payment desk, preterm tokens, audit ------------------------------------------------------

  Future<JsonObject> openPayments(RoutingContext ctx, JsonObject in) {
    StaffRoles.managesAny(ctx);
    Integer language = StaffInput.integer(in, "languageId", 1, Integer.MAX_VALUE), course = StaffInput.integer(in, "courseId", 1, Integer.MAX_VALUE);
    Integer days = StaffInput.integer(in, "olderThanDays", 0, 3650);
    return staff.openPayments(language == null ? null : language.longValue(), course == null ? null : course.longValue(),
      StaffRoles.managedCourses(ctx), days, StaffInput.text(in, "q", 0, 200));
  }

  Future<JsonObject> issueToken(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    String mail = StaffInput.mail(in, "mail");
    Integer language = StaffInput.integer(in, "languageId", 1, Integer.MAX_VALUE);
    Instant expires = StaffInput.instant(in, "expiresAt");
    if (expires == null) throw StaffInput.bad("expiresAt", "admin.input.error.required");
    if (!expires.isAfter(Instant.now())) throw StaffInput.bad("expiresAt", "admin.token.error.past");
    String locale = StaffInput.text(in, "locale", 0, 2);
    return staff.issueToken(actor(ctx), mail, language == null ? null : language.longValue(), expires,
      locale == null || locale.isEmpty() ? Pages.lang(ctx) : locale).onSuccess(v -> vertx.eventBus().publish(Bus.MAIL_WAKEUP, null));
  }

  Future<Void> revokeToken(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    return staff.revokeToken(actor(ctx), pathId(ctx));
  }

  Future<JsonArray> auditLog(RoutingContext ctx, JsonObject in) {
    StaffRoles.superuser(ctx);
    Integer applicant = StaffInput.integer(in, "applicantId", 1, Integer.MAX_VALUE), course = StaffInput.integer(in, "courseId", 1, Integer.MAX_VALUE);
    Integer limit = StaffInput.integer(in, "limit", 1, 1000);
    return staff.audit(StaffInput.text(in, "actor", 0, 200), StaffInput.text(in, "entity", 0, 40),
      applicant == null ? null : applicant.longValue(), course == null ? null : course.longValue(),
      StaffInput.text(in, "action", 0, 60), limit == null ? 200 : limit);
  }

  // --- plumbing ----------------------------------------------------------------------------------

  static String actor(RoutingContext ctx) {
    return AdminAccess.staff(ctx).subject();
  }

  /** Runs a step whose checks may throw a {@link Refusal} before any future exists. */
  static Future<?> call(Supplier<? extends Future<?>> step) {
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
