package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.config.AppConfig;
import org.opensignup.redis.RateLimit;
import org.opensignup.redis.RateLimiter;
import org.opensignup.redis.RedisLink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Rate limits at the door (settings ratelimit.*): signup POSTs per client address and per applicant
 * mail address, optionally every other request per address. Over a limit: 429 with Retry-After.
 */
final class RateLimitHandler {
  private final RateLimiter limiter;
  private final RateLimit signupAddress;
  private final RateLimit signupMail;
  private final RateLimit anyAddress;
  private final boolean trustProxy;
  private final boolean exemptLoopback;

  private RateLimitHandler(RateLimiter limiter, AppConfig config) {
    this.limiter = limiter;
    this.signupAddress = limit(config, "signup-ip");
    this.signupMail = limit(config, "signup-mail");
    this.anyAddress = limit(config, "ip");
    this.trustProxy = config.bool("http.trust-proxy");
    this.exemptLoopback = config.bool("ratelimit.exempt-loopback");
  }

  /** Mount before the routes they guard (after the body handler: the mail is in the body). */
  static void mount(Router router, Vertx vertx, AppConfig config, RedisLink redis) {
    if (!config.bool("ratelimit.enabled")) return;
    RateLimitHandler h = new RateLimitHandler(new RateLimiter(vertx, redis), config);
    if (h.anyAddress != null) router.route().handler(h::anyRequest);
    router.post("/api/signups").handler(ctx -> h.signup(ctx, jsonMail(ctx)));
    router.post("/signup/:courseId").handler(ctx -> h.signup(ctx, ctx.request().getFormAttribute("mail")));
  }

  private void signup(RoutingContext ctx, String mail) {
    List<RateLimit.Bucket> buckets = new ArrayList<>(2);
    String address = ClientAddress.of(ctx, trustProxy);
    if (signupAddress != null && !exempt(address)) buckets.add(signupAddress.bucket(address));
    String key = mailKey(mail);
    if (signupMail != null && key != null) buckets.add(signupMail.bucket(key));
    check(ctx, buckets);
  }

  private void anyRequest(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean signupPost = ctx.request().method() == HttpMethod.POST && (path.equals("/api/signups") || path.startsWith("/signup/"));
    String address = ClientAddress.of(ctx, trustProxy);
    if (signupPost || path.startsWith("/health/") || exempt(address)) {
      ctx.next();
      return;
    }
    check(ctx, List.of(anyAddress.bucket(address)));
  }

  private void check(RoutingContext ctx, List<RateLimit.Bucket> buckets) {
    limiter.take(buckets).onComplete(ar -> {
      RateLimit.Decision d = ar.succeeded() ? ar.result() : RateLimit.Decision.ALLOWED;
      if (d.allowed()) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Retry-After", String.valueOf(d.retryAfterSeconds()));
      boolean byMail = signupMail != null && signupMail.name().equals(d.limitName());
      Problems.send(ctx, 429, byMail ? "error.rate-limited.mail" : "error.rate-limited.address", byMail ? "mail" : null,
        d.retryAfterSeconds());
    });
  }

  private boolean exempt(String address) {
    return exemptLoopback && ClientAddress.isLoopback(address);
  }

  private static String jsonMail(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body != null && body.getValue("mail") instanceof String s ? s : null;
    } catch (RuntimeException e) {
      return null; // not JSON: the route answers 400/415
    }
  }

  /** Hashed, so Redis never holds mail addresses; normalised as the signup does (case-insensitive). */
  private static String mailKey(String mail) {
    if (mail == null) return null;
    String m = org.opensignup.mail.MailKey.of(mail);
    if (m.isEmpty() || m.length() > 320) return null;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(m.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A rule from ratelimit.NAME.burst / .per-minute; null when either is 0 (rule off). */
  private static RateLimit limit(AppConfig config, String name) {
    int burst = config.integer("ratelimit." + name + ".burst", 0, 1_000_000);
    int perMinute = config.integer("ratelimit." + name + ".per-minute", 0, 10_000_000);
    return burst == 0 || perMinute == 0 ? null : new RateLimit(name, burst, perMinute);
  }
}
