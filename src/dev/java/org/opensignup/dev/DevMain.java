package org.opensignup.dev;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.opensignup.Main;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The development jar's entry point ({@code java -jar target/opensignup-dev.jar}): the server as
 * {@link Main} starts it (with {@link DevServices}: embedded PostgreSQL and SMTP sink where nothing
 * is configured), plus a local OIDC provider (mock-oauth2-server on loopback) so logging in as
 * applicant or staff works without a real one. Its login page accepts any user name and optional
 * claims as JSON, e.g. {"email":"anna@uni.example","given_name":"Anna","preferred_username":"ab1234"};
 * the user name {@code admin} is a superuser.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    Map<String, String> extra = new LinkedHashMap<>();
    if (!env.containsKey("OPENSIGNUP_OIDC_ISSUER")) {
      MockOAuth2Server oidc = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
      oidc.start(InetAddress.getByName("127.0.0.1"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(oidc::shutdown, "dev-oidc-shutdown"));
      env.put("OPENSIGNUP_OIDC_ISSUER", oidc.issuerUrl("opensignup").toString());
      extra.put("Dev login", "any user name; claims as JSON (email, given_name, family_name, preferred_username)");
      // in development the user name "admin" is a superuser, so the staff area at /admin can be tried
      env.putIfAbsent("OPENSIGNUP_ADMIN_SUPERUSERS", "admin");
      extra.put("Staff area", "/admin — log in with the user name admin");
    }
    Main.run(env, extra);
  }
}
