package org.opensignup.signup;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import static org.opensignup.support.TestApp.await;

/** The signup API as a test sees it. */
final class SignupApiClient {
  private final WebClient client;

  SignupApiClient(Vertx vertx, int port) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new io.vertx.core.http.PoolOptions().setHttp1MaxSize(200));
  }

  static JsonObject applicant(long courseId, String mail) {
    return new JsonObject().put("courseId", courseId).put("mail", mail).put("firstName", "Test").put("lastName", "Person")
      .put("originId", org.opensignup.support.SignupFixture.EXTERNAL);
  }

  HttpResponse<Buffer> signup(JsonObject body, String... headers) {
    var req = client.post("/api/signups").putHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) req.putHeader(headers[i], headers[i + 1]);
    return await(req.sendBuffer(Buffer.buffer(body.encode())));
  }

  io.vertx.core.Future<HttpResponse<Buffer>> signupAsync(JsonObject body) {
    return client.post("/api/signups").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode()));
  }

  HttpResponse<Buffer> raw(String contentType, String body) {
    return await(client.post("/api/signups").putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> status(String secret) {
    return await(client.get("/api/signups/" + secret).send());
  }

  HttpResponse<Buffer> signOff(String secret) {
    return await(client.delete("/api/signups/" + secret).send());
  }

  HttpResponse<Buffer> offer(String secret, String action) {
    return await(client.post("/api/signups/" + secret + "/" + action).send());
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }
}
