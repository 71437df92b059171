package org.opensignup.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

/**
 * The identity of an applicant who logged in by OIDC, as kept in the session. Any part the
 * provider did not send is null (the form then asks for it).
 */
public record Applicant(String mail, String firstName, String lastName, String tag) {
  /** Session key; the value is this record as JSON (sessions may be serialised). */
  public static final String SESSION_KEY = "opensignup.applicant";

  /** Which claims hold which part; configurable because providers name them differently. */
  public record Claims(String mail, String givenName, String familyName, String tag) {}

  public static Applicant fromClaims(JsonObject claims, Claims names) {
    return new Applicant(claim(claims, names.mail()), claim(claims, names.givenName()), claim(claims, names.familyName()),
      claim(claims, names.tag()));
  }

  /** The logged-in applicant of this session, or null. */
  public static Applicant of(Session session) {
    if (session == null) return null;
    Object v = session.get(SESSION_KEY);
    if (!(v instanceof String s)) return null;
    JsonObject j = new JsonObject(s);
    return new Applicant(j.getString("mail"), j.getString("firstName"), j.getString("lastName"), j.getString("tag"));
  }

  public void storeIn(Session session) {
    session.put(SESSION_KEY, new JsonObject().put("mail", mail).put("firstName", firstName).put("lastName", lastName)
      .put("tag", tag).encode());
  }

  /** Something to show after "logged in as": the name if known, else the mail, else the tag. */
  public String displayName() {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    if (!name.isEmpty()) return mail == null ? name : name + " (" + mail + ")";
    return mail != null ? mail : tag == null ? "?" : tag;
  }

  private static String claim(JsonObject claims, String name) {
    if (claims == null || name == null || name.isEmpty()) return null;
    Object v = claims.getValue(name);
    if (v == null) return null;
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? null : s;
  }
}
