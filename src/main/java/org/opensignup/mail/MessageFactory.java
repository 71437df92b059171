package org.opensignup.mail;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return build(row, List.of());
  }

  /**
   * With the row's attachments, and for mass mails (payload {@code senderName}, {@code replyTo},
   * {@code cc}) the sender's display name, the Reply-To and a Cc header. The Cc header only shows
   * who else was written to (so "reply all" reaches them); the copies themselves are rows of their
   * own, so a Cc address receives one mail, not one per recipient.
   */
  MailMessage build(OutboxRow row, List<MailAttachment> attachments) {
    if (row.recipient() == null || row.recipient().length() > 254 || !ADDRESS.matcher(row.recipient()).matches()) {
      throw new SendFailure.Permanent("invalid recipient address '" + row.recipient() + "'", null);
    }
    String lang = "en".equals(row.locale()) ? "en" : "de";
    JsonObject model = row.payload() == null ? new JsonObject() : row.payload().copy();
    // a seat in a course with dates: its meetings as a calendar file, and the first one named in the text
    Optional<CourseCalendar> calendar = "confirmed".equals(model.getString("state")) ? CourseCalendar.of(model) : Optional.empty();
    calendar.ifPresent(c -> model.put("firstMeetingAt", c.firstMeeting(settings.timeZone()).toOffsetDateTime().toString())
      .put("calendarAttached", true));
    String instructions = settings.paymentInstructions(lang);
    if (!instructions.isEmpty()) model.put("paymentInstructions", instructions);
    MailTemplates.Rendered r = templates.render(row.kind(), row.locale(), model);
    MailMessage m = new MailMessage()
      .setFrom(sender(settings.from(), row.payload()))
      .setTo(row.recipient())
      .setSubject(r.subject())
      .setText(r.text())
      .setHtml(r.html());
    m.addHeader("Message-ID", messageId(row.id(), settings.messageIdDomain()));
    // RFC 3834: tells auto-responders (vacation replies) not to answer
    m.addHeader("Auto-Submitted", "auto-generated");
    if (row.lane() == Outbox.Lane.BULK) m.addHeader("Precedence", "bulk");
    JsonObject p = model;
    String replyTo = p.getString("replyTo");
    if (replyTo != null && ADDRESS.matcher(replyTo).matches()) m.addHeader("Reply-To", replyTo);
    List<String> cc = new ArrayList<>();
    for (Object o : p.getJsonArray("cc", new JsonArray())) if (o instanceof String a && ADDRESS.matcher(a).matches()) cc.add(a);
    if (!cc.isEmpty()) m.addHeader("Cc", String.join(", ", cc));
    List<MailAttachment> all = new ArrayList<>(attachments);
    calendar.ifPresent(c -> all.add(MailAttachment.create()
      .setData(Buffer.buffer(c.ics(settings.timeZone(), lang, settings.messageIdDomain(), Instant.now()), "UTF-8"))
      .setName("de".equals(lang) ? "kurstermine.ics" : "course-dates.ics")
      .setContentType("text/calendar; charset=utf-8; method=PUBLISH")
      .setDisposition("attachment")));
    if (!all.isEmpty()) m.setAttachment(all);
    if (!settings.bounceAddress().isEmpty()) m.setBounceAddress(returnPath(row.id(), settings.bounceAddress()));
    return m;
  }

  /** The configured sender with the display name a mass mail chose; the address stays the configured one. */
  static String sender(String from, JsonObject payload) {
    String name = payload == null ? null : payload.getString("senderName");
    if (name == null || name.isBlank() || name.matches(".*[\\r\\n<>\"].*")) return from;
    String f = from.trim();
    String address = f.endsWith(">") ? f.substring(f.lastIndexOf('<') + 1, f.length() - 1) : f;
    return name.strip() + " <" + address + ">";
  }
}
