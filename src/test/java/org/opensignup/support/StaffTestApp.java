package org.opensignup.support;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.opensignup.Application;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** A whole OpenSignup with a real OIDC provider (mock-oauth2-server) and the signup fixture loaded, for staff-area tests. */
public final class StaffTestApp implements AutoCloseable {
  public final MockOAuth2Server oidc;
  public final Application app;
  public final Sql sql;
  public final String base;

  private StaffTestApp(MockOAuth2Server oidc, Application app) {
    this.oidc = oidc;
    this.app = app;
    this.sql = new Sql(app.config().string("db.url"));
    this.base = "http://127.0.0.1:" + app.config().httpPort();
  }

  public static StaffTestApp start(Map<String, String> overrides) throws Exception {
    MockOAuth2Server oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    Map<String, String> m = new HashMap<>(overrides);
    m.put("oidc.issuer", oidc.issuerUrl("campus").toString());
    StaffTestApp t = new StaffTestApp(oidc, TestApp.start(m));
    SignupFixture.load(t.sql);
    return t;
  }

  public StaffClient login(String subject, String mail) throws Exception {
    return StaffClient.login(oidc, base, subject, mail);
  }

  @Override
  public void close() {
    app.close();
    oidc.shutdown();
  }
}
