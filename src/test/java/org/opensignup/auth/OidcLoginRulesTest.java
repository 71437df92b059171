package org.opensignup.auth;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The plain rules around OIDC login: return paths, claims, settings. */
class OidcLoginRulesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "/signup/12|/signup/12",
    "/status/abc_DEF-123?new=1|/status/abc_DEF-123?new=1",
    "/|/",
    "https://evil.example/|/",
    "//evil.example/x|/",
    "/\\evil.example|/",
    "/signup/../admin|/",
    "javascript:alert(1)|/",
    "signup/12|/",
    "'/a\nLocation: x'|/",
  })
  void onlyPlainPathsOnThisSiteAreFollowedAfterLogin(String requested, String followed) {
    assertEquals(followed, ReturnPath.sanitise(requested));
  }

  @Test
  void missingReturnPathGoesHome() {
    assertEquals("/", ReturnPath.sanitise(null));
    assertEquals("/", ReturnPath.sanitise(""));
  }

  @Test
  void identityIsReadFromTheConfiguredClaims() {
    Applicant.Claims names = new Applicant.Claims("mail", "givenName", "sn", "matrikel");
    JsonObject claims = new JsonObject().put("mail", " anna@uni.example ").put("givenName", "Anna").put("sn", "Berg")
      .put("matrikel", 1234567).put("email", "other@example.org");
    Applicant a = Applicant.fromClaims(claims, names);
    assertEquals(new Applicant("anna@uni.example", "Anna", "Berg", "1234567"), identity(a));
    assertFalse(a.mailVerified(), "no email_verified claim: not verified");
    assertEquals("Anna Berg (anna@uni.example)", a.displayName());
  }

  @Test
  void missingOrBlankClaimsStayEmptySoTheFormAsksForThem() {
    Applicant a = Applicant.fromClaims(new JsonObject().put("email", "x@uni.example").put("given_name", " "),
      OidcLogin.claimNames(AppConfig.withOverrides(Map.of())));
    assertEquals(new Applicant("x@uni.example", null, null, null), identity(a));
    assertEquals("x@uni.example", a.displayName());
  }

  private static Applicant identity(Applicant a) {
    return new Applicant(a.mail(), a.firstName(), a.lastName(), a.tag());
  }

  @Test
  void mailIsVerifiedOnlyByATrueClaimAndTextClaimsAreKeptForOriginProofs() {
    Applicant.Claims names = OidcLogin.claimNames(AppConfig.withOverrides(Map.of()));
    assertTrue(Applicant.fromClaims(new JsonObject().put("email", "a@b.cd").put("email_verified", true), names).mailVerified());
    assertTrue(Applicant.fromClaims(new JsonObject().put("email", "a@b.cd").put("email_verified", "true"), names).mailVerified());
    for (Object no : new Object[] {false, "false", "yes", 1}) {
      assertFalse(Applicant.fromClaims(new JsonObject().put("email", "a@b.cd").put("email_verified", no), names).mailVerified(), String.valueOf(no));
    }
    Applicant a = Applicant.fromClaims(new JsonObject().put("affiliation", new io.vertx.core.json.JsonArray().add("Staff").add("member"))
      .put("unit", "ZAK").put("age", 40), names);
    assertTrue(a.hasClaim("affiliation", List.of("staff")));
    assertTrue(a.hasClaim("unit", List.of("zak", "other")));
    assertFalse(a.hasClaim("affiliation", List.of("student")));
    assertFalse(a.hasClaim("age", List.of("40")), "only text claims are kept");
  }

  @Test
  void defaultClaimsAndScopesAreTheStandardOnes() {
    AppConfig c = AppConfig.withOverrides(Map.of("oidc.issuer", "https://login.example.org/realms/uni"));
    assertEquals(new Applicant.Claims("email", "given_name", "family_name", "preferred_username", "email_verified"), OidcLogin.claimNames(c));
    assertEquals(List.of("openid", "profile", "email"), OidcLogin.scopes(c));
  }

  @Test
  void badOidcSettingsStopStartUpWithTheKeyNamed() {
    String issuer = "https://login.example.org";
    assertKey("oidc.issuer", Map.of("oidc.issuer", "login.example.org"));
    assertKey("oidc.scopes", Map.of("oidc.issuer", issuer, "oidc.scopes", "profile email"));
    assertKey("oidc.tag-claim", Map.of("oidc.issuer", issuer, "oidc.tag-claim", ""));
    assertKey("oidc.client-id", Map.of("oidc.issuer", issuer, "oidc.client-id", ""));
    // without an issuer login is off and the other keys are not looked at
    assertDoesNotThrow(() -> AppConfig.withOverrides(Map.of("oidc.tag-claim", "")));
  }

  private static void assertKey(String key, Map<String, String> overrides) {
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.withOverrides(overrides));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
