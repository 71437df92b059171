package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import org.opensignup.admin.AdminStore;
import org.opensignup.bus.Bus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Superusers: harvest sources, run history, "run now", and uploading a file for an upload source. */
final class AdminHarvestRoutes {
  static final String UPLOAD_PATH = "/admin/harvest/upload";
  /** The upload's CSRF token travels in this header or query parameter: the body is read only after the check. */
  static final String CSRF_PARAM = "X-XSRF-TOKEN";
  /** Where the body handler writes an upload while it arrives; per process, so that processes never share files. */
  static final Path UPLOAD_DIR = Path.of(System.getProperty("java.io.tmpdir"), "opensignup-uploads-" + ProcessHandle.current().pid());
  /** An import may take a while (a large file, a slow source): longer than the usual bus timeout. */
  private static final DeliveryOptions RUN = new DeliveryOptions().setSendTimeout(300_000);

  private final Vertx vertx;
  private final AdminStore store;
  private final Pages pages;
  /** Largest uploaded file (harvest.max-bytes), the same cap as for fetched sources. */
  private final long maxBytes;

  AdminHarvestRoutes(Vertx vertx, AdminStore store, Pages pages, long maxBytes) {
    this.vertx = vertx;
    this.store = store;
    this.pages = pages;
    this.maxBytes = maxBytes;
  }

  /**
   * POST /admin/harvest/upload, whole: the request is paused, then session, CSRF (token from the
   * header or the query, as a multipart body cannot be read yet), login and superuser role are
   * checked, and only then does the body handler write the file (to a temporary directory, deleted
   * when the request ends). A refusal answers without reading the body.
   */
  void mountUpload(Router router, SessionHandler sessions, CSRFHandler csrf, AdminAccess access) {
    BodyHandler body = BodyHandler.create(UPLOAD_DIR.toString())
      .setHandleFileUploads(true).setDeleteUploadedFilesOnEnd(true).setBodyLimit(maxBytes + 64 * 1024);
    // one route per step: Vert.x Web orders handler kinds within a route (body before CSRF), not across routes
    router.post(UPLOAD_PATH).handler(AdminHarvestRoutes::pause);
    router.post(UPLOAD_PATH).handler(sessions);
    router.post(UPLOAD_PATH).handler(ctx -> {
      // the session handler resumes the request once the session is loaded: hold the body back again
      ctx.request().pause();
      if (ctx.user() == null) {
        Problems.send(ctx, 401, "admin.error.login-required", null);
        return;
      }
      String token = ctx.request().getParam(CSRF_PARAM);
      if (ctx.request().getHeader(CSRF_PARAM) == null) {
        // without a token the CSRF handler would want the body (a form field): refuse now instead
        if (token == null || token.isBlank()) {
          Problems.send(ctx, 403, "error.csrf", null);
          return;
        }
        // the CSRF handler reads the header; the page's form can only put the token into the URL
        ctx.request().headers().set(CSRF_PARAM, token);
      }
      ctx.next();
    });
    router.post(UPLOAD_PATH).handler(csrf);
    router.post(UPLOAD_PATH).handler(AdminHarvestRoutes::pause);
    router.post(UPLOAD_PATH).handler(access::handle).handler(ctx -> {
      if (AdminAccess.superuserOnly(ctx)) ctx.next();
    });
    router.post(UPLOAD_PATH).handler(body);
    router.post(UPLOAD_PATH).handler(this::upload);
  }

  private static void pause(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  void mount(Router router) {
    router.get("/admin/harvest").handler(this::page);
    router.post("/admin/harvest/run").handler(this::runNow);
  }

  private void page(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String lang = Pages.lang(ctx);
    Future<JsonObject> status = ask(Bus.HARVEST_STATUS, new JsonObject(), AdminRoutes.BUS);
    Future<JsonObject> runs = ask(Bus.HARVEST_RUNS, new JsonObject().put("limit", 100), AdminRoutes.BUS);
    Future.all(status, runs).onSuccess(all -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      JsonObject st = all.resultAt(0);
      JsonObject rs = all.resultAt(1);
      List<Map<String, Object>> sources = new ArrayList<>();
      for (Object o : st == null ? new JsonArray() : st.getJsonArray("sources", new JsonArray())) {
        JsonObject s = (JsonObject) o;
        Map<String, Object> row = new HashMap<>();
        row.put("name", s.getString("name", ""));
        row.put("kind", s.getString("kind", ""));
        row.put("fetched", s.getBoolean("fetched", false));
        row.put("schedule", s.getString("schedule", ""));
        row.put("lastStatus", s.getString("lastStatus", "never"));
        row.put("running", s.getBoolean("running", false));
        sources.add(row);
      }
      List<Map<String, Object>> history = new ArrayList<>();
      for (Object o : rs == null ? new JsonArray() : rs.getJsonArray("runs", new JsonArray())) {
        JsonObject r = (JsonObject) o;
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.getLong("id", 0L));
        row.put("source", r.getString("source", ""));
        row.put("status", r.getString("status", ""));
        row.put("startedAt", AdminRoutes.when(lang, r.getString("startedAt")));
        row.put("finishedAt", AdminRoutes.when(lang, r.getString("finishedAt")));
        for (String k : List.of("rowsRead", "inserted", "updated", "removed")) row.put(k, r.getInteger(k, 0));
        row.put("error", r.getString("error", ""));
        history.add(row);
      }
      m.put("harvestKnown", st != null);
      m.put("sources", sources);
      m.put("runs", history);
      String done = ctx.request().getParam("run");
      if (done != null) m.put("notice", I18n.text(lang, "admin.harvest.done", done));
      pages.render(ctx, 200, "admin/harvest.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void runNow(RoutingContext ctx) {
    if (!AdminAccess.superuserOnly(ctx)) return;
    String source = ctx.request().getFormAttribute("source");
    if (source == null || source.isBlank()) {
      Problems.send(ctx, 422, "harvest.unknownSource", "source");
      return;
    }
    run(ctx, "harvest.run-now", Bus.HARVEST_RUN_NOW, new JsonObject().put("source", source));
  }

  private void upload(RoutingContext ctx) {
    String source = ctx.request().getFormAttribute("source");
    List<FileUpload> files = ctx.fileUploads();
    if (source == null || source.isBlank()) {
      Problems.send(ctx, 422, "harvest.unknownSource", "source");
      return;
    }
    if (files.isEmpty() || files.get(0).size() == 0) {
      Problems.send(ctx, 422, "harvest.emptyUpload", "content");
      return;
    }
    FileUpload file = files.get(0);
    if (file.size() > maxBytes) {
      Problems.send(ctx, 413, "harvest.tooLarge", "content", maxBytes);
      return;
    }
    String format = formatOf(file.fileName());
    vertx.fileSystem().readFile(file.uploadedFileName())
      .compose(buffer -> vertx.executeBlocking(() -> Base64.getEncoder().encodeToString(buffer.getBytes()), false))
      .onSuccess(content -> {
        JsonObject request = new JsonObject().put("source", source).put("content", content);
        if (format != null) request.put("format", format);
        run(ctx, "harvest.upload", Bus.HARVEST_UPLOAD, request);
      })
      .onFailure(e -> Problems.send(ctx, 400, "harvest.badUpload", "content"));
  }

  /** The format by the file's name when it says; otherwise the source's own format applies. */
  static String formatOf(String fileName) {
    String n = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".json") ? "json" : n.endsWith(".csv") || n.endsWith(".txt") ? "csv" : null;
  }

  /** Asks the harvest verticle, writes the audit row, then shows the history with the run on top. */
  private void run(RoutingContext ctx, String action, String address, JsonObject request) {
    String actor = AdminAccess.staff(ctx).subject();
    vertx.eventBus().<JsonObject>request(address, request, RUN).map(Message::body).compose(reply ->
        store.audit(actor, action, "harvest_run", reply.getLong("runId"), new JsonObject().put("source", request.getString("source"))
          .put("status", reply.getString("status")).put("error", reply.getString("error"))).map(v -> reply))
      .onSuccess(reply -> {
        if (Problems.wantsJson(ctx)) {
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(reply.encode());
        } else {
          AdminAccess.seeOther(ctx, "/admin/harvest?run=" + reply.getLong("runId", 0L));
        }
      })
      .onFailure(e -> SignupRoutes.busFailure(ctx, e));
  }

  private Future<JsonObject> ask(String address, JsonObject body, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(address, body, options).map(Message::body).otherwiseEmpty();
  }
}
