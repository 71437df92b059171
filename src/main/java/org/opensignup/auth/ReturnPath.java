package org.opensignup.auth;

import java.util.regex.Pattern;

/**
 * Where to send the browser after login or logout. Only a path on this site is accepted, so the
 * login link cannot be abused to forward people to another site (open redirect).
 */
public final class ReturnPath {
  private static final Pattern SAFE = Pattern.compile("^/(?![/\\\\])[A-Za-z0-9/_.~%=&?+-]{0,300}$");

  private ReturnPath() {}

  /** The given path if it is a plain path on this site, otherwise "/". */
  public static String sanitise(String requested) {
    if (requested == null || !SAFE.matcher(requested).matches() || requested.contains("/..") || requested.contains("\\")) return "/";
    return requested;
  }
}
