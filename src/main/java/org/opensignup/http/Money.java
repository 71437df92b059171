package org.opensignup.http;

import java.util.Locale;

/** Fees as people read them: "60,00 €" / "€60.00", and "free" for zero. */
public final class Money {
  private Money() {}

  public static String format(int cents, String lang) {
    if (cents == 0) return I18n.text(lang, "catalogue.free-of-charge");
    return "de".equals(lang) ? String.format(Locale.GERMANY, "%.2f €", cents / 100.0) : String.format(Locale.UK, "€%.2f", cents / 100.0);
  }
}
