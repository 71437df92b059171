package org.opensignup.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real PostgreSQL from a jar, for development and tests; data survives restarts when a directory is given. */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * @param dataDir kept between runs (and then durable: fsync and synchronous commit on, so an
   *                acknowledged signup survives a crash), or null for a throw-away test database
   * @param port    0 for any free port
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    return start(dataDir, port, true);
  }

  /**
   * @param stopOnExit false when the caller stops it in its own shutdown (the application does, last:
   *                   the library's JVM hook would run alongside the ordered stop and end the
   *                   database under mails still being marked sent)
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port, boolean stopOnExit) throws IOException {
    boolean durable = dataDir != null;
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      .setServerConfig("max_connections", "300")
      .setServerConfig("listen_addresses", "127.0.0.1")
      // the library's defaults favour test speed over durability
      .setServerConfig("fsync", durable ? "on" : "off")
      .setServerConfig("synchronous_commit", durable ? "on" : "off");
    if (port > 0) builder.setPort(port);
    builder.setRegisterShutdownHook(stopOnExit);
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    return new EmbeddedPostgresServer(builder.start());
  }

  public int port() {
    return postgres.getPort();
  }

  /** A URL for the reactive client: {@code postgresql://127.0.0.1:port/postgres}. */
  public String url() {
    return "postgresql://127.0.0.1:" + port() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
