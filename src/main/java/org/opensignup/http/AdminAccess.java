package org.opensignup.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;
import org.opensignup.admin.Superusers;
import org.opensignup.auth.Applicant;
import org.opensignup.auth.OidcLogin;
import org.opensignup.auth.ReturnPath;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The door of the staff area, in front of every /admin route: not logged in → to the login (pages)
 * or 401 (JSON); logged in without any role → 403. Each route then checks the role for the course
 * it touches with {@link #mayRead}, {@link #mayManage} or {@link #superuserOnly}.
 */
final class AdminAccess {
  static final String STAFF = "opensignup.staff";

  private final AdminStore store;
  private final Superusers superusers;
  private final Applicant.Claims claims;
  private final String issuer;
  private final boolean loginEnabled;

  /** {@code issuer}: the configured OIDC issuer; a subject names a configured superuser only when issued there. */
  AdminAccess(AdminStore store, Superusers superusers, Applicant.Claims claims, String issuer, boolean loginEnabled) {
    this.store = store;
    this.superusers = superusers;
    this.claims = claims;
    this.issuer = OidcLogin.normaliseIssuer(issuer);
    this.loginEnabled = loginEnabled;
  }

  Superusers superusers() {
    return superusers;
  }

  void handle(RoutingContext ctx) {
    if (!loginEnabled) {
      Problems.send(ctx, 503, "admin.error.login-off", null);
      return;
    }
    User user = ctx.user();
    JsonObject idClaims = user == null ? null : OidcLogin.identityClaims(user);
    String subject = idClaims == null ? null : idClaims.getValue("sub") instanceof String sub ? sub : user.subject();
    if (subject == null || subject.isBlank()) {
      if (Problems.wantsJson(ctx)) {
        Problems.send(ctx, 401, "admin.error.login-required", null);
      } else {
        String back = ctx.request().method() == HttpMethod.GET ? ReturnPath.sanitise(ctx.request().uri()) : "/admin";
        ctx.response().setStatusCode(ctx.request().method() == HttpMethod.GET ? 302 : 303)
          .putHeader("Location", "/auth/login?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
          .putHeader("Cache-Control", "no-store").end();
      }
      return;
    }
    Applicant who = Applicant.fromClaims(idClaims, claims);
    String name = ((who.firstName() == null ? "" : who.firstName()) + " " + (who.lastName() == null ? "" : who.lastName())).strip();
    boolean fromIssuer = issuer != null && issuer.equals(OidcLogin.normaliseIssuer(text(idClaims.getValue("iss"))));
    boolean verified = who.mailVerified();
    boolean listed = superusers.includes(fromIssuer, subject, who.mail(), verified);
    store.staff(subject, who.mail(), verified, name.isEmpty() ? null : name, listed).onSuccess(staff -> {
      if (!staff.hasAnyRole()) {
        Problems.send(ctx, 403, "admin.error.no-role", null);
        return;
      }
      ctx.put(STAFF, staff);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private static String text(Object v) {
    return v instanceof String t ? t : null;
  }

  static Staff staff(RoutingContext ctx) {
    return ctx.get(STAFF);
  }

  /** True when this person may read the course's list; otherwise answers 403 and returns false. */
  static boolean mayRead(RoutingContext ctx, long courseId) {
    if (staff(ctx).canRead(courseId)) return true;
    Problems.send(ctx, 403, "admin.error.forbidden", null);
    return false;
  }

  static boolean mayManage(RoutingContext ctx, long courseId) {
    if (staff(ctx).canManage(courseId)) return true;
    Problems.send(ctx, 403, "admin.error.forbidden", null);
    return false;
  }

  static boolean superuserOnly(RoutingContext ctx) {
    if (staff(ctx).superuser()) return true;
    Problems.send(ctx, 403, "admin.error.forbidden", null);
    return false;
  }

  /** What every admin page shows: who is logged in and which parts of the navigation apply. */
  static Map<String, Object> model(RoutingContext ctx) {
    Staff s = staff(ctx);
    Map<String, Object> m = new HashMap<>();
    m.put("staffName", s.displayName());
    m.put("superuser", s.superuser());
    m.put("managesAny", s.managesAny());
    m.put("notice", "");
    return m;
  }

  /** A refusal becomes its 4xx with a message; anything else is unexpected (500, or 503 when overloaded). */
  static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof Refusal r) {
      Problems.send(ctx, r.status, r.messageKey, r.field, r.args);
    } else {
      ctx.fail(e);
    }
  }

  /** A course id from the path; -1 when it is not a number (no course has it). */
  static long id(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }
}
