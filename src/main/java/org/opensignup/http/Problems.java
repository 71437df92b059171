package org.opensignup.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Error answers: RFC 9457 problem+json for API clients, a friendly page for browsers. The message is
 * always one a person understands, in the request's language, and never a stack trace.
 */
public final class Problems {
  private static Pages pages;

  private Problems() {}

  static void usePages(Pages p) {
    pages = p;
  }

  public static boolean wantsJson(RoutingContext ctx) {
    String path = ctx.request().path();
    // the API and the operators' machine routes answer JSON whatever the client accepts
    if (path.startsWith("/api/") || path.startsWith("/health/") || path.equals("/metrics")) return true;
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }

  /** Answers with a problem; {@code field} names the offending input (or null); args fill the message. */
  public static void send(RoutingContext ctx, int status, String messageKey, String field, Object... args) {
    if (ctx.response().ended()) return;
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    String lang = Pages.lang(ctx);
    String detail = I18n.text(lang, messageKey, args);
    if (wantsJson(ctx) || pages == null) {
      JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
        .put("status", status)
        .put("detail", detail)
        .put("code", messageKey);
      if (field != null) problem.put("field", field);
      ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(problem.encode());
    } else {
      pages.render(ctx, status, "error.ftl", Map.of("status", status, "detail", detail))
        .onFailure(e -> ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(detail));
    }
  }
}
