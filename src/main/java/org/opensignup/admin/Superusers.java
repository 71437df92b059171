package org.opensignup.admin;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The superusers named in {@code admin.superusers}: OIDC subjects or mail addresses (compared
 * case-insensitively). They bootstrap the staff area; further roles are granted on its roles page.
 */
public final class Superusers {
  public static final String KEY = "admin.superusers";
  private final Set<String> names;

  private Superusers(Set<String> names) {
    this.names = names;
  }

  public static Superusers from(AppConfig config) {
    return parse(config.string(KEY));
  }

  public static Superusers parse(String value) {
    Set<String> names = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
      .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    for (String n : names) {
      if (n.length() > 254 || n.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new ConfigException(KEY, "expected comma-separated OIDC subjects or mail addresses, got '" + n + "'");
      }
    }
    return new Superusers(names);
  }

  /** AppConfig.validate calls this so a malformed list stops the start. */
  public static void validate(AppConfig config) {
    from(config);
  }

  public boolean includes(String subject, String mail) {
    return subject != null && names.contains(subject.toLowerCase(Locale.ROOT))
      || mail != null && names.contains(mail.toLowerCase(Locale.ROOT));
  }
}
