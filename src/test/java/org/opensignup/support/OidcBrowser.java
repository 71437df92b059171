package org.opensignup.support;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.net.CookieManager;
import java.net.CookiePolicy;
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
 * A cookie-keeping HTTP client that logs in through the real OIDC flow of a mock-oauth2-server
 * (which issues a token with exactly the claims the test gives) and posts forms with their CSRF token.
 */
public final class OidcBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  public final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
  public final HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

  private OidcBrowser(String base) {
    this.base = base;
  }

  /** Logs in as {@code subject} with these claims (issuer id "campus"), then lands on {@code returnPath}. */
  public static OidcBrowser login(MockOAuth2Server oidc, String base, String subject, Map<String, Object> claims, String returnPath)
    throws Exception {
    oidc.enqueueCallback(new DefaultOAuth2TokenCallback("campus", subject, "JWT", List.of("opensignup"), claims, 3600));
    OidcBrowser b = new OidcBrowser(base);
    HttpResponse<String> r = b.get("/auth/login?return=" + URLEncoder.encode(returnPath, StandardCharsets.UTF_8));
    if (!r.uri().getPath().startsWith(returnPath.replaceAll("\\?.*", ""))) {
      throw new AssertionError("login did not end at " + returnPath + ": " + r.uri() + " " + r.statusCode());
    }
    return b;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the first form on that page ("" when there is none). */
  private static final java.util.regex.Pattern FORM_TOKEN = java.util.regex.Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

  public String csrfFrom(String page) throws Exception {
    Matcher m = CSRF.matcher(get(page).body());
    return m.find() ? m.group(1) : "";
  }

  /** Posts a form with the token of the page it is on; answers with the response itself (redirects not followed). */
  public HttpResponse<String> postForm(String path, Map<String, String> form, String formPage) throws Exception {
    // staff pages carry the session's CSRF token, applicant pages a signed form token: send what the page has
    String page = get(formPage).body();
    Matcher session = CSRF.matcher(page);
    Matcher signed = FORM_TOKEN.matcher(page);
    StringBuilder body = new StringBuilder("X-XSRF-TOKEN=" + enc(session.find() ? session.group(1) : ""));
    if (signed.find()) body.append("&formToken=").append(enc(signed.group(1)));
    form.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
    return noRedirects.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
      .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie's header value, for raw requests made by hand. */
  public String cookieHeader() {
    StringBuilder sb = new StringBuilder();
    for (var c : cookies.getCookieStore().getCookies()) {
      if (sb.length() > 0) sb.append("; ");
      sb.append(c.getName()).append('=').append(c.getValue());
    }
    return sb.toString();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
