package org.opensignup.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The effective configuration: defaults from {@code opensignup.properties}, then a local file, then
 * {@code OPENSIGNUP_*} environment variables. Immutable; travels to verticles as a JsonObject.
 */
public final class AppConfig {
  public static final String DEFAULTS_RESOURCE = "opensignup.properties";
  private static final String ENV_PREFIX = "OPENSIGNUP_";
  /** OPENSIGNUP_* variables that are not settings: the local file, logback's level, the test database. */
  private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("OPENSIGNUP_CONFIG", "OPENSIGNUP_LOG_LEVEL", "OPENSIGNUP_TEST_DB_URL");

  private final Map<String, String> values;

  private AppConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Loads defaults, the local file and the environment, and checks every value once. */
  public static AppConfig load(Map<String, String> env) {
    Map<String, String> merged = new TreeMap<>(readDefaults());
    Path local = env.containsKey("OPENSIGNUP_CONFIG") ? Path.of(env.get("OPENSIGNUP_CONFIG")) : Path.of("conf", "local.properties");
    if (Files.isRegularFile(local)) {
      readFile(local).forEach((k, v) -> put(merged, k, v, "local file " + local));
    } else if (env.containsKey("OPENSIGNUP_CONFIG")) {
      throw new ConfigException("OPENSIGNUP_CONFIG", "file " + local + " does not exist");
    }
    Map<String, String> byEnvName = new TreeMap<>();
    merged.keySet().forEach(k -> byEnvName.put(envName(k), k));
    env.forEach((name, value) -> {
      if (!name.startsWith(ENV_PREFIX) || NOT_SETTINGS.contains(name)) return;
      String key = byEnvName.get(name);
      if (key == null) throw new ConfigException(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT), "unknown setting " + name);
      merged.put(key, value.trim());
    });
    AppConfig config = new AppConfig(merged);
    config.validate();
    return config;
  }

  /** Defaults overridden by the given pairs; for tests and tools. */
  public static AppConfig withOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(readDefaults());
    overrides.forEach((k, v) -> put(merged, k, v, "overrides"));
    AppConfig config = new AppConfig(merged);
    config.validate();
    return config;
  }

  public static AppConfig fromJson(JsonObject json) {
    Map<String, String> m = new TreeMap<>();
    json.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
    return new AppConfig(m);
  }

  public JsonObject toJson() {
    return new JsonObject(Map.copyOf(values));
  }

  public AppConfig with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    put(m, key, value, "override");
    return new AppConfig(m);
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static void put(Map<String, String> target, String key, String value, String where) {
    if (!target.containsKey(key)) throw new ConfigException(key, "unknown setting in " + where);
    target.put(key, value == null ? "" : value.trim());
  }

  private static Map<String, String> readDefaults() {
    try (InputStream in = AppConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
      return m;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  private static Map<String, String> readFile(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      return m;
    } catch (IOException e) {
      throw new ConfigException("OPENSIGNUP_CONFIG", "cannot read " + file + ": " + e.getMessage());
    }
  }

  // --- typed access --------------------------------------------------------------------------

  public String string(String key) {
    String v = values.get(key);
    if (v == null) throw new ConfigException(key, "unknown setting");
    return v;
  }

  public boolean isSet(String key) {
    return !string(key).isEmpty();
  }

  public int integer(String key, int min, int max) {
    String v = string(key);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", got " + v);
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
  }

  /** A comma-separated list; empty entries are dropped. */
  public java.util.List<String> list(String key) {
    return java.util.Arrays.stream(string(key).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  public boolean bool(String key) {
    String v = string(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, "expected true or false, got '" + v + "'");
    };
  }

  public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
    String v = string(key);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
    }
  }

  public URI uri(String key, String... schemes) {
    String v = string(key);
    try {
      URI u = new URI(v);
      if (u.getScheme() == null || u.getHost() == null || !java.util.List.of(schemes).contains(u.getScheme())) {
        throw new ConfigException(key, "expected a URL starting with " + String.join(" or ", schemes) + "://, got '" + v + "'");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(key, "not a valid URL: '" + v + "'");
    }
  }

  // --- the settings the whole application reads, checked at load time ------------------------

  public String httpHost() { return string("http.host"); }
  public int httpPort() { return integer("http.port", 0, 65535); }
  public int httpInstances() {
    int n = integer("http.instances", 0, 256);
    return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
  }
  public String publicUrl() {
    if (isSet("http.public-url")) return string("http.public-url").replaceAll("/+$", "");
    String host = httpHost().equals("0.0.0.0") ? "localhost" : httpHost();
    return "http://" + host + ":" + httpPort();
  }
  public int maxBodyBytes() { return integer("http.max-body-bytes", 1024, 50 * 1024 * 1024); }
  public boolean embeddedDatabase() { return !isSet("db.url"); }
  public int dbPoolSize() { return integer("db.pool-size", 1, 500); }
  public int dbWaitQueue() { return integer("db.wait-queue", 1, 1_000_000); }
  public boolean embeddedMail() { return !isSet("mail.smtp.host"); }
  public int instances(String verticle) { return integer(verticle + ".instances", 1, 64); }

  public enum StartTls { NONE, OPTIONAL, REQUIRED }

  private void validate() {
    httpPort();
    httpInstances();
    maxBodyBytes();
    if (isSet("http.public-url")) uri("http.public-url", "http", "https");
    if (!embeddedDatabase()) uri("db.url", "postgresql", "postgres");
    dbPoolSize();
    dbWaitQueue();
    integer("db.embedded-port", 0, 65535);
    bool("db.demo-data");
    for (String v : new String[] {"signup", "mail", "harvest"}) instances(v);
    integer("signup.max-attendances", 1, 20);
    integer("signup.signoff-days", 0, 365);
    integer("signup.offer-hours", 0, 24 * 30);
    integer("signup.batch-size", 1, 5000);
    integer("signup.batch-concurrency", 1, 64);
    integer("signup.queue-limit", 1, 1_000_000);
    integer("signup.partitions", 0, 64);
    integer("signup.lock-timeout-ms", 10, 600_000);
    integer("signup.statement-timeout-ms", 100, 3_600_000);
    for (String category : list("metrics.disabled")) {
      try {
        io.vertx.micrometer.MetricsDomain.valueOf(category);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("metrics.disabled", "unknown category '" + category + "', expected some of "
          + java.util.Arrays.toString(io.vertx.micrometer.MetricsDomain.values()));
      }
    }
    integer("signup.jobs-interval-seconds", 1, 3600);
    integer("mail.smtp.port", 1, 65535);
    integer("mail.sink.port", 0, 65535);
    oneOf("mail.smtp.starttls", StartTls.class);
    if (!string("mail.from").contains("@")) throw new ConfigException("mail.from", "expected a mail address, got '" + string("mail.from") + "'");
    integer("mail.smtp.connections", 1, 100);
    integer("mail.transactional-per-second", 0, 100_000);
    integer("mail.bulk-per-second", 0, 100_000);
    integer("mail.batch-size", 1, 1000);
    integer("mail.claim-seconds", 1, 86_400);
    integer("mail.poll-ms", 50, 600_000);
    bool("mail.listen");
    integer("mail.max-attempts", 1, 1000);
    integer("mail.backoff-initial-ms", 1, 86_400_000);
    if (integer("mail.backoff-max-ms", 1, 604_800_000) < integer("mail.backoff-initial-ms", 1, 86_400_000)) {
      throw new ConfigException("mail.backoff-max-ms", "must not be smaller than mail.backoff-initial-ms");
    }
    if (isSet("mail.bounce-address") && !string("mail.bounce-address").matches("[^@\\s<>+]+@[^@\\s<>]+")) {
      throw new ConfigException("mail.bounce-address", "expected a plain address like bounce@example.org, got '" + string("mail.bounce-address") + "'");
    }
    if (isSet("mail.message-id-domain") && !string("mail.message-id-domain").matches("[A-Za-z0-9.-]+")) {
      throw new ConfigException("mail.message-id-domain", "expected a domain name, got '" + string("mail.message-id-domain") + "'");
    }
    integer("mail.bounce-listen-port", 0, 65535);
    try {
      java.time.ZoneId.of(string("mail.time-zone"));
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("mail.time-zone", "expected a time zone like Europe/Berlin, got '" + string("mail.time-zone") + "'");
    }
    if (isSet("redis.url")) uri("redis.url", "redis", "rediss");
    integer("redis.timeout-millis", 10, 60_000);
    bool("redis.sessions");
    bool("http.trust-proxy");
    bool("ratelimit.enabled");
    bool("ratelimit.exempt-loopback");
    for (String rule : new String[] {"signup-ip", "signup-mail", "ip"}) {
      integer("ratelimit." + rule + ".burst", 0, 1_000_000);
      integer("ratelimit." + rule + ".per-minute", 0, 10_000_000);
    }
    integer("live.flush-millis", 50, 60_000);
    integer("live.heartbeat-seconds", 1, 3600);
    integer("live.max-clients", 0, 1_000_000);
    if (isSet("oidc.issuer")) {
      uri("oidc.issuer", "http", "https");
      if (!isSet("oidc.client-id")) throw new ConfigException("oidc.client-id", "must be set when oidc.issuer is set");
      if (!java.util.Arrays.asList(string("oidc.scopes").split("[\\s,]+")).contains("openid")) {
        throw new ConfigException("oidc.scopes", "must contain openid, got '" + string("oidc.scopes") + "'");
      }
      for (String k : new String[] {"oidc.mail-claim", "oidc.given-name-claim", "oidc.family-name-claim", "oidc.tag-claim"}) {
        if (!string(k).matches("[A-Za-z0-9_.:/-]{1,100}")) throw new ConfigException(k, "expected a claim name, got '" + string(k) + "'");
      }
    }
    org.opensignup.harvest.HarvestSettings.validate(this);
    org.opensignup.admin.Superusers.validate(this);
  }
}
