package org.opensignup.mail;

import io.vertx.ext.mail.mailencoder.EmailAddress;

import java.util.regex.Pattern;

/**
 * Whether an address typed by an applicant can be handed to the mailer as one plain recipient.
 * The mail library's own parser comes first (it refuses what it cannot encode, e.g. {@code a,b@c.de});
 * it is lenient by design (it also takes {@code Name <a@b.cd>}, quoted local parts, {@code a;b@c.de},
 * domains without a dot), so the address must also be a bare RFC 5322 addr-spec: a dot-atom local
 * part and a domain of at least two host-name labels. Letters beyond ASCII are allowed in both
 * (RFC 6531); quoted strings, comments, domain literals and display names are not.
 */
public final class MailAddress {
  private MailAddress() {}

  public static final int MAX_LENGTH = 254;

  /** atext of RFC 5322 plus letters, marks and digits of any script. */
  private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{M}\\p{Nd}]";
  private static final String LABEL = "[A-Za-z0-9\\p{L}\\p{M}\\p{Nd}](?:[A-Za-z0-9\\-\\p{L}\\p{M}\\p{Nd}]{0,61}[A-Za-z0-9\\p{L}\\p{M}\\p{Nd}])?";
  private static final Pattern ADDR_SPEC = Pattern.compile(
    "^(?=.{1,64}@)" + ATEXT + "+(?:\\." + ATEXT + "+)*@(?:" + LABEL + "\\.)+" + LABEL + "$");
  /** A top-level domain is never all digits (that would be an IP address in disguise). */
  private static final Pattern NUMERIC_TLD = Pattern.compile("\\.[0-9]+$");

  public static boolean isValid(String address) {
    if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) return false;
    if (!ADDR_SPEC.matcher(address).matches() || NUMERIC_TLD.matcher(address).find()) return false;
    try {
      EmailAddress parsed = new EmailAddress(address);
      // the library read it as the very same bare address, without a name part
      return address.equals(parsed.getEmail()) && (parsed.getName() == null || parsed.getName().isEmpty());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
