package org.opensignup.signup;

import io.vertx.core.json.JsonObject;

/** The template model of a signup mail (see mail/Outbox for the shape). */
final class MailModel {
  private MailModel() {}

  static JsonObject of(String firstName, String lastName, String courseName, String languageName, String state,
                       Integer position, int feeCents, String publicUrl, String secret) {
    String status = publicUrl + "/status/" + secret;
    return new JsonObject()
      .put("firstName", firstName)
      .put("lastName", lastName)
      .put("course", new JsonObject().put("name", courseName).put("language", languageName))
      .put("state", state)
      .put("position", position)
      .put("feeCents", feeCents)
      .put("statusUrl", status)
      .put("signoffUrl", status + "#signoff");
  }
}
