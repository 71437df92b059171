package org.opensignup.admin;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts staff type in euros ("60", "60,00", "12.5", "-10" for a correction), as cents. A refusal
 * names a message key, so the page can say what was wrong.
 */
public final class Euros {
  /** No payment is larger than this (cents): a typo with extra digits is refused. */
  public static final int MAX_CENTS = 10_000_000;
  private static final Pattern FORMAT = Pattern.compile("^-?\\d{1,6}([.,]\\d{1,2})?$");

  private Euros() {}

  public record Parsed(Integer cents, String errorKey) {
    public boolean ok() {
      return errorKey == null;
    }
  }

  public static Parsed parse(String input) {
    if (input == null || input.isBlank()) return new Parsed(null, "admin.payment.error.missing");
    String s = input.strip().replace(" ", "").replace("€", "");
    if (!FORMAT.matcher(s).matches()) return new Parsed(null, "admin.payment.error.format");
    int cents = new BigDecimal(s.replace(',', '.')).movePointRight(2).intValueExact();
    if (cents == 0) return new Parsed(null, "admin.payment.error.zero");
    if (Math.abs(cents) > MAX_CENTS) return new Parsed(null, "admin.payment.error.too-large");
    return new Parsed(cents, null);
  }

  public static String format(int cents) {
    return BigDecimal.valueOf(cents).movePointLeft(2).setScale(2).toPlainString();
  }
}
