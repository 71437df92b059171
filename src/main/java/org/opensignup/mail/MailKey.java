package org.opensignup.mail;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one place that says when two mail addresses are the same applicant: Unicode NFC, then upper and
 * lower case by Java's root locale (a simple case fold: 'ΑΣ' and 'ασ' meet although lower case alone
 * gives a final sigma). The key is computed here and stored (applicant.mail_key), never by the
 * database's lower(), which disagrees with Java for letters such as 'İ' or the final sigma.
 */
public final class MailKey {
  private MailKey() {}

  public static String of(String mail) {
    if (mail == null) return null;
    String folded = Normalizer.normalize(mail.strip(), Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return Normalizer.normalize(folded, Normalizer.Form.NFC);
  }
}
