package org.opensignup.config;

/** A configuration value that cannot be used; the message names the key and says what is expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super("configuration key '" + key + "' (env " + AppConfig.envName(key) + "): " + problem);
  }
}
