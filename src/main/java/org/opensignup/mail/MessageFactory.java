package org.opensignup.mail;

import io.vertx.ext.mail.MailMessage;

import java.util.regex.Pattern;

/** Turns an outbox row into the MIME message to send: rendered parts, stable Message-ID, return path. */
final class MessageFactory {
  /** The same rule as the applicant table's check; anything else cannot be delivered. */
  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+$");

  private final MailTemplates templates;
  private final MailSettings settings;

  MessageFactory(MailTemplates templates, MailSettings settings) {
    this.templates = templates;
    this.settings = settings;
  }

  /** Derived from the row id only, so a resend after a crash carries the same id and can be recognised. */
  static String messageId(long outboxId, String domain) {
    return "<outbox-" + outboxId + "@" + domain + ">";
  }

  /** bounce@example.org → bounce+42@example.org: a DSN to that address names outbox row 42. */
  static String returnPath(long outboxId, String bounceAddress) {
    int at = bounceAddress.lastIndexOf('@');
    return bounceAddress.substring(0, at) + "+" + outboxId + bounceAddress.substring(at);
  }

  MailMessage build(OutboxRow row) {
    if (row.recipient() == null || row.recipient().length() > 254 || !ADDRESS.matcher(row.recipient()).matches()) {
      throw new SendFailure.Permanent("invalid recipient address '" + row.recipient() + "'", null);
    }
    MailTemplates.Rendered r = templates.render(row.kind(), row.locale(), row.payload());
    MailMessage m = new MailMessage()
      .setFrom(settings.from())
      .setTo(row.recipient())
      .setSubject(r.subject())
      .setText(r.text())
      .setHtml(r.html());
    m.addHeader("Message-ID", messageId(row.id(), settings.messageIdDomain()));
    // RFC 3834: tells auto-responders (vacation replies) not to answer
    m.addHeader("Auto-Submitted", "auto-generated");
    if (row.lane() == Outbox.Lane.BULK) m.addHeader("Precedence", "bulk");
    if (!settings.bounceAddress().isEmpty()) m.setBounceAddress(returnPath(row.id(), settings.bounceAddress()));
    return m;
  }
}
