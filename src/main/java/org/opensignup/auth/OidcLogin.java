package org.opensignup.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.OAuth2AuthHandler;
import org.opensignup.StartupException;
import org.opensignup.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

/**
 * Login of internal applicants (students, staff) by OpenID Connect, authorization-code flow with
 * PKCE. After login the session holds the {@link Applicant} read from the id token's claims; the
 * signup form takes name, mail and tag from there instead of from what was typed.
 *
 * <p>Routes (all behind the session and CSRF handlers): {@code GET /auth/login?return=/path},
 * {@code GET /auth/callback} (the provider's redirect), {@code POST /auth/logout}.
 */
public final class OidcLogin {
  public static final String CALLBACK_PATH = "/auth/callback";
  private static final Logger log = LoggerFactory.getLogger(OidcLogin.class);

  private final Vertx vertx;
  private final OAuth2Auth provider;
  private final String callbackUrl;
  private final List<String> scopes;
  private final Applicant.Claims claims;

  private OidcLogin(Vertx vertx, OAuth2Auth provider, String callbackUrl, List<String> scopes, Applicant.Claims claims) {
    this.vertx = vertx;
    this.provider = provider;
    this.callbackUrl = callbackUrl;
    this.scopes = scopes;
    this.claims = claims;
  }

  /**
   * Reads the provider's discovery document when oidc.issuer is set; a null result means login is
   * off. A provider out of reach fails the start with a message naming the issuer.
   */
  public static Future<OidcLogin> discover(Vertx vertx, AppConfig config) {
    if (!config.isSet("oidc.issuer")) return Future.succeededFuture(null);
    String issuer = normaliseIssuer(config.string("oidc.issuer"));
    OAuth2Options options = new OAuth2Options()
      .setSite(issuer)
      .setClientId(config.string("oidc.client-id"));
    if (config.isSet("oidc.client-secret")) options.setClientSecret(config.string("oidc.client-secret"));
    return OpenIDConnectAuth.discover(vertx, options)
      .recover(e -> Future.failedFuture(new StartupException(
        "OIDC discovery at " + issuer + "/.well-known/openid-configuration failed (check oidc.issuer): " + e.getMessage(), e)))
      .map(provider -> new OidcLogin(vertx, provider, config.publicUrl() + CALLBACK_PATH, scopes(config), claimNames(config)));
  }

  public static List<String> scopes(AppConfig config) {
    return Arrays.stream(config.string("oidc.scopes").split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }

  public static Applicant.Claims claimNames(AppConfig config) {
    return new Applicant.Claims(config.string("oidc.mail-claim"), config.string("oidc.given-name-claim"),
      config.string("oidc.family-name-claim"), config.string("oidc.tag-claim"), config.string("oidc.mail-verified-claim"));
  }

  /** The issuer as compared: without trailing slashes; null when empty. */
  public static String normaliseIssuer(String issuer) {
    if (issuer == null) return null;
    String s = issuer.strip().replaceAll("/+$", "");
    return s.isEmpty() ? null : s;
  }

  /**
   * Mounts the routes; the caller has put the session (and CSRF) handler on /auth/* before, and says how a
   * failed login is answered (a page or a problem, with the status and the message key given).
   */
  public void mount(Router router, java.util.function.BiConsumer<RoutingContext, Integer> failedLogin) {
    OAuth2AuthHandler handler = OAuth2AuthHandler.create(vertx, provider, callbackUrl).withScopes(scopes).pkceVerifierLength(64);
    // the callback route must exist before the route the handler protects
    handler.setupCallback(router.get(CALLBACK_PATH));
    router.get("/auth/login").handler(handler).handler(this::loggedIn);
    router.post("/auth/logout").handler(OidcLogin::logout);
    // a refused or broken login (state mismatch, provider error, token exchange failed) gets a page, not a bare status
    router.route("/auth/*").failureHandler(ctx -> {
      if (ctx.request().method() != io.vertx.core.http.HttpMethod.GET) {
        ctx.next();
        return;
      }
      int status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 502;
      log.warn("OIDC login failed ({}): {}", status, ctx.failure() == null ? "-" : ctx.failure().getMessage());
      failedLogin.accept(ctx, status);
    });
  }

  /**
   * Reached twice: first unauthenticated (the handler before us redirects to the provider and
   * remembers this URL), then again after the callback, authenticated: take the identity, go back.
   */
  private void loggedIn(RoutingContext ctx) {
    User user = ctx.user();
    Applicant applicant = Applicant.fromClaims(identityClaims(user), claims);
    applicant.storeIn(ctx.session());
    log.info("OIDC login: {} claims read", applicant.tag() == null ? "without tag;" : "with tag;");
    seeOther(ctx, ReturnPath.sanitise(ctx.request().getParam("return")));
  }

  /** The id token's claims; providers that put the profile only into the access token are read there. */
  public static JsonObject identityClaims(User user) {
    JsonObject merged = new JsonObject();
    JsonObject access = user.attributes().getJsonObject("accessToken");
    if (access != null) merged.mergeIn(access);
    JsonObject id = user.attributes().getJsonObject("idToken");
    if (id != null) merged.mergeIn(id);
    return merged;
  }

  private static void logout(RoutingContext ctx) {
    String target = ReturnPath.sanitise(ctx.request().getFormAttribute("return"));
    ctx.userContext().clear();
    if (ctx.session() != null) {
      ctx.session().remove(Applicant.SESSION_KEY);
      ctx.session().regenerateId();
    }
    seeOther(ctx, target);
  }

  private static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
