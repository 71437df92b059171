package org.opensignup.config;

/** A configuration value that cannot be used; the message names the key and says what is expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super("configuration key '" + key + "' (env " + AppConfig.envName(key) + "): " + problem);
  }

  /** Several keys with one problem (e.g. required settings missing), still one line. */
  public ConfigException(java.util.List<String> keys, String problem) {
    super((keys.size() == 1 ? "configuration key " : "configuration keys ")
      + String.join(", ", keys.stream().map(k -> "'" + k + "' (env " + AppConfig.envName(k) + ")").toList()) + ": " + problem);
  }
}
