package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.Documents;
import org.opensignup.admin.ExportsStore;
import org.opensignup.admin.ExportsTable;
import org.opensignup.admin.MassMailStore;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports with chosen columns per course, per language or for the whole semester (superusers), as CSV
 * or XLSX, and the grade file for the campus system. Course admins export the courses they manage.
 */
final class ExportsRoutes {
  private final Vertx vertx;
  private final ExportsStore store;
  private final MassMailStore targets;
  private final AdminStore admin;
  private final Pages pages;

  ExportsRoutes(Vertx vertx, ExportsStore store, MassMailStore targets, AdminStore admin, Pages pages) {
    this.vertx = vertx;
    this.store = store;
    this.targets = targets;
    this.admin = admin;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/exports").handler(this::page);
    router.get("/admin/exports/file").handler(ctx -> export(ctx, false));
    router.get("/admin/exports/grades.csv").handler(ctx -> export(ctx, true));
  }

  private void page(RoutingContext ctx) {
    Staff staff = AdminAccess.staff(ctx);
    if (!staff.managesAny()) {
      Problems.send(ctx, 403, "admin.error.forbidden", null);
      return;
    }
    targets.targets(staff, Pages.lang(ctx)).onSuccess(languages -> {
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("languages", languages);
      m.put("columns", ExportsTable.COLUMNS);
      m.put("defaults", ExportsTable.DEFAULT);
      pages.render(ctx, 200, "admin/exports.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx, boolean grades) {
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    Documents.Texts t = DocumentsRoutes.texts(lang);
    String format = grades ? "csv" : ctx.request().getParam("format", "csv");
    if (!format.equals("csv") && !format.equals("xlsx")) {
      Problems.send(ctx, 422, "export.error.format", "format");
      return;
    }
    List<String> columns = new ArrayList<>(grades ? ExportsTable.GRADES : ctx.queryParam("column"));
    if (columns.isEmpty() || !ExportsTable.COLUMNS.containsAll(columns)) {
      Problems.send(ctx, 422, "export.error.columns", "column");
      return;
    }
    courses(ctx, staff).compose(ids -> {
      if (ids.isEmpty()) return Future.failedFuture(new Refusal(422, "export.error.scope", "course"));
      return store.lines(ids, grades, lang, t).compose(lines -> {
        Future<Buffer> file = grades ? Future.succeededFuture(Buffer.buffer(ExportsTable.gradesCsv(lines)))
          : format.equals("xlsx") ? vertx.executeBlocking(() -> Buffer.buffer(ExportsTable.xlsx(columns, lines, t)), false)
          : vertx.executeBlocking(() -> Buffer.buffer(ExportsTable.csv(columns, lines, t)), false);
        return file.compose(b -> admin.audit(staff.subject(), grades ? "export.grades" : "export." + format, "course", null,
          new JsonObject().put("courseIds", new JsonArray(new ArrayList<>(ids))).put("columns", new JsonArray(columns)).put("rows", lines.size()))
          .map(v -> b));
      });
    }).onSuccess(b -> ctx.response()
      .putHeader("Content-Type", format.equals("xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
      .putHeader("Content-Disposition", "attachment; filename=\"" + (grades ? "grades.csv" : "export." + format) + "\"")
      .putHeader("Cache-Control", "no-store")
      .end(b)).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** ?course=…, ?language=… (its courses this person manages) and ?all=1 (superusers: every course). */
  private Future<List<Long>> courses(RoutingContext ctx, Staff staff) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String c : ctx.queryParam("course")) {
      long id = AdminAccess.id(c);
      if (!staff.canManage(id)) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", "course"));
      ids.add(id);
    }
    Future<Void> more = Future.succeededFuture();
    if ("1".equals(ctx.request().getParam("all"))) {
      if (!staff.superuser()) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", "all"));
      more = store.allCourses().map(all -> {
        ids.addAll(all);
        return null;
      });
    }
    for (String l : ctx.queryParam("language")) {
      long languageId = AdminAccess.id(l);
      more = more.compose(v -> store.languageCourses(languageId)).compose(list -> {
        List<Long> mine = list.stream().filter(staff::canManage).toList();
        if (mine.isEmpty()) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", "language"));
        ids.addAll(mine);
        return Future.succeededFuture();
      });
    }
    return more.map(v -> new ArrayList<>(ids));
  }
}
