package org.opensignup.signup;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.opensignup.mail.MailAddress;

/**
 * One application for one course, as checked at the door: every field present, well-formed and
 * within bounds. Built from JSON (API) or a form (pages); travels to the signup verticle as JSON.
 */
public record SignupRequest(
  long courseId,
  String mail,
  String firstName,
  String lastName,
  String tag,
  Long originId,
  Long degreeId,
  Long graduationId,
  Integer semester,
  String locale,
  String pretermToken,
  String idempotencyKey,
  boolean internal) {

  public static final int MAX_NAME = 60;
  public static final int MAX_MAIL = 254;
  public static final int MAX_TAG = 40;
  public static final int MAX_KEY = 200;
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9._-]+$");
  private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");

  /** A field and the message key that says what is wrong with it. */
  public record FieldError(String field, String messageKey) {}

  /** Either a request or the list of what is wrong (never both). */
  public record Parsed(SignupRequest request, List<FieldError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public String mailKey() {
    return org.opensignup.mail.MailKey.of(mail);
  }

  /**
   * What makes two requests the same request (everything but the Idempotency-Key): a retry with the
   * same key gets the stored answer only when this matches, so a key cannot fetch another signup's secret.
   */
  public byte[] fingerprint() {
    JsonObject j = toJson();
    j.remove("idempotencyKey");
    j.put("mail", mailKey());
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(j.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * From the JSON API. {@code internal} and {@code tag} of logged-in users come from the session, not the body.
   * Text fields must be JSON strings; ids and the semester may be whole numbers or strings of digits.
   */
  public static Parsed fromJson(JsonObject body, String locale, String idempotencyKey) {
    Fields f = new Fields(body::getValue);
    return f.build(null, locale, idempotencyKey);
  }

  /** From the HTML form; the mail address is asked twice there. */
  public static Parsed fromForm(MultiMap form, String courseId, String locale) {
    Fields f = new Fields(form::get);
    String repeat = form.get("mailRepeat");
    return f.build(courseId, locale, null, repeat == null ? "" : repeat.strip());
  }

  /** The logged-in (OIDC) applicant's identity replaces what the form said. */
  public SignupRequest asInternal(String mail, String firstName, String lastName, String tag) {
    return new SignupRequest(courseId, mail, firstName, lastName, tag, originId, degreeId, graduationId, semester, locale,
      pretermToken, idempotencyKey, true);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("courseId", courseId).put("mail", mail).put("firstName", firstName).put("lastName", lastName)
      .put("tag", tag).put("originId", originId).put("degreeId", degreeId).put("graduationId", graduationId)
      .put("semester", semester).put("locale", locale).put("pretermToken", pretermToken)
      .put("idempotencyKey", idempotencyKey).put("internal", internal);
  }

  public static SignupRequest fromBus(JsonObject j) {
    return new SignupRequest(j.getLong("courseId"), j.getString("mail"), j.getString("firstName"), j.getString("lastName"),
      j.getString("tag"), j.getLong("originId"), j.getLong("degreeId"), j.getLong("graduationId"), j.getInteger("semester"),
      j.getString("locale"), j.getString("pretermToken"), j.getString("idempotencyKey"), j.getBoolean("internal", false));
  }

  /** Reads and checks fields one by one, collecting every problem so the form can show them all. */
  private static final class Fields {
    private final java.util.function.Function<String, Object> source;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(java.util.function.Function<String, Object> source) {
      this.source = source;
    }

    Parsed build(String courseIdOverride, String locale, String idempotencyKey) {
      return build(courseIdOverride, locale, idempotencyKey, null);
    }

    Parsed build(String courseIdOverride, String locale, String idempotencyKey, String mailRepeat) {
      Long courseId = id(courseIdOverride != null ? courseIdOverride : raw("courseId"), "courseId", true);
      String mail = text("mail", MAX_MAIL, true);
      if (mail != null && !MailAddress.isValid(mail)) error("mail", "signup.error.mail-invalid");
      if (mailRepeat != null && mail != null && !mail.equalsIgnoreCase(mailRepeat)) error("mailRepeat", "signup.error.mail-repeat");
      String first = text("firstName", MAX_NAME, true);
      String last = text("lastName", MAX_NAME, true);
      String tag = text("tag", MAX_TAG, false);
      if (tag != null && !TAG.matcher(tag).matches()) error("tag", "signup.error.tag-invalid");
      Long origin = id(raw("originId"), "originId", false);
      Long degree = id(raw("degreeId"), "degreeId", false);
      Long graduation = id(raw("graduationId"), "graduationId", false);
      Integer semester = null;
      String sem = raw("semester");
      if (sem != null && !sem.isBlank()) {
        try {
          semester = Integer.parseInt(sem.strip());
          if (semester < 1 || semester > 40) error("semester", "signup.error.semester");
        } catch (NumberFormatException e) {
          error("semester", "signup.error.semester");
        }
      }
      String token = text("pretermToken", 64, false);
      if (token != null && !TOKEN.matcher(token).matches()) error("pretermToken", "signup.error.token");
      if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY)) {
        error("Idempotency-Key", "signup.error.idempotency-key");
      }
      Object asked = source.apply("locale");
      if (asked != null && !(asked instanceof String)) error("locale", "signup.error.not-text");
      String lang = "en".equals(asked) || "de".equals(asked) ? (String) asked : locale;
      if (!errors.isEmpty()) return new Parsed(null, List.copyOf(errors));
      return new Parsed(new SignupRequest(courseId, mail, first, last, tag, origin, degree, graduation, semester, lang,
        token, idempotencyKey, false), List.of());
    }

    /** A number field: a JSON number is taken as its digits, anything else that is not a string as garbage. */
    private String raw(String name) {
      Object v = source.apply(name);
      if (v == null || v instanceof String) return (String) v;
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return v.toString();
      return "-"; // a fraction, boolean, array or object: neither an id nor a semester
    }

    private void error(String field, String key) {
      if (errors.stream().noneMatch(e -> e.field().equals(field))) errors.add(new FieldError(field, key));
    }

    private String text(String name, int max, boolean required) {
      Object value = source.apply(name);
      if (value != null && !(value instanceof String)) {
        error(name, "signup.error.not-text");
        return null;
      }
      String v = value == null ? null : ((String) value).strip();
      if (v == null || v.isEmpty()) {
        if (required) error(name, "signup.error.required");
        return null;
      }
      if (v.length() > max) {
        error(name, "signup.error.too-long");
        return null;
      }
      if (!displaySafe(v)) {
        error(name, "signup.error.control-characters");
        return null;
      }
      return v;
    }

    private Long id(String v, String field, boolean required) {
      if (v == null || v.isBlank()) {
        if (required) error(field, "signup.error.required");
        return null;
      }
      try {
        long id = Long.parseLong(v.strip());
        if (id <= 0) throw new NumberFormatException();
        return id;
      } catch (NumberFormatException e) {
        error(field, "signup.error.unknown-choice");
        return null;
      }
    }
  }

  /**
   * No control characters (C0, DEL, C1), no line or paragraph separators, no bidi overrides or
   * isolates (which would let a name reorder the text of a mail or a staff list) and no unpaired
   * surrogates (which PostgreSQL cannot store as UTF-8).
   */
  static boolean displaySafe(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return false;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
