package org.opensignup.mail;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one place that says when two mail addresses are the same applicant: Unicode NFC, then lower
 * case by Java's root locale. The key is computed here and stored (applicant.mail_key), never by the
 * database's lower(), which disagrees with Java for letters such as 'İ' or final sigma.
 */
public final class MailKey {
  private MailKey() {}

  public static String of(String mail) {
    if (mail == null) return null;
    return Normalizer.normalize(mail.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
