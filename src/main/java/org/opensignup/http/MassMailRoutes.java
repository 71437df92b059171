package org.opensignup.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.opensignup.admin.MassMailDraft;
import org.opensignup.admin.MassMailStore;
import org.opensignup.admin.Refusal;
import org.opensignup.admin.Staff;
import org.opensignup.bus.Bus;
import org.opensignup.mail.MailPreview;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mass mail: a draft (recipients by course or whole language and by state, sender name, Cc/Bcc, text
 * up to 20,000 characters, files), its HTML preview, a test send to oneself, then queueing on the
 * bulk lane and a page that follows the delivery. The form posts multipart (files and long text);
 * its own body handler ({@link #bodyHandler}) is mounted on {@link #PATH} before the common one.
 */
final class MassMailRoutes {
  static final String PATH = "/admin/mail";
  private static final String ID = "/admin/mail/(?<id>[0-9]{1,18})";

  private final Vertx vertx;
  private final MassMailStore store;
  private final Pages pages;
  private final long maxBytes;

  MassMailRoutes(Vertx vertx, MassMailStore store, Pages pages, long maxBytes) {
    this.vertx = vertx;
    this.store = store;
    this.pages = pages;
    this.maxBytes = maxBytes;
  }

  /** Keeps uploaded files in a temporary directory (deleted when the request ends); text and files up to the limit plus 1 MiB. */
  static BodyHandler bodyHandler(long maxBytes) {
    return BodyHandler.create(Path.of(System.getProperty("java.io.tmpdir"), "opensignup-mail-uploads").toString())
      .setHandleFileUploads(true).setDeleteUploadedFilesOnEnd(true).setBodyLimit(maxBytes + 1024 * 1024);
  }

  static long maxBytes(org.opensignup.config.AppConfig config) {
    return config.integer("mail.attachments-max-bytes", 0, 100 * 1024 * 1024);
  }

  void mount(Router router) {
    router.get(PATH).handler(this::newForm);
    router.post(PATH).handler(this::save);
    router.getWithRegex(ID).handler(this::show);
    router.getWithRegex(ID + "/preview").handler(this::preview);
    router.getWithRegex(ID + "/progress").handler(this::progress);
    router.postWithRegex(ID + "/send").handler(this::send);
  }

  private static boolean managesAny(RoutingContext ctx) {
    if (AdminAccess.staff(ctx).managesAny()) return true;
    Problems.send(ctx, 403, "admin.error.forbidden", null);
    return false;
  }

  private void newForm(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    Staff staff = AdminAccess.staff(ctx);
    Map<String, Object> m = formModel(null, new MassMailDraft(List.of(), List.of("confirmed"), "", "", null, List.of(), List.of(), Pages.lang(ctx)));
    String lang = Pages.lang(ctx);
    Future.all(store.targets(staff, lang), store.recent(staff)).onSuccess(all -> {
      List<Map<String, Object>> recent = all.resultAt(1);
      recent.forEach(r -> r.put("createdAt", I18n.dateTime(lang, (java.time.Instant) r.get("createdAt"))));
      m.put("languages", all.resultAt(0));
      m.put("recent", recent);
      render(ctx, 200, m, null);
    }).onFailure(ctx::fail);
  }

  /** Saves the draft (new or changed, files added or removed), then previews it or sends the test. */
  private void save(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    Staff staff = AdminAccess.staff(ctx);
    String lang = Pages.lang(ctx);
    MultiMap form = ctx.request().formAttributes();
    Long draftId = null;
    if (form.get("draftId") != null && !form.get("draftId").isBlank()) {
      long id = AdminAccess.id(form.get("draftId"));
      if (id < 0) {
        Problems.send(ctx, 400, "error.bad-request", "draftId");
        return;
      }
      draftId = id;
    }
    List<Integer> remove = new ArrayList<>();
    for (String p : form.getAll("removeFile")) {
      long pos = AdminAccess.id(p);
      if (pos < 0 || pos > 10_000) {
        Problems.send(ctx, 400, "error.bad-request", "removeFile");
        return;
      }
      remove.add((int) pos);
    }
    String action = form.get("action") == null ? "preview" : form.get("action");
    Long existing = draftId;
    store.targets(staff, lang).compose(targets -> {
      Set<Long> courses = new LinkedHashSet<>();
      for (String c : form.getAll("course")) courses.add(AdminAccess.id(c));
      // a whole language: every course of it this person manages
      for (String l : form.getAll("language")) {
        long languageId = AdminAccess.id(l);
        for (Map<String, Object> language : targets) {
          if (((Long) language.get("id")) != languageId) continue;
          @SuppressWarnings("unchecked") List<Map<String, Object>> list = (List<Map<String, Object>>) language.get("courses");
          for (Map<String, Object> c : list) courses.add((Long) c.get("id"));
        }
      }
      // one foreign (or unknown) course refuses the whole mail
      for (long id : courses) if (!staff.canManage(id)) return Future.failedFuture(new Refusal(403, "admin.error.forbidden", "course"));
      MassMailDraft draft = new MassMailDraft(new ArrayList<>(courses), form.getAll("state"), form.get("subject"), form.get("body"),
        form.get("senderName"), MassMailDraft.addresses(form.get("cc")), MassMailDraft.addresses(form.get("bcc")), lang);
      MassMailDraft.Problem problem = draft.problem();
      if (problem == null) problem = fileProblem(ctx.fileUploads());
      if (problem != null) {
        Map<String, Object> m = formModel(existing, draft);
        m.put("languages", targets);
        m.put("error", I18n.text(lang, problem.key(), problem.args()));
        m.put("errorField", problem.field());
        Future<MassMailStore.Saved> files = existing == null ? Future.succeededFuture(null) : store.load(existing);
        return files.map(saved -> {
          if (saved != null) m.put("files", files(saved));
          render(ctx, 422, m, null);
          return null;
        });
      }
      return readFiles(ctx.fileUploads())
        .compose(added -> store.save(staff.subject(), existing, draft, added, remove, maxBytes))
        .compose(id -> "test".equals(action) ? store.load(id).compose(saved -> store.sendTest(staff.subject(), staff.id(), saved, lang))
            .map(to -> {
              vertx.eventBus().publish(Bus.MAIL_WAKEUP, null);
              return "/admin/mail/" + id + "?tested=1";
            })
          : Future.succeededFuture("/admin/mail/" + id + "?saved=1"))
        .map(location -> {
          AdminAccess.seeOther(ctx, location);
          return null;
        });
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private MassMailDraft.Problem fileProblem(List<FileUpload> uploads) {
    long total = 0;
    for (FileUpload f : uploads) {
      if (f.fileName() == null || f.fileName().isBlank()) continue;
      String name = MassMailDraft.safeFilename(f.fileName());
      if (name.isEmpty() || MassMailDraft.contentType(name) == null) return new MassMailDraft.Problem("admin.mail.error.file-type", "file", name);
      total += f.size();
    }
    if (total > maxBytes) return new MassMailDraft.Problem("admin.mail.error.attachments-size", "file", maxBytes / (1024 * 1024));
    return null;
  }

  /** Reads the uploaded files (asynchronously) and hashes them on a worker thread. */
  private Future<List<MassMailStore.NewFile>> readFiles(List<FileUpload> uploads) {
    List<Future<MassMailStore.NewFile>> files = new ArrayList<>();
    for (FileUpload f : uploads) {
      if (f.fileName() == null || f.fileName().isBlank() || f.size() == 0) continue;
      String name = MassMailDraft.safeFilename(f.fileName());
      files.add(vertx.fileSystem().readFile(f.uploadedFileName()).compose(data -> vertx.executeBlocking(() ->
        new MassMailStore.NewFile(name, MassMailDraft.contentType(name), data, sha256(data.getBytes())), false)));
    }
    return Future.all(files).map(all -> {
      List<MassMailStore.NewFile> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) out.add(all.resultAt(i));
      return out;
    });
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mass mail if this person may handle it; otherwise answers 404/403 and yields null. */
  private Future<MassMailStore.Saved> mine(RoutingContext ctx) {
    long id = AdminAccess.id(ctx.pathParam("id"));
    return store.load(id).map(saved -> {
      if (saved == null) {
        Problems.send(ctx, 404, "admin.mail.error.unknown", null);
        return null;
      }
      Staff staff = AdminAccess.staff(ctx);
      boolean author = saved.createdBy().equals(staff.subject()) && staff.managesAny();
      if (!(MassMailStore.mayManageAll(staff, saved.courseIds()) || author && saved.courseIds().isEmpty())) {
        Problems.send(ctx, 403, "admin.error.forbidden", null);
        return null;
      }
      return saved;
    });
  }

  private void show(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    String lang = Pages.lang(ctx);
    mine(ctx).onSuccess(saved -> {
      if (saved == null) return;
      if (saved.queuedAt() != null) {
        store.progress(saved.id()).onSuccess(p -> {
          Map<String, Object> m = AdminAccess.model(ctx);
          m.put("mail", Map.of("id", saved.id(), "subject", saved.draft().subject(), "recipients", saved.recipients() == null ? 0 : saved.recipients(),
            "queuedAt", I18n.dateTime(lang, saved.queuedAt().toInstant())));
          m.put("progress", p.getMap());
          m.put("failures", p.getJsonArray("failures").getList());
          if (ctx.request().getParam("queued") != null) m.put("notice", I18n.text(lang, "admin.mail.queued", saved.recipients()));
          pages.render(ctx, 200, "admin/massmail-progress.ftl", m).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
        return;
      }
      Future.all(store.targets(AdminAccess.staff(ctx), lang), store.countRecipients(saved.draft())).onSuccess(all -> {
        Map<String, Object> m = formModel(saved.id(), saved.draft());
        m.put("languages", all.resultAt(0));
        m.put("files", files(saved));
        m.put("recipientCount", all.resultAt(1));
        m.put("replyTo", saved.replyTo() == null ? "" : saved.replyTo());
        m.put("tested", saved.testedAt() != null);
        m.put("previewUrl", "/admin/mail/" + saved.id() + "/preview");
        String notice = ctx.request().getParam("tested") != null ? I18n.text(lang, "admin.mail.tested")
          : ctx.request().getParam("saved") != null ? I18n.text(lang, "admin.mail.saved") : null;
        render(ctx, 200, m, notice);
      }).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  /** The HTML part as a recipient sees it, for the preview frame: framed by our own pages only, no scripts. */
  private void preview(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    String lang = Pages.lang(ctx);
    mine(ctx).onSuccess(saved -> {
      if (saved == null) return;
      JsonObject payload = MassMailStore.payload(saved).put("firstName", "Erika").put("lastName", "Mustermann");
      vertx.executeBlocking(() -> MailPreview.html("bulk", lang, payload), false).onSuccess(html -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Frame-Options", "SAMEORIGIN")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
        .end(html)).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void progress(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    mine(ctx).onSuccess(saved -> {
      if (saved == null) return;
      store.progress(saved.id()).onSuccess(p -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(p.encode())).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx) {
    if (!managesAny(ctx)) return;
    mine(ctx).compose(saved -> {
      if (saved == null) return Future.succeededFuture();
      return store.queue(AdminAccess.staff(ctx).subject(), saved).map(n -> {
        if (n > 0) vertx.eventBus().publish(Bus.MAIL_WAKEUP, null);
        if (Problems.wantsJson(ctx)) {
          ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", saved.id()).put("queued", n).encode());
        } else {
          AdminAccess.seeOther(ctx, "/admin/mail/" + saved.id() + "?queued=1");
        }
        return null;
      });
    }).onFailure(e -> AdminAccess.failed(ctx, e));
  }

  private static List<Map<String, Object>> files(MassMailStore.Saved saved) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MassMailStore.Attached a : saved.files()) {
      out.add(Map.of("position", a.position(), "name", a.filename(), "type", a.contentType(), "size", kib(a.size())));
    }
    return out;
  }

  private static String kib(long bytes) {
    return bytes < 1024 ? bytes + " B" : (bytes + 1023) / 1024 + " KiB";
  }

  private Map<String, Object> formModel(Long id, MassMailDraft d) {
    Map<String, Object> m = new HashMap<>();
    m.put("draftId", id == null ? "" : String.valueOf(id));
    m.put("languages", List.of());
    m.put("selected", d.courseIds());
    m.put("states", d.states());
    m.put("allStates", MassMailDraft.STATES);
    m.put("subject", d.subject());
    m.put("body", d.body());
    m.put("senderName", d.senderName() == null ? "" : d.senderName());
    m.put("cc", String.join(", ", d.cc()));
    m.put("bcc", String.join(", ", d.bcc()));
    m.put("files", List.of());
    m.put("recent", List.of());
    m.put("recipientCount", -1L);
    m.put("replyTo", "");
    m.put("tested", false);
    m.put("previewUrl", "");
    m.put("error", "");
    m.put("errorField", "");
    m.put("maxMb", maxBytes / (1024 * 1024));
    m.put("bodyMax", MassMailDraft.BODY_MAX);
    return m;
  }

  private void render(RoutingContext ctx, int status, Map<String, Object> form, String notice) {
    Map<String, Object> m = AdminAccess.model(ctx);
    m.putAll(form);
    if (notice != null) m.put("notice", notice);
    pages.render(ctx, status, "admin/massmail.ftl", m).onFailure(ctx::fail);
  }
}
