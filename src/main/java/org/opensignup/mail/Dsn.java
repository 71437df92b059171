package org.opensignup.mail;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a delivery status notification (RFC 3464) that matter here, read from the raw
 * message text. Vacation replies and other mail to a return path are not DSNs and are ignored.
 */
record Dsn(boolean failed, String finalRecipient, String status, String diagnostic) {
  private static final Pattern REPORT = Pattern.compile("report-type\\s*=\\s*\"?delivery-status", Pattern.CASE_INSENSITIVE);
  private static final Pattern FINAL_RECIPIENT = field("Final-Recipient");
  private static final Pattern ORIGINAL_RECIPIENT = field("Original-Recipient");
  private static final Pattern ACTION = field("Action");
  private static final Pattern STATUS = field("Status");
  private static final Pattern DIAGNOSTIC = field("Diagnostic-Code");

  private static Pattern field(String name) {
    return Pattern.compile("(?im)^" + name + ":[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)$");
  }

  /** Null when the text is no delivery status report. */
  static Dsn parse(String message) {
    if (message == null || !REPORT.matcher(message).find()) return null;
    String action = first(ACTION, message);
    String status = first(STATUS, message);
    boolean failed = (action != null && action.toLowerCase(Locale.ROOT).startsWith("failed")) || (status != null && status.startsWith("5"));
    String recipient = address(first(FINAL_RECIPIENT, message));
    if (recipient == null) recipient = address(first(ORIGINAL_RECIPIENT, message));
    return new Dsn(failed, recipient, status, first(DIAGNOSTIC, message));
  }

  /** "rfc822; user@example.org" → "user@example.org". */
  private static String address(String typed) {
    if (typed == null) return null;
    int semi = typed.indexOf(';');
    String a = (semi >= 0 ? typed.substring(semi + 1) : typed).trim();
    if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
    return a.isEmpty() ? null : a;
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1).replaceAll("\\s+", " ").trim() : null;
  }

  String reason() {
    StringBuilder b = new StringBuilder();
    if (status != null) b.append(status);
    if (diagnostic != null) b.append(b.length() > 0 ? " " : "").append(diagnostic);
    return b.length() == 0 ? "delivery failed" : b.toString();
  }
}
