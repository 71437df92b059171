package org.opensignup.auth;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A login that comes back broken (forged state, no session) is answered with a page that says so, in the visitor's language. */
class OidcLoginFailureTest {
  private static MockOAuth2Server oidc;
  private static Application app;
  private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString()));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  @Test
  void aCallbackWithAForgedStateGetsAnErrorPageNotABareStatus() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.config().httpPort()
        + OidcLogin.CALLBACK_PATH + "?code=stolen&state=forged"))
      .header("Accept", "text/html").header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() >= 400 && r.statusCode() < 600, "refused: " + r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().map().toString());
    assertTrue(r.body().contains("Login did not work"), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
  }
}
