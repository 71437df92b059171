package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.ExportJobs;
import org.opensignup.admin.ExportsStore;
import org.opensignup.admin.ExportsTable;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;
import org.opensignup.bus.Bus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Background exports: a whole language (the courses of it this person manages; for the PDF zip, the
 * ones they may read) or a whole semester (superusers; semesterId, by default the current one) as
 * CSV, XLSX or a zip of course lists.
 * Started by the form on /admin/exports or {@code POST /api/admin/exports}; followed on
 * /admin/exports/{id} (polling {@code GET /api/admin/exports/{id}}); downloaded by the requester or a
 * superuser until it expires (then 410).
 */
final class ExportJobRoutes {
  private static final String ID = "(?<id>[0-9]{1,18})";

  private final Vertx vertx;
  private final ExportJobs jobs;
  private final ExportsStore exports;
  private final AdminStore admin;
  private final Pages pages;

  private ExportJobRoutes(Vertx vertx, Pool pool, Pages pages) {
    this.vertx = vertx;
    this.jobs = new ExportJobs(pool);
    this.exports = new ExportsStore(pool);
    this.admin = new AdminStore(pool);
    this.pages = pages;
  }

  /** The pages, behind the staff door (from {@link StaffPart2#mount}). */
  static void mountPages(Router router, Vertx vertx, Pool pool, Pages pages) {
    ExportJobRoutes r = new ExportJobRoutes(vertx, pool, pages);
    router.post("/admin/exports/jobs").handler(r::startFromForm);
    router.getWithRegex("/admin/exports/" + ID).handler(r::page);
    router.getWithRegex("/admin/exports/" + ID + "/file").handler(r::file);
  }

  /** The API twins, after the /api/admin door (bearer token, or session with the CSRF header). */
  static void mountApi(Router router, Vertx vertx, Pool pool) {
    ExportJobRoutes r = new ExportJobRoutes(vertx, pool, null);
    router.post("/api/admin/exports").handler(r::startFromJson);
    router.getWithRegex("/api/admin/exports/" + ID).handler(r::status);
    router.getWithRegex("/api/admin/exports/" + ID + "/file").handler(r::file);
  }

  private void startFromJson(RoutingContext ctx) {
    JsonObject in = AdminApiRoutes.body(ctx);
    if (in == null) return;
    startChecked(ctx, in).onSuccess(job -> {
      String location = "/api/admin/exports/" + job.id();
      ctx.response().setStatusCode(202).putHeader("Location", location).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(json(job).encode());
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void startFromForm(RoutingContext ctx) {
    // the form's fields (merged into the parameters by the body handler)
    var form = ctx.request().params();
    JsonObject in = new JsonObject().put("scope", form.get("scope")).put("format", form.get("format"))
      .put("columns", new JsonArray(form.getAll("column")));
    for (String key : List.of("languageId", "semesterId")) {
      String v = form.get(key);
      if (v != null && !v.isBlank()) in.put(key, v);
    }
    startChecked(ctx, in)
      .onSuccess(job -> AdminAccess.seeOther(ctx, "/admin/exports/" + job.id()))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private Future<ExportJobs.Job> startChecked(RoutingContext ctx, JsonObject in) {
    try {
      return start(ctx, in);
    } catch (Refusal r) {
      return Future.failedFuture(r);
    }
  }

  /** Checks the request and this person's rights, resolves the courses, queues the job and wakes a worker. */
  private Future<ExportJobs.Job> start(RoutingContext ctx, JsonObject in) {
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    String scope = text(in, "scope");
    String format = text(in, "format");
    if (scope == null || !ExportJobs.SCOPES.contains(scope)) throw new Refusal(422, "export.job.error.scope", "scope");
    if (format == null || !ExportJobs.FORMATS.contains(format)) throw new Refusal(422, "export.job.error.format", "format");
    List<String> columns = List.of();
    if (!"zip".equals(format)) {
      Object raw = in.getValue("columns");
      if (!(raw instanceof JsonArray arr) || arr.isEmpty() || !arr.stream().allMatch(c -> c instanceof String s && ExportsTable.COLUMNS.contains(s))) {
        throw new Refusal(422, "export.error.columns", "columns");
      }
      columns = arr.stream().map(String::valueOf).distinct().toList();
    }
    boolean pdf = "zip".equals(format);
    // what the job covers: its courses, and the language or semester they were chosen by (the file is named after it)
    Future<JsonObject> covered;
    if ("semester".equals(scope)) {
      if (!staff.superuser()) throw new Refusal(403, "admin.error.forbidden", "scope");
      String semester = text(in, "semesterId");
      Long semesterId = semester == null || semester.isBlank() ? null : AdminAccess.id(semester);
      if (semesterId != null && semesterId < 0) throw new Refusal(422, "export.job.error.semester", "semesterId");
      covered = jobs.semesterCourses(semesterId).compose(found -> found == null
        ? Future.failedFuture(new Refusal(404, "export.job.error.semester", "semesterId"))
        : Future.succeededFuture(new JsonObject().put("courseIds", new JsonArray(found.courseIds())).put("semesterId", found.semesterId())));
    } else {
      long languageId = AdminAccess.id(text(in, "languageId"));
      if (languageId < 0) throw new Refusal(422, "export.job.error.language", "languageId");
      covered = exports.languageCourses(languageId).compose(all -> {
        if (all.isEmpty()) return Future.failedFuture(new Refusal(404, "export.job.error.language", "languageId"));
        List<Long> mine = all.stream().filter(id -> pdf ? staff.canRead(id) : staff.canManage(id)).toList();
        return mine.isEmpty() ? Future.failedFuture(new Refusal(403, "admin.error.forbidden", "languageId"))
          : Future.succeededFuture(new JsonObject().put("courseIds", new JsonArray(mine)).put("languageId", languageId));
      });
    }
    List<String> cols = columns;
    return covered.compose(what -> {
      JsonObject params = what.put("format", format).put("columns", new JsonArray(cols)).put("lang", lang);
      return jobs.create(staff.subject(), scope, params, texts(lang))
        .compose(id -> admin.audit(staff.subject(), "export.job", "export_job", id, params.copy().put("scope", scope)).map(id));
    }).compose(id -> {
      vertx.eventBus().publish(Bus.EXPORT_WAKEUP, null);
      return jobs.find(id);
    });
  }

  /** The labels a job needs, in the requester's language, stored with it (the worker has no pages). */
  private static JsonObject texts(String lang) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, String> e : I18n.messages(lang).entrySet()) {
      if (ExportJobs.TEXT_PREFIXES.stream().anyMatch(e.getKey()::startsWith)) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static String text(JsonObject in, String key) {
    Object v = in.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  /** The job when this person may see it; otherwise a refusal (404 unknown, 403 someone else's). */
  private Future<ExportJobs.Job> visible(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    return jobs.find(id).compose(job -> {
      if (job == null) return Future.failedFuture(new Refusal(404, "export.job.error.unknown", null));
      if (!job.visibleTo(AdminAccess.staff(ctx))) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", null));
      return Future.succeededFuture(job);
    });
  }

  private void status(RoutingContext ctx) {
    visible(ctx).onSuccess(job -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
      .end(json(job).encode())).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void page(RoutingContext ctx) {
    visible(ctx).compose(job -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("job", model(job, Pages.lang(ctx)));
      return pages.render(ctx, 200, "admin/export-job.ftl", m);
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void file(RoutingContext ctx) {
    visible(ctx).compose(job -> {
      if (job.expired() || ("done".equals(job.state()) && !job.hasFile())) {
        return Future.failedFuture(new Refusal(410, "export.job.error.gone", null));
      }
      if (!"done".equals(job.state())) return Future.failedFuture(new Refusal(409, "export.job.error.not-ready", null));
      return jobs.file(job.id()).compose(f -> f == null ? Future.failedFuture(new Refusal(410, "export.job.error.gone", null)) : Future.succeededFuture(f));
    }).onSuccess(f -> ctx.response().putHeader("Content-Type", f.contentType())
      .putHeader("Content-Disposition", "attachment; filename=\"" + f.name() + "\"")
      .putHeader("Cache-Control", "no-store")
      .end(f.bytes())).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  static JsonObject json(ExportJobs.Job job) {
    JsonObject o = new JsonObject().put("id", job.id()).put("scope", job.scope()).put("format", job.format())
      .put("languageId", job.params().getLong("languageId")).put("columns", job.params().getJsonArray("columns"))
      .put("state", job.state()).put("progress", job.progress()).put("rows", job.rows())
      .put("createdAt", iso(job.createdAt())).put("finishedAt", iso(job.finishedAt())).put("expiresAt", iso(job.expiresAt()))
      .put("page", "/admin/exports/" + job.id());
    if (job.error() != null) o.put("error", job.error());
    if (job.downloadable()) o.put("file", "/api/admin/exports/" + job.id() + "/file");
    return o;
  }

  private static Map<String, Object> model(ExportJobs.Job job, String lang) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("id", job.id());
    m.put("format", job.format().toUpperCase(java.util.Locale.ROOT));
    m.put("scope", job.scope());
    m.put("state", job.state());
    m.put("progress", job.progress());
    m.put("rows", job.rows());
    m.put("error", job.error() == null ? "" : job.error());
    m.put("downloadable", job.downloadable());
    m.put("gone", job.expired());
    m.put("createdAt", I18n.dateTime(lang, job.createdAt().toInstant()));
    m.put("expiresAt", job.expiresAt() == null ? "" : I18n.dateTime(lang, job.expiresAt().toInstant()));
    return m;
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
