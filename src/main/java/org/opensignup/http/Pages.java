package org.opensignup.http;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;

import java.util.HashMap;
import java.util.Map;

/** Renders FreeMarker pages with what every page needs: language, texts, CSRF token. Output is HTML-escaped. */
public final class Pages {
  public static final String LANG = "lang";
  private final FreeMarkerTemplateEngine engine;

  public Pages(Vertx vertx) {
    engine = FreeMarkerTemplateEngine.create(vertx, "ftl");
    Configuration cfg = engine.unwrap();
    // every ${...} is HTML-escaped unless a template says otherwise
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
  }

  public static String lang(RoutingContext ctx) {
    String lang = ctx.get(LANG);
    return lang == null ? I18n.choose(ctx) : lang;
  }

  public Future<Void> render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    String lang = lang(ctx);
    Map<String, Object> m = new HashMap<>(model);
    m.put("lang", lang);
    m.put("otherLang", "de".equals(lang) ? "en" : "de");
    m.put("t", I18n.messages(lang));
    m.put("path", ctx.request().path());
    String csrf = ctx.get(CSRFHandler.DEFAULT_HEADER_NAME);
    m.put("csrf", csrf == null ? "" : csrf);
    return engine.render(m, "templates/" + template).compose(html -> ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "text/html; charset=utf-8")
      .putHeader("Cache-Control", "no-store")
      .end(html));
  }
}
