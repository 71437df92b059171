package org.opensignup.harvest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;
import org.opensignup.jobs.Schedule;

import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SourceConfigTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private static String refused(String sources) {
    return assertThrows(ConfigException.class, () -> AppConfig.withOverrides(Map.of("harvest.sources", sources))).getMessage();
  }

  @Test
  void defaultsAreValid() {
    HarvestSettings s = HarvestSettings.from(AppConfig.withOverrides(Map.of()));
    assertTrue(s.sources().isEmpty());
    assertEquals(3, s.unhealthyAfter());
  }

  @Test
  void severalSourcesAreAccepted() {
    String json = "[{\"name\":\"ilias\",\"kind\":\"approvals\",\"url\":\"https://ilias.example.org/x.csv\",\"interval\":\"15m\","
      + "\"tagColumn\":\"matriculation\",\"pointsColumn\":\"points\",\"maxColumn\":\"max\"},"
      + "{\"name\":\"enrolled\",\"kind\":\"registrations\",\"url\":\"https://sis.example.org/s.json\",\"format\":\"json\","
      + "\"cron\":\"0 4 * * *\",\"tagColumn\":\"matnr\",\"mode\":\"merge\"},"
      + "{\"name\":\"manual\",\"kind\":\"approvals\",\"tagColumn\":\"tag\",\"pointsColumn\":\"p\",\"maxPoints\":40}]";
    HarvestSettings s = HarvestSettings.from(AppConfig.withOverrides(Map.of("harvest.sources", json)));
    assertEquals(3, s.sources().size());
    assertEquals(SourceConfig.Mode.MERGE, s.source("enrolled").mode);
    assertInstanceOf(Schedule.Cron.class, s.source("enrolled").schedule);
    assertFalse(s.source("manual").fetched());
  }

  @Test
  void mistakesNameTheSourceAndTheField() {
    String base = "\"kind\":\"approvals\",\"tagColumn\":\"t\",\"pointsColumn\":\"p\",\"maxPoints\":10";
    String m = refused("[{\"name\":\"ilias\"," + base + ",\"url\":\"ftp://x/y\",\"interval\":\"15m\"}]");
    assertTrue(m.contains("harvest.sources") && m.contains("source 'ilias'") && m.contains("field 'url'"), m);
    m = refused("[{\"name\":\"ilias\"," + base + ",\"url\":\"http://x/y\"}]");
    assertTrue(m.contains("field 'interval'"), m);
    m = refused("[{\"name\":\"ilias\"," + base + ",\"url\":\"http://x/y\",\"interval\":\"soon\"}]");
    assertTrue(m.contains("field 'interval'") && m.contains("soon"), m);
    m = refused("[{\"name\":\"ilias\"," + base + ",\"tagColum\":\"x\"}]");
    assertTrue(m.contains("field 'tagColum'") && m.contains("unknown"), m);
    m = refused("[{\"name\":\"ilias\",\"kind\":\"approvals\",\"tagColumn\":\"t\",\"pointsColumn\":\"p\"}]");
    assertTrue(m.contains("field 'maxColumn'"), m);
    m = refused("[{\"name\":\"x\",\"kind\":\"grades\",\"tagColumn\":\"t\"}]");
    assertTrue(m.contains("field 'kind'") && m.contains("approvals, registrations"), m);
    m = refused("[{\"name\":\"a\",\"kind\":\"registrations\",\"tagColumn\":\"t\"},{\"name\":\"a\",\"kind\":\"registrations\",\"tagColumn\":\"t\"}]");
    assertTrue(m.contains("twice"), m);
    m = refused("{\"name\":\"a\"}");
    assertTrue(m.contains("JSON array"), m);
  }

  @Test
  void secretsAreReferencedNeverInlined() {
    JsonObject j = new JsonObject("{\"name\":\"ilias\",\"kind\":\"registrations\",\"tagColumn\":\"t\",\"url\":\"http://x/y\",\"interval\":\"1h\"}");
    String m = assertThrows(IllegalArgumentException.class,
      () -> SourceConfig.parse(j.copy().put("authHeader", "Bearer abc"), ZONE, k -> null)).getMessage();
    assertTrue(m.contains("field 'authHeader'") && m.contains("env:"), m);
    m = assertThrows(IllegalArgumentException.class,
      () -> SourceConfig.parse(j.copy().put("authHeader", "env:NOT_THERE"), ZONE, k -> null)).getMessage();
    assertTrue(m.contains("NOT_THERE is not set"), m);
    SourceConfig s = SourceConfig.parse(j.copy().put("authHeader", "env:TOKEN"), ZONE, Map.of("TOKEN", "Bearer s3cret")::get);
    assertEquals("Bearer s3cret", s.authHeaderValue);
    assertFalse(s.toString().contains("s3cret"));
  }

  @Test
  void otherHarvestKeysAreChecked() {
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.withOverrides(Map.of("harvest.time-zone", "Mars/Base")))
      .getMessage().contains("harvest.time-zone"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.withOverrides(Map.of("retention.schedule", "sometimes")))
      .getMessage().contains("retention.schedule"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.withOverrides(Map.of("harvest.unhealthy-after", "0")))
      .getMessage().contains("harvest.unhealthy-after"));
  }

  @Test
  void percentIsCappedAndRounded() {
    assertEquals(75, Importer.percent(30, 40));
    assertEquals(100, Importer.percent(41, 40));
    assertEquals(0, Importer.percent(0, 40));
    assertEquals(67, Importer.percent(2, 3));
    assertEquals(50, Importer.percent(12.5, 25));
  }
}
