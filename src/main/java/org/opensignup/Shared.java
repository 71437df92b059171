package org.opensignup;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Process-wide objects that verticles look up instead of creating their own (the metrics registry,
 * the development parts). Kept in a Vert.x local map, so each Vert.x instance has its own.
 */
public final class Shared {
  /** The local map holding them; also for objects created once per process with putIfAbsent. */
  public static final String PROCESS_MAP = "opensignup.process";
  private static final String MAP = PROCESS_MAP;

  /** Wraps any object so it can live in a local map; the object must be thread-safe. */
  public record Holder<T>(T value) implements Shareable {}

  private Shared() {}

  public static <T> void put(Vertx vertx, String key, T value) {
    vertx.sharedData().<String, Holder<?>>getLocalMap(MAP).put(key, new Holder<>(value));
  }

  @SuppressWarnings("unchecked")
  public static <T> T get(Vertx vertx, String key) {
    LocalMap<String, Holder<?>> map = vertx.sharedData().getLocalMap(MAP);
    Holder<?> h = map.get(key);
    return h == null ? null : (T) h.value();
  }

  public static final String METRICS = "metrics";
  /** The development parts ({@link DevParts}), absent in the production jar. */
  public static final String DEV_PARTS = "dev-parts";
  /** An AtomicBoolean set when the process begins to stop (readiness answers 503). */
  public static final String STOPPING = "stopping";
}
