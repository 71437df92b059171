package org.opensignup.http;

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

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The harvest upload's door: role and CSRF are checked before the body is read. Each request here
 * announces a 10 MB body but sends only its first part: a server that reads before it checks waits
 * for the rest (and has begun writing the file); one that checks first answers 403 at once.
 */
class HarvestUploadDoorTest {
  private static final Path UPLOADS = AdminHarvestRoutes.UPLOAD_DIR;

  private static MockOAuth2Server oidc;
  private static Application app;
  private static String base;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    oidc = new MockOAuth2Server(new OAuth2Config());
    oidc.start(InetAddress.getByName("127.0.0.1"), 0);
    app = TestApp.start(Map.of("oidc.issuer", oidc.issuerUrl("campus").toString(), "admin.superusers", "sub:boss",
      "harvest.sources", "[{\"name\":\"placement\",\"kind\":\"approvals\",\"tagColumn\":\"tag\",\"pointsColumn\":\"p\",\"maxPoints\":10}]"));
    port = app.config().httpPort();
    base = "http://127.0.0.1:" + port;
    Sql sql = new Sql(app.config().string("db.url"));
    SignupFixture.load(sql);
    sql.exec("INSERT INTO app_user (subject) VALUES ('teach')",
      "INSERT INTO course_role (user_id, course_id, role) SELECT id, 11, 'teacher' FROM app_user WHERE subject = 'teach'");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (oidc != null) oidc.shutdown();
  }

  private static OidcBrowser login(String subject) throws Exception {
    return OidcBrowser.login(oidc, base, subject, Map.of("email", subject + "@uni.example", "email_verified", true), "/admin/");
  }

  @Test
  void aTeachersUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
    OidcBrowser teacher = login("teach");
    String token = teacher.csrfFrom("/admin/courses/" + SignupFixture.OPEN_A1);
    assertFalse(token.isEmpty());
    assertRefusedUnread(teacher, "?X-XSRF-TOKEN=" + OidcBrowser.enc(token));
  }

  @Test
  void aSuperusersUploadWithoutAValidTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
    OidcBrowser boss = login("boss");
    assertRefusedUnread(boss, "");
    assertRefusedUnread(boss, "?X-XSRF-TOKEN=forged.token.value");
  }

  private static void assertRefusedUnread(OidcBrowser who, String query) throws Exception {
    Set<String> before = files();
    String boundary = "----door" + System.nanoTime();
    String partHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nplacement\r\n"
      + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n";
    byte[] firstPart = new byte[64 * 1024];
    Arrays.fill(firstPart, (byte) 'x');
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head = "POST /admin/harvest/upload" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Cookie: " + who.cookieHeader() + "\r\n"
        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
        + "Content-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(partHead.getBytes(StandardCharsets.US_ASCII));
      out.write(firstPart);
      out.flush();
      // the rest of the 10 MB never comes: only a server that did not wait for it answers
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status;
      try {
        status = in.readLine();
      } catch (SocketTimeoutException e) {
        fail("no answer while the body is incomplete: the server waits to read the upload before checking");
        return;
      }
      assertNotNull(status);
      assertTrue(status.startsWith("HTTP/1.1 403"), status);
      Set<String> now = files();
      now.removeAll(before);
      assertEquals(Set.of(), now, "no upload file was written");
    }
  }

  private static Set<String> files() {
    String[] names = new File(UPLOADS.toString()).list();
    return names == null ? new HashSet<>() : new HashSet<>(Arrays.asList(names));
  }
}
