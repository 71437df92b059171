package org.opensignup.admin;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One caller of the staff area in tests: anonymous, logged in through the real OIDC provider (a
 * session with its CSRF cookie), or holding a bearer token. JSON calls send the CSRF header a
 * script using the session would send; {@code csrf(false)} leaves it out.
 */
final class StaffClient {
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");
  final String base;
  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  private String bearer;
  private boolean sendCsrf = true;

  StaffClient(String base) {
    this.base = base;
  }

  static StaffClient anonymous(String base) {
    return new StaffClient(base);
  }

  static StaffClient bearer(String base, String token) {
    StaffClient c = new StaffClient(base);
    c.bearer = token;
    return c;
  }

  /** Logs in through the OIDC flow (the mock provider issues a token for this subject). */
  static StaffClient login(String base, MockOAuth2Server oidc, String subject, String mail) throws Exception {
    oidc.enqueueCallback(new DefaultOAuth2TokenCallback("campus", subject, "JWT", List.of("opensignup"),
      Map.of("email", mail, "given_name", "Staff", "family_name", subject), 3600));
    StaffClient c = new StaffClient(base);
    HttpClient following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(c.cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    following.send(HttpRequest.newBuilder(URI.create(base + "/auth/login?return=/")).build(), HttpResponse.BodyHandlers.ofString());
    if (c.cookies.getCookieStore().getCookies().stream().noneMatch(k -> k.getName().equals("opensignup.session"))) {
      throw new IllegalStateException("no session after login");
    }
    return c;
  }

  StaffClient csrf(boolean send) {
    this.sendCsrf = send;
    return this;
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A page as a browser asks for it (HTML, redirects not followed). */
  HttpResponse<String> page(String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return client.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  HttpResponse<String> patch(String path, String json) throws Exception {
    return send("PATCH", path, json);
  }

  HttpResponse<String> delete(String path) throws Exception {
    return send("DELETE", path, null);
  }

  HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = builder(path);
    if (sendCsrf && bearer == null) b.header("X-XSRF-TOKEN", csrfCookie());
    if (json != null) b.header("Content-Type", "application/json");
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form with the CSRF token found on {@code formPage} (or none when the page has none). */
  HttpResponse<String> postForm(String path, Map<String, String> form, String formPage) throws Exception {
    String token = "";
    if (formPage != null) {
      Matcher m = FORM_TOKEN.matcher(page(formPage).body());
      if (m.find()) token = m.group(1);
    }
    StringBuilder body = new StringBuilder(sendCsrf ? "X-XSRF-TOKEN=" + enc(token) : "x=1");
    form.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
    return client.send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
      .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF cookie a GET under /api/admin sets (fetched once when missing). */
  private String csrfCookie() throws Exception {
    for (int i = 0; i < 2; i++) {
      for (HttpCookie c : cookies.getCookieStore().getCookies()) if (c.getName().equals("XSRF-TOKEN")) return c.getValue();
      get("/api/admin/me");
    }
    return "";
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    return b;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
