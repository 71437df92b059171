package org.opensignup.support;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client of the staff area: logged in through the real OIDC flow (the mock provider
 * issues a token for the subject), cookies kept, forms posted with the CSRF token of the page they are on.
 */
public final class StaffClient {
  private static final Pattern CSRF = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

  /** A file to upload: field name, file name, type, bytes. */
  public record Part(String field, String fileName, String contentType, byte[] content) {}

  public final String base;
  public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  public final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
  public final HttpClient noRedirects = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

  private StaffClient(String base) {
    this.base = base;
  }

  /** A client that is not logged in. */
  public static StaffClient anonymous(String base) {
    return new StaffClient(base);
  }

  public static StaffClient login(MockOAuth2Server oidc, String base, String subject, String mail) throws Exception {
    oidc.enqueueCallback(new DefaultOAuth2TokenCallback("campus", subject, "JWT", List.of("opensignup"),
      Map.of("email", mail, "given_name", "Staff", "family_name", subject), 3600));
    StaffClient s = new StaffClient(base);
    HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(URI.create(base + "/auth/login?return=/admin/")).build(),
      HttpResponse.BodyHandlers.ofString());
    if (!r.uri().getPath().startsWith("/admin") && r.statusCode() != 403) {
      throw new AssertionError("login ends in the staff area: " + r.uri() + " " + r.statusCode());
    }
    return s;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> getJson(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").build(),
      HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public String csrfFrom(String formPage) throws Exception {
    return csrfIn(get(formPage).body());
  }

  public static String csrfIn(String html) {
    Matcher m = CSRF.matcher(html);
    return m.find() ? m.group(1) : "";
  }

  /** Posts a url-encoded form (token from the page it is on); answers the redirect itself, not followed. */
  public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> form, String formPage) throws Exception {
    StringBuilder body = new StringBuilder("X-XSRF-TOKEN=" + enc(csrfFrom(formPage)));
    for (var e : form) body.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue()));
    return noRedirects.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
      .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a multipart form with fields and files, as a browser sends a form with enctype multipart/form-data. */
  public HttpResponse<String> postMultipart(String path, List<Map.Entry<String, String>> fields, List<Part> files, String csrf) throws Exception {
    String boundary = "----staff" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Map.Entry<String, String>> all = new ArrayList<>();
    all.add(Map.entry("X-XSRF-TOKEN", csrf));
    all.addAll(fields);
    for (var f : all) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    for (Part p : files) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field() + "\"; filename=\"" + p.fileName()
        + "\"\r\nContent-Type: " + p.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(p.content());
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return noRedirects.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
      .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
