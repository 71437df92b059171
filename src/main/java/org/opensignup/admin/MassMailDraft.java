package org.opensignup.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a staff member typed into the mass-mail form, and the rules it must meet. Pure: the routes
 * parse into it, {@link #problem()} names the first thing to fix (a message key and the field).
 */
public record MassMailDraft(List<Long> courseIds, List<String> states, String subject, String body, String senderName,
                            List<String> cc, List<String> bcc, String locale) {
  public static final int SUBJECT_MAX = 200;
  public static final int BODY_MAX = 20_000;
  public static final int SENDER_MAX = 120;
  public static final int COPIES_MAX = 20;
  public static final List<String> STATES = List.of("confirmed", "waiting", "offered", "pool", "unpaid");
  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+$");

  /** A refusal of the form: message key, the field, arguments of the message. */
  public record Problem(String key, String field, Object... args) {}

  public MassMailDraft {
    courseIds = List.copyOf(courseIds);
    states = List.copyOf(states);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    subject = subject == null ? "" : subject.strip();
    // browsers send CRLF; the mail keeps plain line breaks
    body = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n').strip();
    senderName = senderName == null || senderName.isBlank() ? null : senderName.strip();
    locale = "en".equals(locale) ? "en" : "de";
  }

  /** "a@x.org, b@y.org; c@z.org" or one per line into a list (duplicates dropped, case kept). */
  public static List<String> addresses(String s) {
    Set<String> out = new LinkedHashSet<>();
    if (s != null) for (String part : s.split("[,;\\s]+")) if (!part.isBlank()) out.add(part.strip());
    return new ArrayList<>(out);
  }

  public static boolean isAddress(String s) {
    return s != null && s.length() <= 254 && ADDRESS.matcher(s).matches();
  }

  public Problem problem() {
    if (courseIds.isEmpty()) return new Problem("admin.mail.error.courses", "course");
    if (states.isEmpty()) return new Problem("admin.mail.error.states", "state");
    for (String s : states) if (!STATES.contains(s)) return new Problem("admin.mail.error.states", "state");
    if (subject.isEmpty()) return new Problem("admin.mail.error.subject", "subject");
    if (subject.length() > SUBJECT_MAX || subject.contains("\n") || subject.contains("\r")) {
      return new Problem("admin.mail.error.subject-long", "subject", SUBJECT_MAX, BODY_MAX);
    }
    if (body.isEmpty()) return new Problem("admin.mail.error.body", "body");
    if (body.length() > BODY_MAX) return new Problem("admin.mail.error.body-long", "body", SUBJECT_MAX, BODY_MAX);
    if (senderName != null && (senderName.length() > SENDER_MAX || senderName.matches(".*[\\r\\n<>\"].*"))) {
      return new Problem("admin.mail.error.sender", "senderName", SENDER_MAX);
    }
    for (List<String> list : List.of(cc, bcc)) {
      String field = list == cc ? "cc" : "bcc";
      if (list.size() > COPIES_MAX) return new Problem("admin.mail.error.copies", field, COPIES_MAX);
      for (String a : list) if (!isAddress(a)) return new Problem("admin.mail.error.address", field, a);
    }
    return null;
  }

  /** The file types a mass mail may carry, by extension: PDF, images, office documents, plain text. */
  public static String contentType(String filename) {
    int dot = filename.lastIndexOf('.');
    String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "pdf" -> "application/pdf";
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "gif" -> "image/gif";
      case "webp" -> "image/webp";
      case "txt" -> "text/plain";
      case "doc" -> "application/msword";
      case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      case "xls" -> "application/vnd.ms-excel";
      case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      case "ppt" -> "application/vnd.ms-powerpoint";
      case "pptx" -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
      case "odt" -> "application/vnd.oasis.opendocument.text";
      case "ods" -> "application/vnd.oasis.opendocument.spreadsheet";
      case "odp" -> "application/vnd.oasis.opendocument.presentation";
      default -> null;
    };
  }

  /** The name as sent: no path, no control or quote characters, at most 200 characters. */
  public static String safeFilename(String name) {
    String n = name == null ? "" : name.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>]", "").strip();
    if (n.length() > 200) {
      int dot = n.lastIndexOf('.');
      String ext = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
      n = n.substring(0, 200 - ext.length()) + ext;
    }
    return n;
  }
}
