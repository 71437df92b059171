package org.opensignup.signup;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The door's checks on one request, field by field (the routes answer these with 422 and the field). */
class SignupRequestTest {

  private static JsonObject good() {
    return new JsonObject().put("courseId", 15).put("mail", "ada@uni.example").put("firstName", "Ada").put("lastName", "Lovelace")
      .put("originId", 3);
  }

  /** case, field, value, expected field in error (null: accepted), expected message key. */
  static Stream<Arguments> fields() {
    return Stream.of(
      Arguments.of("first name as a number", "firstName", 42, "signup.error.not-text"),
      Arguments.of("last name as an array", "lastName", new JsonArray().add("Love").add("lace"), "signup.error.not-text"),
      Arguments.of("last name as an object", "lastName", new JsonObject().put("x", 1), "signup.error.not-text"),
      Arguments.of("first name as a boolean", "firstName", true, "signup.error.not-text"),
      Arguments.of("mail as a number", "mail", 12345, "signup.error.not-text"),
      Arguments.of("tag as a number", "tag", 4711, "signup.error.not-text"),
      Arguments.of("locale as an object", "locale", new JsonObject(), "signup.error.not-text"),
      Arguments.of("mail in angle brackets", "mail", "<a@b.cd>", "signup.error.mail-invalid"),
      Arguments.of("two addresses", "mail", "a,b@c.de", "signup.error.mail-invalid"),
      Arguments.of("quoted local part", "mail", "\"q\"@c.de", "signup.error.mail-invalid"),
      Arguments.of("semicolon", "mail", "a;b@c.de", "signup.error.mail-invalid"),
      Arguments.of("right-to-left override in a name", "lastName", "Love\u202Eecal", "signup.error.control-characters"),
      Arguments.of("left-to-right embedding", "firstName", "\u202AAda", "signup.error.control-characters"),
      Arguments.of("first strong isolate", "firstName", "Ada\u2068", "signup.error.control-characters"),
      Arguments.of("pop directional isolate", "lastName", "\u2069Lovelace", "signup.error.control-characters"),
      Arguments.of("C1 control", "lastName", "Love\u0085lace", "signup.error.control-characters"),
      Arguments.of("C1 control at the end of the range", "lastName", "Love\u009Flace", "signup.error.control-characters"),
      Arguments.of("DEL", "firstName", "Ada\u007F", "signup.error.control-characters"),
      Arguments.of("line separator", "firstName", "Ada\u2028Bcc", "signup.error.control-characters"),
      Arguments.of("unpaired surrogate", "lastName", "Love\uD800lace", "signup.error.control-characters"),
      Arguments.of("course id as a fraction", "courseId", 15.5, "signup.error.unknown-choice"),
      Arguments.of("course id as an array", "courseId", new JsonArray().add(15), "signup.error.unknown-choice"),
      Arguments.of("semester as a boolean", "semester", true, "signup.error.semester"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void badFieldIsNamed(String name, String field, Object value, String key) {
    SignupRequest.Parsed p = SignupRequest.fromJson(good().put(field, value), "de", null);
    assertFalse(p.ok(), name);
    assertEquals(field, p.errors().get(0).field(), p.errors().toString());
    assertEquals(key, p.errors().get(0).messageKey());
  }

  @Test
  void idsMayBeNumbersOrDigitStringsAndNamesAnyScript() {
    SignupRequest.Parsed p = SignupRequest.fromJson(good().put("courseId", "15").put("originId", 3).put("semester", "4")
      .put("firstName", "Zoë Ødegård").put("lastName", "عبد الله").put("locale", "en"), "de", null);
    assertTrue(p.ok(), p.errors().toString());
    assertEquals(15, p.request().courseId());
    assertEquals(4, p.request().semester());
    assertEquals("en", p.request().locale());
    assertEquals("عبد الله", p.request().lastName());
    assertTrue(SignupRequest.fromJson(good().put("locale", "fr-CA"), "de", null).ok(), "an unknown language falls back, as before");
  }

  @Test
  void theFormIsCheckedTheSameWay() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("mail", "a;b@c.de").add("mailRepeat", "a;b@c.de")
      .add("firstName", "Ada").add("lastName", "Love\u202Elace").add("originId", "3");
    SignupRequest.Parsed p = SignupRequest.fromForm(form, "15", "de");
    assertEquals(java.util.List.of("mail", "lastName"), p.errors().stream().map(SignupRequest.FieldError::field).toList());
  }
}
