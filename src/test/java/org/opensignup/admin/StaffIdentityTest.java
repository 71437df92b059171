package org.opensignup.admin;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.support.OidcBrowser;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Who is a superuser and who gets a role, through the real OIDC flow (mock-oauth2-server issues
 * exactly the claims a test gives): subjects at the issuer and verified mail addresses only, the
 * configuration applied at every login, superusers granted on the roles page, invitations by mail.
 */
class StaffIdentityTest {
  private static final String CONFIGURED = "admin, sub:boss, mail:chief@uni.example, sub:leaving";

  private static MockOAuth2Server oidc;
  private static Application app;
  private static Sql sql;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", CONFIGURED));
    base = "http://127.0.0.1:" + app.config().httpPort();
    sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  private static OidcBrowser login(String subject, String mail, Boolean verified) throws Exception {
    return login(base, subject, mail, verified);
  }

  private static OidcBrowser login(String at, String subject, String mail, Boolean verified) throws Exception {
    Map<String, Object> claims = new HashMap<>();
    if (mail != null) claims.put("email", mail);
    if (verified != null) claims.put("email_verified", verified);
    claims.put("given_name", "Person");
    claims.put("family_name", subject);
    return OidcBrowser.login(oidc, at, subject, claims, "/admin/");
  }

  @Test
  void anUnverifiedMailClaimNamesNobodySoMalloryCannotOpenTheRolesPage() throws Exception {
    // the attack of the issue: any user name, with the claim email=admin
    assertEquals(403, login("mallory", "admin", null).get("/admin/roles").statusCode());
    assertEquals(403, login("mallory-2", "chief@uni.example", null).get("/admin/roles").statusCode());
    assertEquals(403, login("mallory-3", "chief@uni.example", false).get("/admin/roles").statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM app_user WHERE subject LIKE 'mallory%' AND (superuser OR superuser_by_config)"));
  }

  @Test
  void theConfiguredSubjectOrAVerifiedConfiguredMailIsSuperuser() throws Exception {
    assertEquals(200, login("boss", "whatever@example.org", false).get("/admin/roles").statusCode());
    assertEquals(200, login("admin", null, null).get("/admin/roles").statusCode());
    assertEquals(200, login("chief-subject-1", "Chief@uni.example", true).get("/admin/roles").statusCode());
  }

  @Test
  void removingANameFromTheConfigurationDemotesAtTheNextLogin() throws Exception {
    assertEquals(200, login("leaving", "leaving@uni.example", true).get("/admin/roles").statusCode());
    assertEquals("t", sql.one("SELECT superuser_by_config FROM app_user WHERE subject = 'leaving'"));
    // a second node on the same database whose configuration no longer names this person
    Application other = TestApp.start(Map.of("db.url", app.config().string("db.url"), "oidc.issuer", oidc.issuerUrl("campus").toString(),
      "admin.superusers", "admin, sub:boss"));
    try {
      String otherBase = "http://127.0.0.1:" + other.config().httpPort();
      assertEquals(403, login(otherBase, "leaving", "leaving@uni.example", true).get("/admin/roles").statusCode());
      assertEquals("f", sql.one("SELECT superuser OR superuser_by_config FROM app_user WHERE subject = 'leaving'"));
    } finally {
      other.close();
    }
    // and back on a node that names them, the flag follows again
    assertEquals(200, login("leaving", "leaving@uni.example", true).get("/admin/roles").statusCode());
  }

  @Test
  void superusersGrantedOnTheRolesPageAreAuditedAndConfiguredOnesAreFixed() throws Exception {
    assertEquals(403, login("helper", "helper@uni.example", true).get("/admin/roles").statusCode());
    String helperId = sql.one("SELECT id FROM app_user WHERE subject = 'helper'");
    OidcBrowser boss = login("boss", null, null);
    HttpResponse<String> page = boss.get("/admin/roles");
    assertTrue(page.body().contains("Superuser (Konfiguration)"), "configured superusers are shown as fixed");

    assertEquals(303, boss.postForm("/admin/roles/superuser", Map.of("userId", helperId, "grant", "true"), "/admin/roles").statusCode());
    assertEquals(200, login("helper", "helper@uni.example", true).get("/admin/roles").statusCode());
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'superuser.grant' AND actor = 'boss' AND entity_id = " + helperId));

    assertEquals(303, boss.postForm("/admin/roles/superuser", Map.of("userId", helperId, "grant", "false"), "/admin/roles").statusCode());
    assertEquals(403, login("helper", "helper@uni.example", true).get("/admin/roles").statusCode());
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'superuser.revoke' AND actor = 'boss' AND entity_id = " + helperId));

    // one the configuration names cannot be demoted on the page
    login("admin", null, null);
    String adminId = sql.one("SELECT id FROM app_user WHERE subject = 'admin'");
    HttpResponse<String> fixed = boss.postForm("/admin/roles/superuser", Map.of("userId", adminId, "grant", "false"), "/admin/roles");
    assertEquals(409, fixed.statusCode(), fixed.body());
    assertEquals(200, login("admin", null, null).get("/admin/roles").statusCode());
  }

  @Test
  void aRoleGrantedByMailWaitsForTheFirstLoginWithThatVerifiedAddress() throws Exception {
    long b = SignupFixture.OPEN_A1_PARALLEL;
    OidcBrowser boss = login("boss", null, null);
    HttpResponse<String> granted = boss.postForm("/admin/roles/grant",
      Map.of("who", "Newbie@uni.example", "courseId", String.valueOf(b), "role", "teacher"), "/admin/roles");
    assertEquals(303, granted.statusCode(), granted.body());
    assertEquals(0, sql.count("SELECT count(*) FROM app_user WHERE lower(subject) = 'newbie@uni.example' OR lower(mail) = 'newbie@uni.example'"),
      "no phantom user");
    assertEquals(1, sql.count("SELECT count(*) FROM role_invitation WHERE mail_key = 'newbie@uni.example'"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'role.invite' AND actor = 'boss'"));
    HttpResponse<String> page = boss.get("/admin/roles");
    assertTrue(page.body().contains("newbie@uni.example") && page.body().contains("Offen A1 2"), page.body());

    // the address claimed but not verified: nothing
    assertEquals(403, login("imposter", "newbie@uni.example", null).get("/admin/courses/" + b).statusCode());
    assertEquals(1, sql.count("SELECT count(*) FROM role_invitation WHERE mail_key = 'newbie@uni.example'"));

    OidcBrowser newbie = login("newbie-subject", "newbie@UNI.example", true);
    assertEquals(200, newbie.get("/admin/courses/" + b).statusCode());
    assertEquals(403, newbie.get("/admin/courses/" + SignupFixture.OPEN_A1).statusCode());
    assertEquals(0, sql.count("SELECT count(*) FROM role_invitation"));
    assertEquals(1, sql.count("SELECT count(*) FROM audit_log WHERE action = 'role.invitation-bound' AND actor = 'newbie-subject'"));
    // later grants by that mail go to the person straight away
    assertEquals(303, boss.postForm("/admin/roles/grant", Map.of("who", "newbie@uni.example", "courseId", String.valueOf(SignupFixture.OPEN_A1),
      "role", "teacher"), "/admin/roles").statusCode());
    assertEquals(200, newbie.get("/admin/courses/" + SignupFixture.OPEN_A1).statusCode());
  }

  @Test
  void theRolesPageShowsNamesAndCourseNames() throws Exception {
    sql.exec("INSERT INTO app_user (subject, mail, name) VALUES ('named-teacher', 'nt@uni.example', 'Nora Teacher')",
      "INSERT INTO course_role (user_id, course_id, role) SELECT id, 11, 'teacher' FROM app_user WHERE subject = 'named-teacher'");
    String body = login("boss", null, null).get("/admin/roles").body();
    assertTrue(body.contains("Nora Teacher") && body.contains("Lehrkraft: Offen A1 1"), body);
    assertFalse(body.contains("#11"), "no bare course ids");
  }
}
