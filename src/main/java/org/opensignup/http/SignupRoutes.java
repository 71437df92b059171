package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.auth.Applicant;
import org.opensignup.bus.Bus;
import org.opensignup.bus.BusFailure;
import org.opensignup.signup.Catalogue;
import org.opensignup.signup.ReferenceQuery;
import org.opensignup.signup.SignupRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applicants' routes: the JSON API (/api/signups) and the pages (signup form, status page with
 * sign-off and offer answers). Checks input at the door; the signup verticle decides.
 */
final class SignupRoutes {
  private static final Pattern SECRET = Pattern.compile("^[A-Za-z0-9_-]{20,64}$");
  private static final DeliveryOptions BUS = new DeliveryOptions().setSendTimeout(15_000);

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final ReferenceQuery reference;
  private final Pages pages;
  private final String publicUrl;
  private int partitions = 1;
  private boolean loginEnabled;

  SignupRoutes(Vertx vertx, Catalogue catalogue, ReferenceQuery reference, Pages pages, String publicUrl) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.reference = reference;
    this.pages = pages;
    this.publicUrl = publicUrl;
  }

  /** With OIDC configured, the form offers "log in as student/staff". */
  SignupRoutes withLogin(boolean enabled) {
    this.loginEnabled = enabled;
    return this;
  }

  SignupRoutes withPartitions(int partitions) {
    this.partitions = partitions;
    return this;
  }

  void mountApi(Router router) {
    router.post("/api/signups").handler(this::apiSubmit);
    router.get("/api/signups/:secret").handler(ctx -> withSecret(ctx, s -> request(Bus.SIGNUP_STATUS, new JsonObject().put("secret", s))
      .onSuccess(st -> json(ctx, 200, st)).onFailure(e -> busFailure(ctx, e))));
    router.delete("/api/signups/:secret").handler(ctx -> apiChange(ctx, "signoff"));
    router.post("/api/signups/:secret/accept").handler(ctx -> apiChange(ctx, "accept"));
    router.post("/api/signups/:secret/decline").handler(ctx -> apiChange(ctx, "decline"));
  }

  void mountPages(Router router) {
    router.get("/signup/:courseId").handler(this::formPage);
    router.post("/signup/:courseId").handler(this::formSubmit);
    router.get("/status/:secret").handler(this::statusPage);
    router.post("/status/:secret/:action").handler(this::statusAction);
  }

  // --- API ---------------------------------------------------------------------------------------

  private void apiSubmit(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      Problems.send(ctx, 415, "error.unsupported-media-type", null);
      return;
    }
    JsonObject body;
    try {
      Object parsed = ctx.body().buffer() == null ? null : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
      if (!(parsed instanceof JsonObject o)) {
        Problems.send(ctx, 400, "error.malformed-json", null);
        return;
      }
      body = o;
    } catch (DecodeException e) {
      Problems.send(ctx, 400, "error.malformed-json", null);
      return;
    }
    SignupRequest.Parsed parsed = SignupRequest.fromJson(body, Pages.lang(ctx), ctx.request().getHeader("Idempotency-Key"));
    if (!parsed.ok()) {
      fieldErrors(ctx, parsed.errors());
      return;
    }
    submit(parsed.request()).onSuccess(reply -> {
      boolean replayed = reply.getBoolean("replayed", false);
      String secret = reply.getString("secret");
      reply.put("statusUrl", publicUrl + "/status/" + secret);
      if (!replayed) ctx.response().putHeader("Location", "/api/signups/" + secret);
      json(ctx, replayed ? 200 : 201, reply);
    }).onFailure(e -> busFailure(ctx, e));
  }

  private void apiChange(RoutingContext ctx, String action) {
    withSecret(ctx, s -> request(Bus.SIGNUP_CHANGE, new JsonObject().put("secret", s).put("action", action))
      .onSuccess(r -> json(ctx, 200, r)).onFailure(e -> busFailure(ctx, e)));
  }

  /** 422 with every field's problem, so a client (or form) can show them all at once. */
  private static void fieldErrors(RoutingContext ctx, List<SignupRequest.FieldError> errors) {
    String lang = Pages.lang(ctx);
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("code", e.messageKey()).put("detail", I18n.text(lang, e.messageKey()))));
    SignupRequest.FieldError first = errors.get(0);
    JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
      .put("detail", I18n.text(lang, first.messageKey())).put("code", first.messageKey()).put("field", first.field()).put("errors", list);
    ctx.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json").end(problem.encode());
  }

  // --- pages -------------------------------------------------------------------------------------

  private void formPage(RoutingContext ctx) {
    Applicant applicant = Applicant.of(ctx.session());
    renderForm(ctx, 200, applicant == null ? Map.of() : identityFields(applicant), Map.of());
  }

  /** The form fields a logged-in applicant's identity fills (and locks); parts the provider did not send stay open. */
  private static Map<String, String> identityFields(Applicant a) {
    Map<String, String> m = new HashMap<>();
    if (a.mail() != null) {
      m.put("mail", a.mail());
      m.put("mailRepeat", a.mail());
    }
    if (a.firstName() != null) m.put("firstName", a.firstName());
    if (a.lastName() != null) m.put("lastName", a.lastName());
    if (a.tag() != null) m.put("tag", a.tag());
    return m;
  }

  private void renderForm(RoutingContext ctx, int status, Map<String, String> values, Map<String, String> errors) {
    long courseId = parseId(ctx.pathParam("courseId"));
    String lang = Pages.lang(ctx);
    Future.all(catalogue.current(), reference.current()).onSuccess(all -> {
      JsonObject cat = all.resultAt(0);
      JsonObject ref = all.resultAt(1);
      JsonObject course = null;
      JsonObject language = null;
      for (Object l : cat.getJsonArray("languages")) {
        for (Object c : ((JsonObject) l).getJsonArray("courses")) {
          if (((JsonObject) c).getLong("id") == courseId) {
            course = (JsonObject) c;
            language = (JsonObject) l;
          }
        }
      }
      if (course == null) {
        Problems.send(ctx, 404, "signup.error.unknown-course", null);
        return;
      }
      Map<String, Object> m = new HashMap<>();
      m.put("course", course.getMap());
      m.put("languageName", language.getJsonObject("name").getString(lang));
      m.put("open", language.getBoolean("open"));
      m.put("phase", language.getString("phase"));
      m.put("origins", named(ref.getJsonArray("origins"), lang));
      m.put("degrees", named(ref.getJsonArray("degrees"), lang));
      m.put("graduations", named(ref.getJsonArray("graduations"), lang));
      m.put("intro", I18n.text(lang, "signup.intro", course.getString("name") + " (" + m.get("languageName") + ")"));
      m.put("values", values);
      m.put("errors", errors);
      m.put("errorSummary", errors.isEmpty() ? "" : errors.values().iterator().next());
      Applicant applicant = Applicant.of(ctx.session());
      m.put("loginEnabled", loginEnabled);
      m.put("loggedInAs", applicant == null ? "" : applicant.displayName());
      m.put("locked", applicant == null ? Map.of() : identityFields(applicant));
      m.put("returnPath", "/signup/" + courseId);
      pages.render(ctx, status, "signup.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void formSubmit(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    // a logged-in applicant's identity comes from the session, whatever the form says
    Applicant applicant = Applicant.of(ctx.session());
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().formAttributes());
    if (applicant != null) identityFields(applicant).forEach(form::set);
    SignupRequest.Parsed parsed = SignupRequest.fromForm(form, ctx.pathParam("courseId"), lang);
    if (applicant != null && parsed.ok()) {
      SignupRequest r = parsed.request();
      parsed = new SignupRequest.Parsed(r.asInternal(r.mail(), r.firstName(), r.lastName(), r.tag(), applicant.attributes()), List.of());
    }
    Map<String, String> values = new HashMap<>();
    for (String f : List.of("mail", "mailRepeat", "firstName", "lastName", "tag", "originId", "degreeId", "graduationId", "semester", "pretermToken")) {
      String v = form.get(f);
      values.put(f, v == null ? "" : v);
    }
    if (!parsed.ok()) {
      Map<String, String> errors = new HashMap<>();
      parsed.errors().forEach(e -> errors.put(e.field(), I18n.text(lang, e.messageKey())));
      renderForm(ctx, 422, values, errors);
      return;
    }
    submit(parsed.request())
      .onSuccess(reply -> seeOther(ctx, "/status/" + reply.getString("secret") + "?new=1"))
      .onFailure(e -> {
        if (e instanceof ReplyException re && re.failureCode() < 500 && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
          String field = BusFailure.field(re);
          String text = I18n.text(lang, BusFailure.messageKey(re), formatArgs(lang, BusFailure.args(re)));
          renderForm(ctx, re.failureCode(), values, Map.of(field == null ? "_form" : field, text));
        } else {
          busFailure(ctx, e);
        }
      });
  }

  private void statusPage(RoutingContext ctx) {
    withSecret(ctx, s -> request(Bus.SIGNUP_STATUS, new JsonObject().put("secret", s)).onSuccess(st -> {
      String lang = Pages.lang(ctx);
      Map<String, Object> m = new HashMap<>(st.getMap());
      m.put("course", st.getJsonObject("course").getMap());
      m.put("languageName", st.getJsonObject("course").getJsonObject("language").getString(lang));
      m.put("fee", Money.format(st.getInteger("feeCents"), lang));
      m.put("discountPending", st.getBoolean("discountPending", false));
      m.put("isNew", "1".equals(ctx.request().getParam("new")));
      m.put("signOffLine", st.getString("signOffUntil") == null ? ""
        : I18n.text(lang, "status.signoff.until", I18n.dateTime(lang, Instant.parse(st.getString("signOffUntil")))));
      m.put("offerLine", st.getString("offerExpiresAt") == null ? ""
        : I18n.text(lang, "status.offer.until", I18n.dateTime(lang, Instant.parse(st.getString("offerExpiresAt")))));
      m.put("stateText", I18n.text(lang, "state." + st.getString("state"), st.getInteger("position") == null ? "" : st.getInteger("position")));
      pages.render(ctx, 200, "status.ftl", m).onFailure(ctx::fail);
    }).onFailure(e -> busFailure(ctx, e)));
  }

  private void statusAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    if (!List.of("signoff", "accept", "decline").contains(action)) {
      Problems.send(ctx, 404, "error.not-found", null);
      return;
    }
    withSecret(ctx, s -> request(Bus.SIGNUP_CHANGE, new JsonObject().put("secret", s).put("action", action))
      .onSuccess(r -> seeOther(ctx, "/status/" + s))
      .onFailure(e -> busFailure(ctx, e)));
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** To the signup instance serving the course's partition; to any instance when that one is gone. */
  private Future<JsonObject> submit(SignupRequest r) {
    JsonObject body = r.toJson();
    return request(Bus.signupPartition(r.courseId(), partitions), body).recover(e ->
      e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS ? request(Bus.SIGNUP_SUBMIT, body) : Future.failedFuture(e));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, BUS).map(io.vertx.core.eventbus.Message::body);
  }

  private static void withSecret(RoutingContext ctx, java.util.function.Consumer<String> then) {
    String secret = ctx.pathParam("secret");
    if (secret == null || !SECRET.matcher(secret).matches()) {
      Problems.send(ctx, 404, "signup.error.unknown-secret", null);
      return;
    }
    then.accept(secret);
  }

  /** A refusal from the signup verticle becomes its 4xx; anything else a 503 the client may retry. */
  static void busFailure(RoutingContext ctx, Throwable e) {
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() >= 400 && re.failureCode() < 600) {
      if (re.failureCode() == 503) ctx.response().putHeader("Retry-After", "2");
      String lang = Pages.lang(ctx);
      Problems.send(ctx, re.failureCode(), BusFailure.messageKey(re), BusFailure.field(re), formatArgs(lang, BusFailure.args(re)));
      return;
    }
    ctx.response().putHeader("Retry-After", "2");
    Problems.send(ctx, 503, "error.unavailable", null);
  }

  /** Instants among message arguments are shown as local date and time. */
  private static Object[] formatArgs(String lang, Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      String a = String.valueOf(args[i]);
      try {
        out[i] = a.length() > 15 && a.endsWith("Z") ? I18n.dateTime(lang, Instant.parse(a)) : a;
      } catch (RuntimeException e) {
        out[i] = a;
      }
    }
    return out;
  }

  private static List<Map<String, Object>> named(JsonArray items, String lang) {
    return items.stream().map(o -> {
      JsonObject j = ((JsonObject) o).copy();
      j.put("label", j.getJsonObject("name").getString(lang));
      j.remove("name");
      return j.getMap();
    }).toList();
  }

  private static long parseId(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** After a form POST: 303, so reload and back never send the form again. */
  private static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
