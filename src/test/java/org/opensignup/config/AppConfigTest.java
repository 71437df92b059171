package org.opensignup.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AppConfigTest {

  @Test
  void defaultsComeFromConfFile() {
    AppConfig c = AppConfig.load(Map.of());
    assertEquals(8080, c.httpPort());
    assertTrue(c.embeddedDatabase());
    assertTrue(c.embeddedMail());
    assertEquals("http://127.0.0.1:8080", c.publicUrl());
  }

  @Test
  void environmentVariablesOverrideDefaults() {
    AppConfig c = AppConfig.load(Map.of("OPENSIGNUP_HTTP_PORT", "9090", "OPENSIGNUP_DB_URL", "postgresql://db:5432/signup",
      "OPENSIGNUP_DB_POOL_SIZE", "32"));
    assertEquals(9090, c.httpPort());
    assertFalse(c.embeddedDatabase());
    assertEquals(32, c.dbPoolSize());
  }

  @Test
  void localFileOverridesDefaultsAndEnvironmentOverridesLocalFile(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("site.properties");
    Files.writeString(local, "http.port=7000\nmail.from=Sprachenzentrum <spz@example.org>\n");
    AppConfig c = AppConfig.load(Map.of("OPENSIGNUP_CONFIG", local.toString()));
    assertEquals(7000, c.httpPort());
    assertEquals("Sprachenzentrum <spz@example.org>", c.string("mail.from"));
    assertEquals(7100, AppConfig.load(Map.of("OPENSIGNUP_CONFIG", local.toString(), "OPENSIGNUP_HTTP_PORT", "7100")).httpPort());
  }

  @Test
  void invalidPortNamesTheKeyAndTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_HTTP_PORT", "eighty")));
    assertEquals("configuration key 'http.port' (env OPENSIGNUP_HTTP_PORT): expected a whole number from 0 to 65535, got 'eighty'", e.getMessage());
  }

  @Test
  void unknownVariableIsRefusedSoTyposAreNoticed() {
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_HTTP_PROT", "80")));
    assertTrue(e.getMessage().contains("unknown setting OPENSIGNUP_HTTP_PROT"), e.getMessage());
  }

  @Test
  void badDatabaseUrlAndBooleanAndEnumAreRefused() {
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_DB_URL", "mysql://x/y")))
      .getMessage().contains("'db.url'"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_DB_DEMO_DATA", "maybe")))
      .getMessage().contains("expected true or false"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_MAIL_SMTP_STARTTLS", "always")))
      .getMessage().contains("[NONE, OPTIONAL, REQUIRED]"));
  }

  @Test
  void missingLocalFileNamedByVariableIsAnError() {
    assertThrows(ConfigException.class, () -> AppConfig.load(Map.of("OPENSIGNUP_CONFIG", "/nonexistent/opensignup.properties")));
  }

  @Test
  void travelsToVerticlesAsJsonUnchanged() {
    AppConfig c = AppConfig.load(Map.of("OPENSIGNUP_HTTP_PORT", "9191"));
    assertEquals(9191, AppConfig.fromJson(c.toJson()).httpPort());
  }
}
