package org.opensignup;

import org.junit.jupiter.api.Test;
import org.opensignup.support.ServerProcess;
import org.opensignup.support.TestApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/** The packaged development jar: {@code java -jar target/opensignup-dev.jar} with no configuration starts everything. */
class DevJarIT {
  private static final Path JAR = Path.of(System.getProperty("opensignup.dev-jar", "target/opensignup-dev.jar"));

  @Test
  void startsOnEmbeddedDefaultsAndSaysItIsDevelopmentMode() throws Exception {
    Path dir = Files.createTempDirectory("opensignup-dev");
    int port = TestApp.freePort();
    // nothing about database, relay or login is configured; only ports, so the test never meets
    // another OpenSignup on the defaults
    Map<String, String> env = Map.of(
      "OPENSIGNUP_HTTP_PORT", String.valueOf(port),
      "OPENSIGNUP_DB_EMBEDDED_PORT", "0",
      "OPENSIGNUP_MAIL_SINK_PORT", "0",
      "OPENSIGNUP_HTTP_INSTANCES", "1");
    try (ServerProcess server = ServerProcess.start(JAR.toAbsolutePath(), null, env, dir, port)) {
      server.awaitReady(240_000);
      String out = server.output();
      assertTrue(out.contains("DEVELOPMENT MODE"), out);
      assertTrue(out.contains("Dev login"), "the local OIDC login runs: " + out);
      assertEquals(200, server.status("/dev/mails"));
      assertEquals(200, server.status("/dev/mails.json"));
      assertTrue(server.get("/api/courses").contains("\"languages\":[{"), "demo data loaded");
      assertTrue(Files.isDirectory(dir.resolve("data/postgres")), "embedded PostgreSQL data under ./data/");
      server.terminate(60_000);
    }
  }

  @Test
  void carriesTheStormAndTheDevelopmentParts() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals("org.opensignup.dev.DevMain", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      for (String needed : List.of("org/opensignup/storm/SignupStorm.class", "org/opensignup/dev/DevServices.class",
        "org/opensignup/http/DevMailRoutes.class", "META-INF/services/org.opensignup.DevParts", "templates/devmails.ftl")) {
        assertNotNull(jar.getEntry(needed), needed);
      }
    }
  }
}
