package org.opensignup.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormTokensTest {
  private static final Instant ISSUED = Instant.parse("2026-10-01T08:00:00Z");
  private final FormTokens tokens = new FormTokens("test-secret");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case,                              target checked,  minutes after issue, tamper, expected
    "same form at once,                   /signup/7,       0,    none,    VALID",
    "same form five hours later,          /signup/7,       300,  none,    VALID",
    "same form after the lifetime,        /signup/7,       361,  none,    EXPIRED",
    "another form,                        /signup/8,       0,    none,    INVALID",
    "another action on the status page,   /status/x/accept, 0,   none,    INVALID",
    "issued in the future,                /signup/7,       -10,  none,    INVALID",
    "signature changed,                   /signup/7,       0,    sig,     INVALID",
    "issue time changed to look fresh,    /signup/7,       400,  time,    INVALID",
    "empty,                               /signup/7,       0,    empty,   INVALID",
    "no dot,                              /signup/7,       0,    nodot,   INVALID",
  })
  void aTokenOpensOnlyItsOwnFormWithinItsLifetime(String name, String target, long minutes, String tamper, FormTokens.Check expected) {
    String token = tokens.issue("/signup/7", ISSUED);
    token = switch (tamper) {
      case "sig" -> token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
      case "time" -> (ISSUED.getEpochSecond() + 400 * 60) + token.substring(token.indexOf('.'));
      case "empty" -> "";
      case "nodot" -> token.replace(".", "");
      default -> token;
    };
    assertEquals(expected, tokens.check(token, target, ISSUED.plus(Duration.ofMinutes(minutes))));
  }

  @org.junit.jupiter.api.Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String foreign = new FormTokens("other-secret").issue("/signup/7", ISSUED);
    assertEquals(FormTokens.Check.INVALID, tokens.check(foreign, "/signup/7", ISSUED));
    assertEquals(FormTokens.Check.INVALID, tokens.check(null, "/signup/7", ISSUED));
  }
}
