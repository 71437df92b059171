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
import org.opensignup.bus.SeatCommand;
import org.opensignup.signup.Catalogue;
import org.opensignup.signup.Fees;
import org.opensignup.signup.MySignups;
import org.opensignup.signup.ReferenceQuery;
import org.opensignup.signup.SignupRequest;

import java.time.Instant;
import java.util.ArrayList;
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

  /** The hidden field of every applicant form that carries its {@link FormTokens} token. */
  static final String TOKEN_FIELD = "formToken";

  private final FormTokens tokens;

  private final MySignups mySignups;

  SignupRoutes(Vertx vertx, Catalogue catalogue, ReferenceQuery reference, Pages pages, String publicUrl, FormTokens tokens,
               MySignups mySignups) {
    this.tokens = tokens;
    this.mySignups = mySignups;
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.reference = reference;
    this.pages = pages;
    this.publicUrl = publicUrl;
  }

  private org.opensignup.signup.ApplicantSettings applicantSettings;

  /** Where the placement test is taken: a gated course's form links there. */
  SignupRoutes withApplicantSettings(org.opensignup.signup.ApplicantSettings settings) {
    this.applicantSettings = settings;
    return this;
  }

  /** Refusals that a placement test result would lift: the form then points to the test. */
  private static final java.util.Set<String> PLACEMENT_REFUSALS =
    java.util.Set.of("signup.error.no-rating", "signup.error.rating-needs-tag", "signup.error.rating-out-of-bounds");

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
    // before /signup/:courseId, which would take "mine" for a course
    router.get(MINE).handler(ctx -> renderMine(ctx, 200, "", false));
    router.post(MINE).handler(this::mineSubmit);
    router.get(MINE + "/list").handler(this::mineList);
    router.get("/signup/:courseId").handler(this::formPage);
    router.post("/signup/:courseId").handler(this::formSubmit);
    router.get("/status/:secret").handler(this::statusPage);
    router.get("/status/:secret/signoff").handler(this::signoffPage);
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
    withSecret(ctx, s -> change(s, action)
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

  /** The form's fields in page order: the error summary lists problems in this order. */
  private static final List<String> FIELDS = List.of("firstName", "lastName", "mail", "mailRepeat", "originId", "tag",
    "degreeId", "semester", "graduationId", "pretermToken");

  private void formPage(RoutingContext ctx) {
    Applicant applicant = Applicant.of(ctx.session());
    renderForm(ctx, 200, applicant == null ? Map.of() : identityFields(applicant), Map.of(), false);
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

  private void renderForm(RoutingContext ctx, int status, Map<String, String> values, Map<String, String> errors, boolean expired) {
    renderForm(ctx, status, values, errors, expired, false);
  }

  /** The course from the catalogue; a miss reads it once more, so a course created a moment ago is found. */
  private Future<CatalogueRoutes.Entry> findCourse(long courseId) {
    return catalogue.current().compose(c -> {
      CatalogueRoutes.Entry found = CatalogueRoutes.find(c, courseId);
      return found != null ? Future.succeededFuture(found) : catalogue.reread(200).map(again -> CatalogueRoutes.find(again, courseId));
    });
  }

  private void renderForm(RoutingContext ctx, int status, Map<String, String> values, Map<String, String> errors, boolean expired,
                          boolean placementRefused) {
    long courseId = parseId(ctx.pathParam("courseId"));
    String lang = Pages.lang(ctx);
    Future.all(findCourse(courseId), reference.current()).onSuccess(all -> {
      JsonObject ref = all.resultAt(1);
      CatalogueRoutes.Entry found = all.resultAt(0);
      if (found == null) {
        Problems.send(ctx, 404, "signup.error.unknown-course", null);
        return;
      }
      JsonObject course = found.course();
      Map<String, Object> m = new HashMap<>(CatalogueRoutes.phaseModel(found.language(), lang));
      m.put("course", CatalogueRoutes.courseModel(course, found.language(), lang));
      m.put("languageName", found.language().getJsonObject("name").getString(lang));
      int price = course.getInteger("priceCents");
      List<Map<String, Object>> origins = named(ref.getJsonArray("origins"), lang);
      origins.forEach(o -> o.put("feeText", feeText(lang, price, new JsonObject(o))));
      m.put("origins", origins);
      m.put("degrees", named(ref.getJsonArray("degrees"), lang));
      m.put("graduations", named(ref.getJsonArray("graduations"), lang));
      JsonObject chosen = origin(ref, values.get("originId"));
      m.put("courseFeeText", I18n.text(lang, "signup.fee.course", Money.format(price, lang)));
      m.put("feeText", chosen == null ? m.get("courseFeeText") : feeText(lang, price, chosen));
      // student-only fields stay visible until an origin that does not need them is chosen
      m.put("showTag", chosen == null || needsTag(chosen));
      m.put("showDegree", chosen == null || chosen.getBoolean("requiresDegree"));
      m.put("intro", I18n.text(lang, "signup.intro", course.getString("name") + " (" + m.get("languageName") + ")"));
      // a course that needs a placement result says so up front, with the way to the test
      boolean gated = course.getBoolean("ratingGated", false);
      m.put("placementText", gated ? I18n.text(lang, "signup.placement.needed", course.getInteger("ratingLowest", 0),
        course.getInteger("ratingHighest", 100)) : "");
      m.put("placementUrl", gated && applicantSettings != null ? applicantSettings.placementTestUrl(lang) : "");
      m.put("placementRefused", placementRefused);
      m.put("values", values);
      m.put("errors", errors);
      List<Map<String, String>> errorList = new ArrayList<>();
      for (String f : FIELDS) {
        if (errors.containsKey(f)) errorList.add(Map.of("field", f, "label", I18n.text(lang, "signup." + f), "text", errors.get(f)));
      }
      m.put("errorList", errorList);
      m.put("expired", expired);
      m.put("title", errors.isEmpty() ? I18n.text(lang, "signup.title")
        : I18n.text(lang, "signup.title.errors", errors.size(), I18n.text(lang, "signup.title")));
      Applicant applicant = Applicant.of(ctx.session());
      m.put("loginEnabled", loginEnabled);
      m.put("loggedInAs", applicant == null ? "" : applicant.displayName());
      m.put("locked", applicant == null ? Map.of() : identityFields(applicant));
      m.put("returnPath", "/signup/" + courseId);
      m.put("formToken", tokens.issue("/signup/" + courseId, Instant.now()));
      pages.render(ctx, status, "signup.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private static boolean needsTag(JsonObject origin) {
    return origin.getBoolean("internal") || origin.getBoolean("validatesRegistration");
  }

  private static JsonObject origin(JsonObject ref, String id) {
    long wanted = parseId(id);
    for (Object o : ref.getJsonArray("origins")) {
      if (((JsonObject) o).getLong("id") == wanted) return (JsonObject) o;
    }
    return null;
  }

  /** What this course costs someone of this origin, as the allocator will compute it. */
  private static String feeText(String lang, int priceCents, JsonObject origin) {
    int discount = origin.getInteger("discountPercent", 0);
    String usual = Money.format(Fees.of(priceCents, false, false, discount, false).cents(), lang);
    if (priceCents > 0 && origin.getBoolean("firstCourseFree", false)) return I18n.text(lang, "signup.fee.first-free", usual);
    return I18n.text(lang, "signup.fee.amount", usual);
  }

  private void formSubmit(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    // a logged-in applicant's identity comes from the session, whatever the form says
    Applicant applicant = Applicant.of(ctx.session());
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().formAttributes());
    FormTokens.Check token = tokens.check(form.get(TOKEN_FIELD), "/signup/" + ctx.pathParam("courseId"), Instant.now());
    if (token == FormTokens.Check.INVALID) {
      Problems.send(ctx, 403, "error.csrf", null);
      return;
    }
    if (applicant != null) identityFields(applicant).forEach(form::set);
    Map<String, String> values = new HashMap<>();
    for (String f : FIELDS) {
      String v = form.get(f);
      values.put(f, v == null ? "" : v);
    }
    if (token == FormTokens.Check.EXPIRED) {
      // nothing is sent: the person sees the form again as typed, with a fresh token
      renderForm(ctx, 200, values, Map.of(), true);
      return;
    }
    SignupRequest.Parsed parsed = SignupRequest.fromForm(form, ctx.pathParam("courseId"), lang);
    reference.current().onFailure(ctx::fail).onSuccess(ref -> {
      Map<String, String> errors = new HashMap<>();
      parsed.errors().forEach(e -> errors.put(e.field(), I18n.text(lang, e.messageKey())));
      missingAtTheDoor(form, origin(ref, form.get("originId"))).forEach(f -> errors.putIfAbsent(f, I18n.text(lang, "signup.error.required")));
      if (!errors.isEmpty()) {
        renderForm(ctx, 422, values, errors, false);
        return;
      }
      SignupRequest r = parsed.request();
      SignupRequest request = applicant == null ? r : r.asInternal(r.mail(), r.firstName(), r.lastName(), r.tag(), applicant.attributes());
      submit(request)
        .onSuccess(reply -> seeOther(ctx, "/status/" + reply.getString("secret") + "?new=1"))
        .onFailure(e -> {
          if (e instanceof ReplyException re && re.failureCode() < 500 && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            String field = BusFailure.field(re);
            String text = I18n.text(lang, BusFailure.messageKey(re), formatArgs(lang, BusFailure.args(re)));
            renderForm(ctx, re.failureCode(), values, Map.of(field == null || !FIELDS.contains(field) ? "_form" : field, text), false,
              PLACEMENT_REFUSALS.contains(BusFailure.messageKey(re)));
          } else {
            busFailure(ctx, e);
          }
        });
    });
  }

  /**
   * Required fields the request parser leaves to the signup verticle, which would name them one per
   * round: checked here too, so one submit shows every missing field.
   */
  private static List<String> missingAtTheDoor(io.vertx.core.MultiMap form, JsonObject origin) {
    List<String> missing = new ArrayList<>();
    for (String f : List.of("mailRepeat", "originId")) if (blank(form.get(f))) missing.add(f);
    if (origin != null && needsTag(origin) && blank(form.get("tag"))) missing.add("tag");
    if (origin != null && origin.getBoolean("requiresDegree")) {
      for (String f : List.of("degreeId", "semester")) if (blank(form.get(f))) missing.add(f);
    }
    return missing;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private void statusPage(RoutingContext ctx) {
    renderStatus(ctx, "status.ftl", "");
  }

  /** The sign-off's own step: says what will happen; only its button signs off. */
  private void signoffPage(RoutingContext ctx) {
    renderStatus(ctx, "signoff.ftl", "");
  }

  private void renderStatus(RoutingContext ctx, String template, String notice) {
    withSecret(ctx, s -> Future.all(request(Bus.SIGNUP_STATUS, new JsonObject().put("secret", s)), catalogue.current()).onSuccess(all -> {
      JsonObject st = all.resultAt(0);
      String lang = Pages.lang(ctx);
      Map<String, Object> m = new HashMap<>(st.getMap());
      JsonObject courseJson = st.getJsonObject("course");
      CatalogueRoutes.Entry entry = CatalogueRoutes.find(all.resultAt(1), courseJson.getLong("id"));
      Map<String, Object> course = new HashMap<>(courseJson.getMap());
      if (entry != null) course.putAll(CatalogueRoutes.courseModel(entry.course(), entry.language(), lang));
      m.put("course", course);
      m.put("languageName", courseJson.getJsonObject("language").getString(lang));
      m.put("fee", Money.format(st.getInteger("feeCents"), lang));
      m.put("discountPending", st.getBoolean("discountPending", false));
      m.put("isNew", "1".equals(ctx.request().getParam("new")));
      m.put("done", "signoff".equals(ctx.request().getParam("done")) && "cancelled".equals(st.getString("state")));
      m.put("notice", notice);
      m.put("signOffLine", st.getString("signOffUntil") == null ? ""
        : I18n.text(lang, "status.signoff.until", I18n.when(lang, Instant.parse(st.getString("signOffUntil")))));
      m.put("offerLine", st.getString("offerExpiresAt") == null ? ""
        : I18n.text(lang, "status.offer.until", I18n.when(lang, Instant.parse(st.getString("offerExpiresAt")))));
      m.put("stateText", Outcomes.text(st, entry, lang));
      m.put("signoffWhat", I18n.text(lang, "waiting".equals(st.getString("state")) || "pool".equals(st.getString("state"))
        ? "status.signoff.what.application" : "status.signoff.what.seat"));
      Instant now = Instant.now();
      for (String action : List.of("signoff", "accept", "decline")) m.put(action + "Token", tokens.issue("/status/" + s + "/" + action, now));
      pages.render(ctx, 200, template, m).onFailure(ctx::fail);
    }).onFailure(e -> busFailure(ctx, e)));
  }

  private void statusAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    if (!List.of("signoff", "accept", "decline").contains(action)) {
      Problems.send(ctx, 404, "error.not-found", null);
      return;
    }
    withSecret(ctx, s -> {
      FormTokens.Check token = tokens.check(ctx.request().getFormAttribute(TOKEN_FIELD), "/status/" + s + "/" + action, Instant.now());
      if (token == FormTokens.Check.INVALID) {
        Problems.send(ctx, 403, "error.csrf", null);
        return;
      }
      if (token == FormTokens.Check.EXPIRED) {
        String lang = Pages.lang(ctx);
        renderStatus(ctx, "signoff".equals(action) ? "signoff.ftl" : "status.ftl", I18n.text(lang, "form.expired"));
        return;
      }
      change(s, action)
        .onSuccess(r -> seeOther(ctx, "/status/" + s + ("signoff".equals(action) ? "?done=signoff" : "")))
        .onFailure(e -> busFailure(ctx, e));
    });
  }

  // --- my signups -------------------------------------------------------------------------------

  private static final String MINE = "/signup/mine";
  private static final Pattern MAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** Binds a list link to its address: the token is over the normalised address. */
  private static String mineTarget(String mail) {
    return "mine:" + org.opensignup.mail.MailKey.of(mail);
  }

  private void renderMine(RoutingContext ctx, int status, String mail, boolean sent) {
    String lang = Pages.lang(ctx);
    Map<String, Object> m = new HashMap<>();
    m.put("mail", mail);
    m.put("sent", sent);
    m.put("error", status == 422 ? I18n.text(lang, "signup.error.mail-invalid") : "");
    m.put("formToken", tokens.issue(MINE, Instant.now()));
    pages.render(ctx, status, "mine.ftl", m).onFailure(ctx::fail);
  }

  private void mineSubmit(RoutingContext ctx) {
    FormTokens.Check token = tokens.check(ctx.request().getFormAttribute(TOKEN_FIELD), MINE, Instant.now());
    if (token == FormTokens.Check.INVALID) {
      Problems.send(ctx, 403, "error.csrf", null);
      return;
    }
    String mail = ctx.request().getFormAttribute("mail");
    mail = mail == null ? "" : mail.strip();
    if (token == FormTokens.Check.EXPIRED) {
      renderMine(ctx, 200, mail, false);
      return;
    }
    if (mail.length() > SignupRequest.MAX_MAIL || !MAIL.matcher(mail).matches()) {
      renderMine(ctx, 422, mail, false);
      return;
    }
    String link = publicUrl + MINE + "/list?m=" + java.net.URLEncoder.encode(mail, java.nio.charset.StandardCharsets.UTF_8)
      + "&t=" + tokens.issue(mineTarget(mail), Instant.now());
    String shown = mail;
    // the same answer whether or not the address has signed up: the page reveals nothing
    mySignups.sendLink(mail, Pages.lang(ctx), link).onSuccess(x -> renderMine(ctx, 200, shown, true)).onFailure(ctx::fail);
  }

  private void mineList(RoutingContext ctx) {
    String mail = ctx.request().getParam("m");
    if (mail == null || tokens.check(ctx.request().getParam("t"), mineTarget(mail), Instant.now()) != FormTokens.Check.VALID) {
      Problems.send(ctx, 403, "mine.link-invalid", null);
      return;
    }
    String lang = Pages.lang(ctx);
    mySignups.list(mail).onSuccess(list -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Object o : list) {
        JsonObject j = (JsonObject) o;
        Map<String, Object> r = new HashMap<>();
        r.put("secret", j.getString("secret"));
        r.put("state", j.getString("state"));
        r.put("stateText", I18n.text(lang, "admin.state." + j.getString("state")));
        r.put("course", j.getJsonObject("course").getString("name") + " (" + j.getJsonObject("course").getJsonObject("language").getString(lang) + ")");
        r.put("registeredAt", I18n.when(lang, Instant.parse(j.getString("registeredAt"))));
        rows.add(r);
      }
      pages.render(ctx, 200, "mine-list.ftl", Map.of("mail", mail, "signups", rows)).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** To the signup instance serving the course's partition; to any instance when that one is gone. */
  private Future<JsonObject> submit(SignupRequest r) {
    JsonObject body = r.toJson();
    return request(Bus.signupPartition(r.courseId(), partitions), body).recover(e ->
      e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS ? request(Bus.SIGNUP_SUBMIT, body) : Future.failedFuture(e));
  }

  /** The status page's actions are seat commands like every other seat change; the answer is the new state. */
  private Future<JsonObject> change(String secret, String action) {
    SeatCommand cmd = switch (action) {
      case "signoff" -> new SeatCommand.SignOff(secret);
      case "accept" -> new SeatCommand.Accept(secret);
      case "decline" -> new SeatCommand.Decline(secret);
      default -> throw new IllegalArgumentException("unknown action " + action);
    };
    return request(Bus.SEAT_COMMAND, cmd.toJson()).map(r -> new JsonObject().put("state", r.getString("state")));
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
        out[i] = a.length() > 15 && a.endsWith("Z") ? I18n.when(lang, Instant.parse(a)) : a;
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
      return (Map<String, Object>) new HashMap<>(j.getMap());
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
