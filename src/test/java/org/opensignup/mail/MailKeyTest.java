package org.opensignup.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two spellings of one address give one key; the key is what Java says, whatever the database's lower() would. */
class MailKeyTest {
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
    "Ada@Example.org, ada@example.org",
    "'  ada@example.org ', ada@example.org",
    "ΑΣ@gr.example, ασ@gr.example",
    "ας@gr.example, ασ@gr.example",
    "\u0130x@tr.example, i\u0307x@tr.example",
    "e\u0301@x.example, \u00e9@x.example",
  })
  void spellingsOfOneAddressMeet(String a, String b) {
    assertEquals(MailKey.of(b), MailKey.of(a));
  }
}
