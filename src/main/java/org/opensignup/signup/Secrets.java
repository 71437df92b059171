package org.opensignup.signup;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable, URL-safe secrets for status and sign-off links (128 bits). */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
