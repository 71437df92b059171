package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import org.opensignup.DevParts;
import org.opensignup.Shared;
import org.opensignup.auth.Applicant;
import org.opensignup.auth.OidcLogin;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Unavailable;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import org.opensignup.redis.FailoverSessionStore;
import org.opensignup.redis.RedisLink;
import org.opensignup.signup.Catalogue;
import org.opensignup.signup.ReferenceQuery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** Builds the router: common handlers first, then each area's routes, then the error answers. */
public final class Routes {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  /** {@code redis} and {@code login} are null when Redis or an OIDC provider is not configured. */
  public static Router create(Vertx vertx, AppConfig config, Pool pool, RedisLink redis, OidcLogin login) {
    Router router = Router.router(vertx);
    Pages pages = new Pages(vertx);
    Problems.usePages(pages);

    router.route().handler(new SecurityHeaders(config.publicUrl().startsWith("https:")));
    router.route().handler(Routes::refuseMalformedQuery);
    router.route().handler(Routes::chooseLanguage);
    boolean https = config.publicUrl().startsWith("https:");
    SessionHandler sessions = SessionHandler.create(FailoverSessionStore.create(vertx, config, redis))
      .setCookieSameSite(CookieSameSite.LAX).setCookieSecureFlag(https).setCookieHttpOnlyFlag(true)
      .setSessionCookieName(SESSION_COOKIE);
    CSRFHandler csrf = CSRFHandler.create(vertx, csrfSecret(config)).setCookieSecure(https).setTimeout(2 * 3600_000L);
    AdminRoutes.Area admin = AdminRoutes.area(vertx, config, pool, pages, login != null);
    // the harvest upload: its login, role and CSRF checks pass before its body is read
    admin.mountUpload(router, sessions, csrf);
    StaffPart2.mountBodyHandlers(router, config, sessions);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    // only requests that carry a body are read (a GET claiming a multipart body is simply a GET)
    router.route().handler(ctx -> {
      io.vertx.core.http.HttpMethod m = ctx.request().method();
      if (m == io.vertx.core.http.HttpMethod.GET || m == io.vertx.core.http.HttpMethod.HEAD || m == io.vertx.core.http.HttpMethod.OPTIONS) ctx.next();
      else bodies.handle(ctx);
    });
    RateLimitHandler.mount(router, vertx, config, redis); // before the routes it guards

    new HealthRoutes(vertx, pool, redis).mount(router);
    // the plainest answer the router gives: the yardstick the storm compares the catalogue with
    router.get("/hello").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("Hello"));
    MetricsRoutes.mountPublic(router, vertx, config); // only with metrics.token
    Catalogue catalogue = new Catalogue(pool, 1000);
    ReferenceQuery reference = new ReferenceQuery(pool);
    new CatalogueRoutes(catalogue, reference, pages).mount(router);
    new LiveSeats(vertx, pool, config, catalogue).mount(router); // GET /api/courses/stream
    SignupRoutes signup = new SignupRoutes(vertx, catalogue, reference, pages, config.publicUrl(),
        new FormTokens(csrfSecret(config)), new org.opensignup.signup.MySignups(vertx, pool))
      .withLogin(login != null).withPartitions(org.opensignup.signup.SignupVerticle.partitions(config))
      .withApplicantSettings(org.opensignup.signup.ApplicantSettings.from(config));
    signup.mountApi(router);
    // the login and the staff area: a session and a session-bound CSRF token (the JSON API needs
    // neither: it takes only application/json, which a cross-site form cannot send)
    for (String area : List.of("/auth/*", "/admin/*")) router.route(area).handler(sessions).handler(csrf);
    // applicants' pages carry stateless signed form tokens (FormTokens, checked by SignupRoutes), so an
    // anonymous visit creates no session: only someone who logged in brings the cookie back. The
    // session CSRF token is then made on pages only, for the logout form shown there.
    router.route("/signup/*").handler(ctx -> {
      if (ctx.request().getCookie(SESSION_COOKIE) == null) ctx.next();
      else sessions.handle(ctx);
    });
    router.get("/signup/*").handler(ctx -> {
      if (Applicant.of(ctx.session()) == null) ctx.next();
      else csrf.handle(ctx);
    });
    if (login != null) login.mount(router, (ctx, status) -> Problems.send(ctx, status, "auth.error.failed", null));
    signup.mountPages(router);
    admin.mount(router);
    // staff JSON API (bearer token or session + CSRF) and the semester pages that run the same actions
    AdminApiRoutes staffApi = AdminApiRoutes.mount(router, vertx, config, pool, sessions, csrf, login != null);
    new AdminSemesterRoutes(staffApi, pages).mount(router);
    new SemesterRoutes(staffApi.semesters(), pages).mount(router);
    new StaffDeskRoutes(staffApi, pool, config, pages).mount(router); // course close, applicant edit
    ExportJobRoutes.mountApi(router, vertx, pool); // after the /api/admin door mounted just above
    DevParts dev = Shared.get(vertx, Shared.DEV_PARTS);
    if (dev != null) dev.mount(vertx, router); // /dev/*: development jar only
    router.route("/static/*").handler(StaticHandler.create("webroot/static").setMaxAgeSeconds(3600));

    // every status gets an answer of ours: one Vert.x has no handler for is logged with a stack trace
    for (int status = 400; status < 600; status++) {
      int code = status;
      router.errorHandler(code, ctx -> failed(ctx, code));
    }
    router.errorHandler(403, ctx -> Problems.send(ctx, 403,
      ctx.request().method() == io.vertx.core.http.HttpMethod.POST && !ctx.request().path().startsWith("/api/") ? "error.csrf" : "error.forbidden", null));
    return router;
  }

  static final String SESSION_COOKIE = "opensignup.session";

  static String csrfSecret(AppConfig config) {
    if (config.isSet("security.csrf-secret")) return config.string("security.csrf-secret");
    // one secret for all HTTP verticle instances of this process; several nodes behind one address need a shared one
    return PROCESS_CSRF_SECRET;
  }

  private static final String PROCESS_CSRF_SECRET = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

  /** Remembers an explicit ?lang= choice in a cookie; every later handler reads ctx.get("lang"). */
  private static void chooseLanguage(RoutingContext ctx) {
    String lang = I18n.choose(ctx);
    ctx.put(Pages.LANG, lang);
    if (ctx.request().getParam("lang") != null) {
      ctx.response().addCookie(Cookie.cookie(I18n.COOKIE, lang).setPath("/").setMaxAge(365L * 24 * 3600)
        .setSameSite(CookieSameSite.LAX).setHttpOnly(true));
    }
    ctx.next();
  }

  /**
   * A malformed query string ({@code ?a=%ZZ}) would make the first reader of a parameter throw and
   * the request end as a 500: it is a bad request, refused before anything reads it.
   */
  private static void refuseMalformedQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "error.bad-query", "query");
      return;
    }
    ctx.next();
  }

  /** Statuses by the message a person reads; 500 is answered by {@link #internalError}. */
  private static void failed(RoutingContext ctx, int status) {
    Throwable failure = ctx.failure();
    if (status == 500) {
      internalError(ctx);
    } else if (status == 503 || Unavailable.is(failure)) {
      unavailable(ctx, failure);
    } else if (status > 500) {
      Problems.send(ctx, status, "error.unavailable", null);
    } else {
      Problems.send(ctx, status, switch (status) {
        case 401 -> "error.unauthorized";
        case 403 -> "error.forbidden";
        case 404 -> "error.not-found";
        case 405 -> "error.method-not-allowed";
        case 413 -> "error.too-large";
        case 415 -> "error.unsupported-media-type";
        case 429 -> "error.too-many-requests";
        default -> "error.bad-request";
      }, null);
    }
  }

  /** Unexpected failures: logged with an id the person can quote; the client sees only the id. */
  private static void internalError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof io.vertx.ext.web.handler.HttpException he && he.getStatusCode() != 500) {
      failed(ctx, he.getStatusCode());
      return;
    }
    if (failure instanceof io.vertx.core.json.DecodeException) {
      Problems.send(ctx, 400, "error.malformed-json", null);
      return;
    }
    if (Unavailable.is(failure)) {
      unavailable(ctx, failure);
      return;
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    log.error("error {} on {} {}", id, ctx.request().method(), ctx.request().path(), failure);
    Problems.send(ctx, 500, "error.internal", null, id);
  }

  /** Overload or a database that is away: a 503 the client may retry, counted instead of logged one by one. */
  private static void unavailable(RoutingContext ctx, Throwable failure) {
    REFUSALS.refused(failure == null ? "no cause" : Unavailable.describe(failure));
    ctx.response().putHeader("Retry-After", "2");
    Problems.send(ctx, 503, "error.unavailable", null);
  }

  private static final RefusalLog REFUSALS = new RefusalLog(log, 10_000);
}
