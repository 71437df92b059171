package org.opensignup.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** What the signup door accepts as a mail address: only what the mailer can send to as one plain recipient. */
class MailAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "ada@uni.example", "Ada.Lovelace@uni.example", "a+tag@mail.uni-karlsruhe.de", "o'brien@example.ie",
    "x_y-z@sub.domain.example.org", "1234@numbers.example", "jürgen@müller.example", "İx@tr.example", "ΑΣ@gr.example",
    "a!#$%&*/=?^`{|}~@b.example"})
  void plainAddressesAreAccepted(String address) {
    assertTrue(MailAddress.isValid(address), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // accepted by the old door and then refused by the mailer
    "<a@b.cd>", "a,b@c.de", "\"q\"@c.de", "a;b@c.de",
    // display names, comments, domain literals, missing parts
    "Ada <ada@uni.example>", "ada@uni.example (Ada)", "a@[127.0.0.1]", "a@b", "@b.de", "a@", "a@.de", "a@b.",
    // dot-atom: no leading, trailing or double dots; no spaces
    ".a@b.de", "a.@b.de", "a..b@c.de", "a b@c.de", "a@b..de", "a@-b.de", "a@b-.de", "a@b.123",
    "a@b@c.de", "a\\b@c.de", "a(b)@c.de", "a[b]@c.de", "a:b@c.de"})
  void whatTheMailerCannotTakeIsRefused(String address) {
    assertFalse(MailAddress.isValid(address), address);
  }

  @org.junit.jupiter.api.Test
  void lengthsFollowTheStandard() {
    assertTrue(MailAddress.isValid("a".repeat(64) + "@b.example"));
    assertFalse(MailAddress.isValid("a".repeat(65) + "@b.example"), "local part over 64");
    assertFalse(MailAddress.isValid("a@" + "b".repeat(64) + ".example"), "label over 63");
    assertFalse(MailAddress.isValid("a@" + ("b".repeat(60) + ".").repeat(5) + "example"), "over 254 in all");
    assertFalse(MailAddress.isValid(null));
    assertFalse(MailAddress.isValid(""));
  }
}
