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

  /** @param dataDir kept between runs, or null for a throw-away database; @param port 0 for any free port */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      .setServerConfig("max_connections", "300")
      .setServerConfig("listen_addresses", "127.0.0.1");
    if (port > 0) builder.setPort(port);
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
