package org.opensignup.auth;

import org.junit.jupiter.api.Test;
import org.opensignup.StartupException;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class OidcStartupTest {

  @Test
  void unreachableIssuerStopsStartUpNamingTheSetting() {
    String issuer = "http://127.0.0.1:" + TestApp.freePort() + "/realms/uni";
    StartupException e = assertThrows(StartupException.class, () -> TestApp.start(Map.of("oidc.issuer", issuer)).close());
    assertTrue(e.getMessage().contains("OIDC discovery at " + issuer) && e.getMessage().contains("check oidc.issuer"), e.getMessage());
  }
}
