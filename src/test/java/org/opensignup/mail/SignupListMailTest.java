package org.opensignup.mail;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.*;

/** The "my signups" mail: in both languages, with the list link (escaped in HTML) and how long it lives. */
class SignupListMailTest {
  private static final MailTemplates templates = new MailTemplates(ZoneId.of("Europe/Berlin"));
  private static final String LINK = "https://signup.example/signup/mine/list?m=ada%40example.org&t=1.abc";

  @Test
  void theMailCarriesTheLinkInBothLanguages() {
    JsonObject payload = new JsonObject().put("firstName", "Ada").put("lastName", "Lovelace").put("listUrl", LINK);
    MailTemplates.Rendered de = templates.render(Outbox.Kind.SIGNUP_LIST, "de", payload);
    assertEquals("Ihre Anmeldungen", de.subject());
    assertTrue(de.text().contains(LINK) && de.text().contains("6 Stunden"), de.text());
    assertTrue(de.html().contains("href=\"" + LINK.replace("&", "&amp;") + "\""), de.html());
    MailTemplates.Rendered en = templates.render(Outbox.Kind.SIGNUP_LIST, "en", payload);
    assertEquals("Your signups", en.subject());
    assertTrue(en.text().contains("Dear Ada Lovelace") && en.text().contains(LINK) && en.text().contains("6 hours"), en.text());
  }
}
