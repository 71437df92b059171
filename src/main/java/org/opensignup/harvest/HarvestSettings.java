package org.opensignup.harvest;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;
import org.opensignup.jobs.JobsSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The harvest settings, checked together (AppConfig.validate calls {@link #validate}). */
public record HarvestSettings(List<SourceConfig> sources, Duration poll, Duration lease, int unhealthyAfter, ZoneId zone) {

  /** Registered in META-INF/services: runs {@link #validate} whenever a configuration is loaded. */
  public static final class Check implements org.opensignup.config.ConfigCheck {
    @Override
    public void check(AppConfig config) {
      validate(config);
    }
  }

  public static void validate(AppConfig config) {
    from(config);
  }

  /** harvest.max-bytes: the cap on a fetched or uploaded file (1 KiB to 1 GiB). */
  public static long maxBytes(AppConfig config) {
    return config.integer("harvest.max-bytes", 1024, 1 << 30);
  }

  public static HarvestSettings from(AppConfig config) {
    return from(config, System::getenv);
  }

  /** As {@link #from(AppConfig)} with the environment given (tests resolve env: secrets from a map). */
  public static HarvestSettings from(AppConfig config, Function<String, String> env) {
    Duration poll = Duration.ofMillis(config.integer("harvest.poll-ms", 20, 3_600_000));
    Duration lease = Duration.ofSeconds(config.integer("harvest.lease-seconds", 1, 86_400));
    int unhealthyAfter = config.integer("harvest.unhealthy-after", 1, 1000);
    ZoneId zone = JobsSettings.zone(config);
    maxBytes(config);
    List<SourceConfig> sources = sources(config.string("harvest.sources"), zone, env);
    return new HarvestSettings(sources, poll, lease, unhealthyAfter, zone);
  }

  /** A JSON array of source objects, inline or as "file:path" to a JSON file. */
  static List<SourceConfig> sources(String value, ZoneId zone, Function<String, String> env) {
    String key = "harvest.sources";
    String json = value == null ? "" : value.strip();
    if (json.startsWith("file:")) {
      Path file = Path.of(json.substring(5));
      try {
        json = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
      }
    }
    if (json.isEmpty()) return List.of();
    JsonArray array;
    try {
      array = new JsonArray(json);
    } catch (DecodeException e) {
      throw new ConfigException(key, "expected a JSON array of source objects: " + e.getMessage());
    }
    List<SourceConfig> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject o)) throw new ConfigException(key, "element " + (i + 1) + " is not a JSON object");
      try {
        SourceConfig s = SourceConfig.parse(o, zone, env);
        if (!names.add(s.name)) throw new IllegalArgumentException("source '" + s.name + "' is configured twice");
        if (JobsSettings.NAMES.contains(s.name)) {
          throw new IllegalArgumentException("source '" + s.name + "': field 'name': reserved for a built-in job");
        }
        result.add(s);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, e.getMessage());
      }
    }
    return List.copyOf(result);
  }

  public SourceConfig source(String name) {
    for (SourceConfig s : sources) if (s.name.equals(name)) return s;
    return null;
  }
}
