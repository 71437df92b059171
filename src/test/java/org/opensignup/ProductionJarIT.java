package org.opensignup;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.opensignup.support.ServerProcess;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged production jar (target/opensignup.jar, after {@code package}): none of the
 * development parts inside, a one-line refusal when the database or relay is missing, and a real
 * start against a PostgreSQL and an SMTP relay.
 */
class ProductionJarIT {
  private static final Path JAR = Path.of(System.getProperty("opensignup.jar", "target/opensignup.jar"));

  record Result(int exit, String stderr) {}

  private static Result run(Map<String, String> env) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    // an empty working directory: no conf/local.properties can fill in what is missing
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", JAR.toAbsolutePath().toString()))
      .directory(Files.createTempDirectory("opensignup-prod").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OPENSIGNUP_"));
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the production jar did not exit");
    return new Result(p.exitValue(), err);
  }

  @Test
  void withoutDatabaseAndRelayItRefusesWithOneLineNamingBothAndExitCode2() throws Exception {
    Result r = run(Map.of());
    assertEquals(2, r.exit(), r.stderr());
    assertEquals("opensignup: configuration keys 'db.url' (env OPENSIGNUP_DB_URL), 'mail.smtp.host' (env OPENSIGNUP_MAIL_SMTP_HOST): "
      + "not set; the production jar needs a PostgreSQL and an SMTP relay (the embedded ones are only in opensignup-dev.jar)", r.stderr().strip());
  }

  @Test
  void withDatabaseButNoRelayItNamesTheRelay() throws Exception {
    Result r = run(Map.of("OPENSIGNUP_DB_URL", "postgresql://127.0.0.1:5432/opensignup"));
    assertEquals(2, r.exit(), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("opensignup: configuration key 'mail.smtp.host' (env OPENSIGNUP_MAIL_SMTP_HOST): not set"), r.stderr());
  }

  @Test
  void withoutItsOwnTagHashKeyItRefusesToStart() throws Exception {
    Result r = run(Map.of("OPENSIGNUP_DB_URL", "postgresql://127.0.0.1:5432/opensignup", "OPENSIGNUP_MAIL_SMTP_HOST", "127.0.0.1"));
    assertEquals(2, r.exit(), r.stderr());
    assertTrue(r.stderr().startsWith("opensignup: configuration key 'security.tag-hash-key' (env OPENSIGNUP_SECURITY_TAG_HASH_KEY): not set"),
      r.stderr());
  }

  @Test
  void holdsNoDevelopmentParts() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertTrue(names.contains("org/opensignup/Main.class"));
      assertEquals("org.opensignup.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      for (String forbidden : List.of("io/zonky/", "com/icegreen/", "org/opensignup/storm/", "org/opensignup/dev/", "no/nav/",
        "org/opensignup/http/DevMailRoutes", "templates/devmails.ftl", "META-INF/services/org.opensignup.DevParts", "postgres-linux")) {
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith(forbidden) || n.contains(forbidden)).limit(3).toList(),
          "the production jar must not contain " + forbidden);
      }
    }
  }

  @Test
  void startsAgainstRealDatabaseAndRelayWithoutDevRoutesOrPublicMetrics() throws Exception {
    GreenMail relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    relay.start();
    int port = TestApp.freePort();
    Map<String, String> env = Map.of(
      "OPENSIGNUP_DB_URL", TestDatabases.fresh(),
      "OPENSIGNUP_DB_USER", "postgres",
      "OPENSIGNUP_MAIL_SMTP_HOST", "127.0.0.1",
      "OPENSIGNUP_MAIL_SMTP_PORT", String.valueOf(relay.getSmtp().getPort()),
      "OPENSIGNUP_MAIL_SMTP_STARTTLS", "NONE",
      "OPENSIGNUP_HTTP_PORT", String.valueOf(port),
      "OPENSIGNUP_SECURITY_TAG_HASH_KEY", "0123456789abcdef0123456789abcdef",
      "OPENSIGNUP_HTTP_INSTANCES", "1");
    try (ServerProcess server = ServerProcess.start(JAR.toAbsolutePath(), null, env, Files.createTempDirectory("opensignup-prod"), port)) {
      server.awaitReady(120_000);
      assertFalse(server.output().contains("DEVELOPMENT MODE"), server.output());
      assertEquals(200, server.status("/api/courses"));
      assertEquals("[]", new io.vertx.core.json.JsonObject(server.get("/api/courses")).getJsonArray("languages").encode(),
        "no demo data in production");
      assertEquals(404, server.status("/dev/mails"));
      assertEquals(404, server.status("/metrics"));
      int exit = server.terminate(60_000);
      assertTrue(server.output().contains("OpenSignup stopped."), server.output());
      assertNotEquals(-1, exit);
    } finally {
      relay.stop();
    }
  }
}
