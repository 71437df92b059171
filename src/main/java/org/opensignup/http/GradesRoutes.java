package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.AdminStore;
import org.opensignup.admin.Grades;
import org.opensignup.admin.GradesStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grades: teachers (and admins) of a course enter them on its grades page; course admins import a
 * sheet (CSV/XLSX, matched by mail), see what would change, and apply it in one transaction. A sheet
 * with any bad row changes nothing and names the row.
 */
final class GradesRoutes {
  static final String IMPORT = "/admin/courses/[0-9]{1,18}/grades/import";

  private final Vertx vertx;
  private final GradesStore store;
  private final AdminStore admin;
  private final Pages pages;

  GradesRoutes(Vertx vertx, GradesStore store, AdminStore admin, Pages pages) {
    this.vertx = vertx;
    this.store = store;
    this.admin = admin;
    this.pages = pages;
  }

  void mount(Router router) {
    router.get("/admin/courses/:id/grades").handler(ctx -> page(ctx, 200, null, null));
    router.post("/admin/courses/:id/grades").handler(this::save);
    router.post("/admin/courses/:id/grades/import").handler(this::preview);
    router.post("/admin/courses/:id/grades/apply").handler(this::apply);
  }

  private void page(RoutingContext ctx, int status, String error, Map<String, Object> extra) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, id)) return;
    String lang = Pages.lang(ctx);
    Future.all(admin.course(id, lang), store.list(id)).onSuccess(all -> {
      JsonObject course = all.resultAt(0);
      if (course == null) {
        Problems.send(ctx, 404, "admin.error.unknown-course", null);
        return;
      }
      List<GradesStore.Graded> list = all.resultAt(1);
      Map<String, Object> m = AdminAccess.model(ctx);
      m.put("course", course.getMap());
      m.put("canManage", AdminAccess.staff(ctx).canManage(id));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GradesStore.Graded g : list) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", g.attendanceId());
        r.put("name", g.lastName() + ", " + g.firstName());
        r.put("mail", g.mail());
        r.put("grade", g.grade().percent() == null ? "" : String.valueOf(g.grade().percent()));
        r.put("points", g.grade().points() == null ? "" : g.grade().points().stripTrailingZeros().toPlainString());
        r.put("max", g.grade().pointsMax() == null ? "" : g.grade().pointsMax().stripTrailingZeros().toPlainString());
        r.put("result", g.grade().result() == null ? "" : g.grade().result());
        rows.add(r);
      }
      m.put("rows", rows);
      m.put("error", error == null ? "" : error);
      m.put("changes", List.of());
      m.put("changesJson", "");
      if (extra != null) m.putAll(extra);
      String saved = ctx.request().getParam("saved");
      if (saved != null && error == null) m.put("notice", I18n.text(lang, "grades.saved", AdminAccess.id(saved)));
      pages.render(ctx, status, "admin/grades.ftl", m).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  /** The grades form: every row's four fields; one bad field refuses the whole form, naming the person. */
  private void save(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, id)) return;
    String lang = Pages.lang(ctx);
    var form = ctx.request().formAttributes();
    store.list(id).compose(list -> {
      Map<Long, Grades.Grade> changes = new LinkedHashMap<>();
      for (GradesStore.Graded g : list) {
        String k = String.valueOf(g.attendanceId());
        if (form.get("g-" + k) == null && form.get("r-" + k) == null) continue; // not on the form that was sent
        Grades.Parsed p = Grades.parse(form.get("g-" + k), form.get("p-" + k), form.get("m-" + k), form.get("r-" + k));
        if (p.grade() == null) {
          page(ctx, 422, I18n.text(lang, "grades.error.row", g.firstName() + " " + g.lastName(), I18n.text(lang, p.errorKey())), null);
          return Future.succeededFuture();
        }
        changes.put(g.attendanceId(), p.grade());
      }
      return store.apply(AdminAccess.staff(ctx).subject(), id, changes, "form")
        .map(n -> {
          AdminAccess.seeOther(ctx, "/admin/courses/" + id + "/grades?saved=" + n);
          return null;
        });
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** Reads the uploaded sheet and shows what would change; nothing is written yet. */
  private void preview(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, id)) return;
    String lang = Pages.lang(ctx);
    FileUpload file = ctx.fileUploads().stream().filter(f -> f.fileName() != null && !f.fileName().isBlank()).findFirst().orElse(null);
    if (file == null) {
      page(ctx, 422, I18n.text(lang, "grades.error.no-file"), null);
      return;
    }
    String name = file.fileName();
    vertx.fileSystem().readFile(file.uploadedFileName())
      .compose(data -> vertx.executeBlocking(() -> Grades.readSheet(name, data.getBytes()), false))
      .compose(sheet -> store.list(id).map(list -> match(sheet, list, lang)))
      .onSuccess(result -> {
        if (result.error != null) page(ctx, 422, result.error, null);
        else page(ctx, 200, null, Map.of("changes", result.changes, "changesJson", result.json.encode()));
      })
      .onFailure(e -> {
        if (e instanceof Grades.SheetError se) page(ctx, 422, sheetError(lang, se), null);
        else AdminAccess.failed(ctx, e);
      });
  }

  private static String sheetError(String lang, Grades.SheetError se) {
    String what = I18n.text(lang, se.key, se.detail);
    return se.line == 0 ? what : I18n.text(lang, "grades.error.line", se.line, what);
  }

  private record Matched(List<Map<String, Object>> changes, JsonObject json, String error) {}

  /** Each sheet row to a confirmed attendance by mail; the first problem ends the matching with its line. */
  private static Matched match(List<Grades.SheetRow> sheet, List<GradesStore.Graded> list, String lang) {
    Map<String, GradesStore.Graded> byMail = new HashMap<>();
    for (GradesStore.Graded g : list) byMail.put(g.mail().toLowerCase(Locale.ROOT), g);
    List<Map<String, Object>> changes = new ArrayList<>();
    JsonObject json = new JsonObject();
    for (Grades.SheetRow row : sheet) {
      String mail = row.values().getOrDefault("mail", "").toLowerCase(Locale.ROOT);
      GradesStore.Graded g = byMail.get(mail);
      if (g == null) return new Matched(null, null, I18n.text(lang, "grades.error.line", row.line(), I18n.text(lang, "grades.error.unknown-mail", mail)));
      Map<String, String> v = row.values();
      Grades.Parsed p = Grades.parse(v.get("grade"), v.get("points"), v.get("pointsmax"), v.get("result"));
      if (p.grade() == null) return new Matched(null, null, I18n.text(lang, "grades.error.line", row.line(), I18n.text(lang, p.errorKey())));
      if (json.containsKey(String.valueOf(g.attendanceId()))) {
        return new Matched(null, null, I18n.text(lang, "grades.error.line", row.line(), I18n.text(lang, "grades.error.twice", mail)));
      }
      json.put(String.valueOf(g.attendanceId()), new JsonObject().put("g", v.get("grade")).put("p", v.get("points")).put("m", v.get("pointsmax"))
        .put("r", v.get("result")));
      if (g.grade().sameAs(p.grade())) continue;
      changes.add(Map.of("name", g.lastName() + ", " + g.firstName(), "mail", g.mail(), "before", g.grade().text(), "after", p.grade().text()));
    }
    return new Matched(changes, json, null);
  }

  /** Applies the previewed sheet: validated again, then one transaction. */
  private void apply(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, id)) return;
    JsonObject json;
    try {
      json = new JsonObject(ctx.request().getFormAttribute("changes") == null ? "{}" : ctx.request().getFormAttribute("changes"));
    } catch (RuntimeException e) {
      Problems.send(ctx, 400, "error.bad-request", "changes");
      return;
    }
    Map<Long, Grades.Grade> changes = new LinkedHashMap<>();
    for (String key : json.fieldNames()) {
      long attendance = AdminAccess.id(key);
      Object o = json.getValue(key);
      if (attendance < 0 || !(o instanceof JsonObject v)) {
        Problems.send(ctx, 400, "error.bad-request", "changes");
        return;
      }
      Grades.Parsed p = Grades.parse(v.getString("g"), v.getString("p"), v.getString("m"), v.getString("r"));
      if (p.grade() == null) {
        Problems.send(ctx, 422, p.errorKey(), "changes");
        return;
      }
      changes.put(attendance, p.grade());
    }
    store.apply(AdminAccess.staff(ctx).subject(), id, changes, "sheet")
      .onSuccess(n -> AdminAccess.seeOther(ctx, "/admin/courses/" + id + "/grades?saved=" + n))
      .onFailure(e -> AdminAccess.failed(ctx, e));
  }
}
