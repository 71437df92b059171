package org.opensignup.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.opensignup.dev.MailSink;

import java.util.Map;

/**
 * The development mail viewer (like maildev): /dev/mails, /dev/mails.json, /dev/mails/{n}/html.
 * Development jar only; it lives in this package for the pages and problem answers it shares.
 */
public final class DevMailRoutes {
  private final Vertx vertx;
  private final MailSink sink;
  private final Pages pages;

  public static void mount(Vertx vertx, Router router, MailSink sink) {
    new DevMailRoutes(vertx, sink, new Pages(vertx)).mount(router);
  }

  private DevMailRoutes(Vertx vertx, MailSink sink, Pages pages) {
    this.vertx = vertx;
    this.sink = sink;
    this.pages = pages;
  }

  private void mount(Router router) {
    router.get("/dev/mails").handler(this::page);
    router.get("/dev/mails.json").handler(this::json);
    router.get("/dev/mails/:index/html").handler(this::html);
  }

  private void page(RoutingContext ctx) {
    // MIME decoding is blocking work
    vertx.executeBlocking(sink::mails, false)
      .compose(mails -> pages.render(ctx, 200, "devmails.ftl", Map.of("mails", mails.stream().map(DevMailRoutes::toMap).toList())))
      .onFailure(ctx::fail);
  }

  private void json(RoutingContext ctx) {
    vertx.executeBlocking(sink::mails, false).onSuccess(mails -> {
      JsonArray arr = new JsonArray();
      mails.forEach(m -> arr.add(new JsonObject(toMap(m))));
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("count", arr.size()).put("mails", arr).encode());
    }).onFailure(ctx::fail);
  }

  private void html(RoutingContext ctx) {
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      Problems.send(ctx, 404, "error.not-found", null);
      return;
    }
    vertx.executeBlocking(sink::mails, false).onSuccess(mails -> {
      var found = mails.stream().filter(m -> m.index() == index && m.html() != null).findFirst();
      if (found.isEmpty()) {
        Problems.send(ctx, 404, "error.not-found", null);
        return;
      }
      // the mail's own HTML, shown sandboxed: no scripts, no forms
      ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .end(found.get().html());
    }).onFailure(ctx::fail);
  }

  private static Map<String, Object> toMap(MailSink.Captured m) {
    return Map.of(
      "index", m.index(),
      "messageId", m.messageId() == null ? "" : m.messageId(),
      "from", m.from(),
      "to", m.to(),
      "subject", m.subject() == null ? "" : m.subject(),
      "sent", m.sent() == null ? "" : m.sent().toInstant().toString(),
      "text", m.text() == null ? "" : m.text(),
      "hasHtml", m.html() != null);
  }

}
