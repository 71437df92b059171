package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.sqlclient.Pool;
import org.opensignup.admin.MassMailStore;
import org.opensignup.config.AppConfig;

/**
 * The second part of the staff area (mass mail, documents, grades, exports, statistics), mounted
 * from {@link AdminRoutes#mountArea} behind the staff door, so Routes and AdminRoutes need one line each.
 */
final class StaffPart2 {
  private StaffPart2() {}

  /** Before the common body handler: the mass-mail form carries files and long text, read only for someone logged in. */
  static void mountBodyHandlers(Router router, AppConfig config, SessionHandler sessions) {
    router.post(MassMailRoutes.PATH).handler(sessions).handler(StaffPart2::loggedIn);
    router.post(MassMailRoutes.PATH).handler(MassMailRoutes.bodyHandler(MassMailRoutes.maxBytes(config)));
    // a grade sheet is small; same door
    router.postWithRegex(GradesRoutes.IMPORT).handler(sessions).handler(StaffPart2::loggedIn);
    router.postWithRegex(GradesRoutes.IMPORT).handler(MassMailRoutes.bodyHandler(4L * 1024 * 1024));
  }

  private static void loggedIn(io.vertx.ext.web.RoutingContext ctx) {
    if (ctx.user() == null) Problems.send(ctx, 401, "admin.error.login-required", null);
    else ctx.next();
  }

  static void mount(Router router, Vertx vertx, AppConfig config, Pool pool, Pages pages) {
    MassMailStore massMail = new MassMailStore(pool);
    new MassMailRoutes(vertx, massMail, pages, MassMailRoutes.maxBytes(config)).mount(router);
    new DocumentsRoutes(vertx, new org.opensignup.admin.DocumentsStore(pool)).mount(router);
    new GradesRoutes(vertx, new org.opensignup.admin.GradesStore(pool), new org.opensignup.admin.AdminStore(pool), pages).mount(router);
    new StatsRoutes(new org.opensignup.admin.StatsStore(pool), pages).mount(router);
    new ExportsRoutes(vertx, new org.opensignup.admin.ExportsStore(pool), massMail, new org.opensignup.admin.AdminStore(pool), pages).mount(router);
    ExportJobRoutes.mountPages(router, vertx, pool, pages);
  }
}
