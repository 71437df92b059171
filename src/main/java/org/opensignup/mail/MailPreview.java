package org.opensignup.mail;

import io.vertx.core.json.JsonObject;

import java.time.ZoneId;

/**
 * The HTML part of a mail as its recipient will see it, for the staff's preview of a mass mail.
 * The templates are loaded on first use (blocking): call it from a worker, not an event loop.
 */
public final class MailPreview {
  private static volatile MailTemplates templates;

  private MailPreview() {}

  public static String html(String kind, String locale, JsonObject payload) {
    MailTemplates t = templates;
    if (t == null) {
      synchronized (MailPreview.class) {
        if (templates == null) templates = new MailTemplates(ZoneId.of("Europe/Berlin"));
        t = templates;
      }
    }
    return t.render(kind, locale, payload).html();
  }
}
