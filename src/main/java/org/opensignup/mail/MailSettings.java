package org.opensignup.mail;

import org.opensignup.config.AppConfig;

import java.time.ZoneId;
import java.util.Locale;

/** The mail settings, read once from the (already validated) configuration. */
record MailSettings(
  String smtpHost, int smtpPort, AppConfig.StartTls startTls, String smtpUser, String smtpPassword, int connections,
  String from, int transactionalPerSecond, int bulkPerSecond, int batchSize, int claimSeconds, long pollMs,
  boolean listen, int maxAttempts, long backoffInitialMs, long backoffMaxMs, String messageIdDomain,
  String bounceAddress, ZoneId timeZone, int instances, String paymentInstructionsDe, String paymentInstructionsEn) {

  static MailSettings from(AppConfig c) {
    String from = c.string("mail.from");
    String idDomain = c.isSet("mail.message-id-domain") ? c.string("mail.message-id-domain") : domainOf(from);
    return new MailSettings(
      c.string("mail.smtp.host"), c.integer("mail.smtp.port", 1, 65535), c.oneOf("mail.smtp.starttls", AppConfig.StartTls.class),
      c.string("mail.smtp.user"), c.string("mail.smtp.password"), c.integer("mail.smtp.connections", 1, 100),
      from, c.integer("mail.transactional-per-second", 0, 100_000), c.integer("mail.bulk-per-second", 0, 100_000),
      c.integer("mail.batch-size", 1, 1000), c.integer("mail.claim-seconds", 1, 86_400), c.integer("mail.poll-ms", 50, 600_000),
      c.bool("mail.listen"), c.integer("mail.max-attempts", 1, 1000), c.integer("mail.backoff-initial-ms", 1, 86_400_000),
      c.integer("mail.backoff-max-ms", 1, 604_800_000), idDomain, c.string("mail.bounce-address"),
      ZoneId.of(c.string("mail.time-zone")), c.instances("mail"),
      multiline(c.string("payment.instructions.de")), multiline(c.string("payment.instructions.en")));
  }

  /** How to pay, in the mail's language; empty when not configured. */
  String paymentInstructions(String lang) {
    return "en".equals(lang) ? paymentInstructionsEn : paymentInstructionsDe;
  }

  /** A properties value is one line: a written "\\n" stands for a line break. */
  static String multiline(String v) {
    return v == null ? "" : v.replace("\\n", "\n").strip();
  }

  /** The limits are per process; each of the process's mail verticle instances takes its share. */
  int perSecond(Outbox.Lane lane) {
    int rate = lane == Outbox.Lane.TRANSACTIONAL ? transactionalPerSecond : bulkPerSecond;
    return rate == 0 ? 0 : Math.max(1, (rate + instances - 1) / instances);
  }

  /** The domain part of an address like {@code Name <user@example.org>}. */
  static String domainOf(String address) {
    String a = address.trim();
    if (a.endsWith(">")) a = a.substring(a.lastIndexOf('<') + 1, a.length() - 1);
    int at = a.lastIndexOf('@');
    return at < 0 ? "localhost" : a.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
