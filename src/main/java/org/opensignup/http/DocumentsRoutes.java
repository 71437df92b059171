package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.admin.Documents;
import org.opensignup.admin.DocumentsStore;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * PDF documents: course and presence lists per course and per language (teachers of the course may
 * print them), certificates and receipts (course admins). ?lang=de|en chooses the language. The PDF
 * is drawn on a worker thread, never on the event loop.
 */
final class DocumentsRoutes {
  private final Vertx vertx;
  private final DocumentsStore store;

  DocumentsRoutes(Vertx vertx, DocumentsStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/admin/courses/:id/list.pdf").handler(ctx -> courseDoc(ctx, false));
    router.get("/admin/courses/:id/presence.pdf").handler(ctx -> courseDoc(ctx, true));
    router.get("/admin/languages/:id/list.pdf").handler(ctx -> languageDoc(ctx, false));
    router.get("/admin/languages/:id/presence.pdf").handler(ctx -> languageDoc(ctx, true));
    router.get("/admin/courses/:id/certificates.pdf").handler(this::courseCertificates);
    router.get("/admin/attendances/:id/certificate.pdf").handler(ctx -> attendanceDoc(ctx, false));
    router.get("/admin/attendances/:id/receipt.pdf").handler(ctx -> attendanceDoc(ctx, true));
  }

  static Documents.Texts texts(String lang) {
    return (key, args) -> I18n.text(lang, key, args);
  }

  private void courseDoc(RoutingContext ctx, boolean presence) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayRead(ctx, id)) return;
    String lang = Pages.lang(ctx);
    List<LocalDate> dates = presence ? dates(ctx) : List.of();
    if (dates == null) return;
    store.course(id, lang).compose(c -> {
      if (c == null) return Future.failedFuture(new Refusal(404, "admin.error.unknown-course", null));
      return store.participants(List.of(id)).compose(people -> pdf(() -> presence
        ? Documents.presenceList(List.of(c.course()), people, dates, lang, texts(lang))
        : Documents.courseList(List.of(c.course()), people, lang, texts(lang))));
    }).onSuccess(b -> send(ctx, b, (presence ? "presence-" : "list-") + id + ".pdf")).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  /** A whole language in one PDF: the courses of it this person may read, each from a new page. */
  private void languageDoc(RoutingContext ctx, boolean presence) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    List<LocalDate> dates = presence ? dates(ctx) : List.of();
    if (dates == null) return;
    store.languageCourses(id, lang).compose(all -> {
      if (all.isEmpty()) return Future.failedFuture(new Refusal(404, "admin.doc.error.unknown-language", null));
      List<Documents.Course> courses = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (DocumentsStore.CourseRow c : all) {
        if (!staff.canRead(c.course().id())) continue;
        courses.add(c.course());
        ids.add(c.course().id());
      }
      if (courses.isEmpty()) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", null));
      return store.participants(ids).compose(people -> pdf(() -> presence
        ? Documents.presenceList(courses, people, dates, lang, texts(lang))
        : Documents.courseList(courses, people, lang, texts(lang))));
    }).onSuccess(b -> send(ctx, b, (presence ? "presence-language-" : "list-language-") + id + ".pdf")).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void courseCertificates(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    if (!AdminAccess.mayManage(ctx, id)) return;
    String lang = Pages.lang(ctx);
    store.course(id, lang).compose(c -> {
      if (c == null) return Future.failedFuture(new Refusal(404, "admin.error.unknown-course", null));
      return store.participants(List.of(id)).compose(people -> {
        List<Documents.Person> certifiable = people.get(0).stream().filter(Documents.Person::certifiable).toList();
        if (certifiable.isEmpty()) return Future.failedFuture(new Refusal(422, "admin.doc.error.no-certificates", null));
        return pdf(() -> Documents.certificates(c.course(), certifiable, lang, texts(lang)));
      });
    }).onSuccess(b -> send(ctx, b, "certificates-" + id + ".pdf")).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private void attendanceDoc(RoutingContext ctx, boolean receipt) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    String lang = Pages.lang(ctx);
    store.attendance(id).compose(a -> {
      if (a == null) return Future.failedFuture(new Refusal(404, "admin.payment.error.unknown-attendance", null));
      if (!AdminAccess.staff(ctx).canManage(a.courseId())) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", null));
      if (!receipt && !a.person().certifiable()) return Future.failedFuture(new Refusal(422, "admin.doc.error.not-certifiable", null));
      return store.course(a.courseId(), lang).compose(c -> receipt
        ? store.payments(id).compose(pays -> pdf(() -> Documents.receipt(c.course(), a.person(), pays, id, lang, texts(lang))))
        : pdf(() -> Documents.certificates(c.course(), List.of(a.person()), lang, texts(lang))));
    }).onSuccess(b -> send(ctx, b, (receipt ? "receipt-" : "certificate-") + id + ".pdf")).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private Future<Buffer> pdf(Callable<byte[]> draw) {
    return vertx.executeBlocking(() -> Buffer.buffer(draw.call()), false);
  }

  /**
   * Session dates from ?from=2026-10-05&to=2026-12-18&weekday=1&weekday=3 (Monday, Wednesday);
   * none given: blank columns. Bad values answer 422 and yield null.
   */
  private static List<LocalDate> dates(RoutingContext ctx) {
    String from = ctx.request().getParam("from");
    String to = ctx.request().getParam("to");
    if ((from == null || from.isBlank()) && (to == null || to.isBlank())) return List.of();
    List<Integer> weekdays = new ArrayList<>();
    try {
      for (String w : ctx.queryParam("weekday")) {
        int d = Integer.parseInt(w);
        if (d < 1 || d > 7) throw new NumberFormatException();
        weekdays.add(d);
      }
      List<LocalDate> dates = Documents.sessions(LocalDate.parse(from), LocalDate.parse(to), weekdays);
      if (dates != null) return dates;
    } catch (DateTimeParseException | NumberFormatException | NullPointerException e) {
      // answered below
    }
    Problems.send(ctx, 422, "admin.doc.error.dates", "from", Documents.MAX_DATES);
    return null;
  }

  private static void send(RoutingContext ctx, Buffer pdf, String file) {
    ctx.response().putHeader("Content-Type", "application/pdf")
      .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
      .putHeader("Cache-Control", "no-store")
      .end(pdf);
  }
}
