package org.opensignup.dev;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.opensignup.Main;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Development only: the server as {@link Main} starts it, plus a local OIDC provider
 * (mock-oauth2-server on loopback) so "log in as student/staff" works without a real one. Its
 * login page accepts any user name and optional claims as JSON, e.g.
 * {"email":"anna@uni.example","given_name":"Anna","family_name":"Berg","preferred_username":"ab1234"}.
 *
 * <p>It lives in the test sources because the mock server brings Kotlin, OkHttp and BouncyCastle
 * and FreeMarker templates whose names clash with ours; none of that belongs in the server jar.
 * Run: {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dmain.class=org.opensignup.dev.DevServerWithLogin}
 */
public final class DevServerWithLogin {
  private DevServerWithLogin() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    Map<String, String> extra = new HashMap<>();
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
