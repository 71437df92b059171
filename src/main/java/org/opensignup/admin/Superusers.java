package org.opensignup.admin;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The superusers named in {@code admin.superusers}, comma-separated: {@code sub:SUBJECT} (the OIDC
 * subject at the configured issuer), {@code mail:ADDRESS} (a mail address, matched only when the
 * provider says it is verified), or a bare entry (with an {@code @}: a mail address, else a subject).
 * The list is applied at every login, so removing an entry demotes at the next one; further
 * superusers are granted on the roles page.
 */
public final class Superusers {
  public static final String KEY = "admin.superusers";
  private final Set<String> subjects;
  private final Set<String> mails;

  private Superusers(Set<String> subjects, Set<String> mails) {
    this.subjects = Set.copyOf(subjects);
    this.mails = Set.copyOf(mails);
  }

  public static Superusers from(AppConfig config) {
    return parse(config.string(KEY));
  }

  public static Superusers parse(String value) {
    Set<String> subjects = new HashSet<>();
    Set<String> mails = new HashSet<>();
    for (String raw : value.split(",")) {
      String n = raw.strip();
      if (n.isEmpty()) continue;
      boolean mail;
      if (n.startsWith("sub:")) {
        n = n.substring(4).strip();
        mail = false;
      } else if (n.startsWith("mail:")) {
        n = n.substring(5).strip();
        mail = true;
      } else {
        mail = n.contains("@");
      }
      if (n.isEmpty() || n.length() > 254 || n.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
        || mail && !n.matches("[^@]+@[^@]+")) {
        throw new ConfigException(KEY, "expected comma-separated entries sub:SUBJECT or mail:ADDRESS, got '" + raw.strip() + "'");
      }
      // subjects are the provider's identifiers and compared exactly; mail addresses without case
      if (mail) mails.add(n.toLowerCase(Locale.ROOT));
      else subjects.add(n);
    }
    return new Superusers(subjects, mails);
  }

  /** AppConfig.validate calls this so a malformed list stops the start. */
  /** Registered in META-INF/services: runs {@link #validate} whenever a configuration is loaded. */
  public static final class Check implements org.opensignup.config.ConfigCheck {
    @Override
    public void check(AppConfig config) {
      validate(config);
    }
  }

  public static void validate(AppConfig config) {
    from(config);
  }

  /**
   * Whether the configuration names this login. {@code fromIssuer}: the token came from the configured
   * issuer (a subject means something only there); a mail counts only when verified.
   */
  public boolean includes(boolean fromIssuer, String subject, String mail, boolean mailVerified) {
    return fromIssuer && subject != null && subjects.contains(subject)
      || mailVerified && mail != null && mails.contains(mail.toLowerCase(Locale.ROOT));
  }

  /** Names a configured entry matches, for the roles page (shown as fixed there). */
  public boolean namesSubject(String subject) {
    return subject != null && subjects.contains(subject);
  }

  public boolean namesMail(String mail) {
    return mail != null && mails.contains(mail.toLowerCase(Locale.ROOT));
  }
}
