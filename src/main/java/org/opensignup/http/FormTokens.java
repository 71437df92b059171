package org.opensignup.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Stateless CSRF tokens for the applicants' forms: the issue time and an HMAC over the form's target
 * path and that time. Nothing is stored on the server, so any number of tabs, reloads and the back
 * button keep working, and an anonymous page needs no session. A token opens only the form it was
 * issued for, and only within {@link #LIFETIME}.
 */
public final class FormTokens {
  /** Long enough to fill a form in before a window opens and send it at the opening. */
  public static final Duration LIFETIME = Duration.ofHours(6);
  /** Clocks of several nodes may differ a little. */
  private static final Duration SKEW = Duration.ofMinutes(2);

  public enum Check { VALID, EXPIRED, INVALID }

  private final SecretKeySpec key;

  public FormTokens(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String issue(String target, Instant at) {
    long issued = at.getEpochSecond();
    return issued + "." + sign(target, issued);
  }

  public Check check(String token, String target, Instant now) {
    if (token == null || token.length() > 100) return Check.INVALID;
    int dot = token.indexOf('.');
    if (dot <= 0) return Check.INVALID;
    long issued;
    try {
      issued = Long.parseLong(token.substring(0, dot));
    } catch (NumberFormatException e) {
      return Check.INVALID;
    }
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = sign(target, issued).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected)) return Check.INVALID;
    Instant at = Instant.ofEpochSecond(issued);
    if (at.isAfter(now.plus(SKEW))) return Check.INVALID;
    return at.plus(LIFETIME).isBefore(now) ? Check.EXPIRED : Check.VALID;
  }

  private String sign(String target, long issued) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] h = mac.doFinal((target + "\n" + issued).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
