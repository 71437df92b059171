package org.opensignup.config;

/**
 * A feature's own checks of its settings, run whenever a configuration is loaded. Features register
 * theirs in META-INF/services, so the configuration needs to know no feature.
 */
public interface ConfigCheck {
  /** Throws {@link ConfigException} naming the key when a setting is wrong. */
  void check(AppConfig config);
}
