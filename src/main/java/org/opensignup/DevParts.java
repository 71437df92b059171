package org.opensignup;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.opensignup.config.AppConfig;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What only the development jar adds (sources in {@code src/dev/java}): an embedded PostgreSQL and
 * SMTP sink where the configuration names none, and the {@code /dev/*} routes. Found through
 * {@link ServiceLoader}, so production code never names a development class; the production jar
 * holds no implementation, and without one {@link Application} refuses to start half-configured.
 */
public interface DevParts {

  /** Starts the embedded services the configuration leaves out; returns the configuration pointing at them. */
  AppConfig startServices(AppConfig config);

  /** Adds the development routes to one HTTP verticle's router. */
  void mount(Vertx vertx, Router router);

  /** Lines for the start-up banner, label to value. */
  Map<String, String> banner(AppConfig config);

  /** Stops what {@link #startServices} started; called after Vert.x is closed. */
  void close();

  /** The development parts on the classpath, if any (none in the production jar). */
  static Optional<DevParts> find() {
    return ServiceLoader.load(DevParts.class).findFirst();
  }
}
