package org.opensignup.mail;

/** Every SQL statement of the mail feature. */
final class MailSql {
  private MailSql() {}

  static final String STATS = "SELECT state, count(*) AS n FROM mail_outbox GROUP BY state";
}
