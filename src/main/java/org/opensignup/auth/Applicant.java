package org.opensignup.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity of an applicant who logged in by OIDC, as kept in the session. Any part the
 * provider did not send is null (the form then asks for it). {@code mailVerified}: the provider
 * vouched for the address. {@code attributes}: the provider's short text claims (such as an
 * affiliation), which prove an origin whose proof is the login.
 */
public record Applicant(String mail, String firstName, String lastName, String tag, boolean mailVerified,
                        Map<String, List<String>> attributes) {
  /** Session key; the value is this record as JSON (sessions may be serialised). */
  public static final String SESSION_KEY = "opensignup.applicant";
  /** Bounds on what is kept of the claims, so a session stays small whatever the provider sends. */
  static final int MAX_ATTRIBUTES = 32, MAX_VALUES = 32, MAX_VALUE_LENGTH = 200;

  /** Which claims hold which part; configurable because providers name them differently. */
  public record Claims(String mail, String givenName, String familyName, String tag, String mailVerified) {
    public Claims(String mail, String givenName, String familyName, String tag) {
      this(mail, givenName, familyName, tag, "email_verified");
    }
  }

  public Applicant {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public Applicant(String mail, String firstName, String lastName, String tag) {
    this(mail, firstName, lastName, tag, false, Map.of());
  }

  public static Applicant fromClaims(JsonObject claims, Claims names) {
    return new Applicant(claim(claims, names.mail()), claim(claims, names.givenName()), claim(claims, names.familyName()),
      claim(claims, names.tag()), verified(claims, names.mailVerified()), attributes(claims));
  }

  /** True only for a boolean true (or the text "true", which some providers send). */
  static boolean verified(JsonObject claims, String name) {
    if (claims == null || name == null || name.isEmpty()) return false;
    Object v = claims.getValue(name);
    return Boolean.TRUE.equals(v) || v instanceof String s && s.strip().equalsIgnoreCase("true");
  }

  /** Claims with a text value or a list of texts, bounded; numbers and objects are left out. */
  static Map<String, List<String>> attributes(JsonObject claims) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (claims == null) return out;
    for (String name : claims.fieldNames()) {
      if (out.size() >= MAX_ATTRIBUTES) break;
      if (name.length() > 100) continue;
      Object v = claims.getValue(name);
      List<String> values = new ArrayList<>();
      if (v instanceof String s) {
        values.add(s.strip());
      } else if (v instanceof JsonArray a) {
        for (Object o : a) if (o instanceof String s && values.size() < MAX_VALUES) values.add(s.strip());
      }
      values.removeIf(s -> s.isEmpty() || s.length() > MAX_VALUE_LENGTH);
      if (!values.isEmpty()) out.put(name, List.copyOf(values));
    }
    return out;
  }

  /** Whether claim {@code name} holds one of {@code accepted} (compared without case). */
  public boolean hasClaim(String name, List<String> accepted) {
    List<String> values = attributes.getOrDefault(name, List.of());
    for (String v : values) for (String a : accepted) if (v.equalsIgnoreCase(a)) return true;
    return false;
  }

  /** The logged-in applicant of this session, or null. */
  public static Applicant of(Session session) {
    if (session == null) return null;
    Object v = session.get(SESSION_KEY);
    if (!(v instanceof String s)) return null;
    JsonObject j = new JsonObject(s);
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    JsonObject a = j.getJsonObject("attributes", new JsonObject());
    for (String name : a.fieldNames()) {
      List<String> values = new ArrayList<>();
      for (Object o : a.getJsonArray(name, new JsonArray())) if (o instanceof String t) values.add(t);
      attributes.put(name, values);
    }
    return new Applicant(j.getString("mail"), j.getString("firstName"), j.getString("lastName"), j.getString("tag"),
      j.getBoolean("mailVerified", false), attributes);
  }

  public void storeIn(Session session) {
    JsonObject a = new JsonObject();
    attributes.forEach((name, values) -> a.put(name, new JsonArray(values)));
    session.put(SESSION_KEY, new JsonObject().put("mail", mail).put("firstName", firstName).put("lastName", lastName)
      .put("tag", tag).put("mailVerified", mailVerified).put("attributes", a).encode());
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
