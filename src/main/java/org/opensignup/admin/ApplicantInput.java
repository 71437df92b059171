package org.opensignup.admin;

import io.vertx.core.json.JsonObject;
import org.opensignup.signup.SignupRequest;

import java.util.Set;

/**
 * Checks staff's changes of an applicant's data with the public form's own checks
 * ({@link SignupRequest}): the same required fields, lengths, characters, mail and matriculation
 * number formats and semester range. The first bad field is refused with 422 and its name.
 */
public final class ApplicantInput {
  /** The fields staff may change (the matriculation number, "tag", is write-only: only its hash is kept). */
  public static final Set<String> FIELDS = Set.of("firstName", "lastName", "mail", "tag", "originId", "degreeId", "graduationId",
    "semester", "locale");

  private ApplicantInput() {}

  public record Data(String firstName, String lastName, String mail, Long originId, Long degreeId, Long graduationId,
                     Integer semester, String locale) {}

  /** The applicant's data as it will be: {@code current} (API field names) overlaid with {@code patch}. */
  public static Data check(JsonObject current, JsonObject patch) {
    for (String f : patch.fieldNames()) if (!FIELDS.contains(f)) throw StaffInput.bad(f, "admin.desk.error.unknown-field");
    JsonObject merged = current.copy().mergeIn(patch);
    Object locale = merged.getValue("locale");
    if (!"de".equals(locale) && !"en".equals(locale)) throw StaffInput.bad("locale", "admin.desk.error.locale");
    // the public form's checks; the course is no part of an applicant's data
    JsonObject asForm = merged.copy().put("courseId", 1);
    asForm.remove("tag");
    // only a new number is checked (the stored one is a hash); empty removes it
    if (patch.getValue("tag") != null) asForm.put("tag", patch.getValue("tag"));
    SignupRequest.Parsed p = SignupRequest.fromJson(asForm, (String) locale, null);
    if (!p.ok()) {
      SignupRequest.FieldError e = p.errors().get(0);
      throw StaffInput.bad(e.field(), e.messageKey());
    }
    SignupRequest r = p.request();
    if (r.originId() == null) throw StaffInput.bad("originId", "signup.error.required");
    return new Data(r.firstName(), r.lastName(), r.mail(), r.originId(), r.degreeId(), r.graduationId(), r.semester(), r.locale());
  }

  /**
   * What the patch does with the matriculation number: null keeps it, "" removes it, anything else is
   * the new number (already checked by {@link #check}).
   */
  public static String tag(JsonObject patch) {
    if (!patch.containsKey("tag")) return null;
    Object t = patch.getValue("tag");
    return t == null ? "" : ((String) t).strip();
  }
}
