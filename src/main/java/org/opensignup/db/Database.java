package org.opensignup.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.opensignup.config.AppConfig;

import java.net.URI;

/** The reactive PostgreSQL pool: one per process, shared by every verticle instance. */
public final class Database {
  private static final String SHARED_POOL = "opensignup";

  private Database() {}

  /** Returns the process-wide pool; verticles call this and close their handle on undeploy. */
  public static Pool pool(Vertx vertx, AppConfig config) {
    PoolOptions poolOptions = new PoolOptions()
      .setShared(true)
      .setName(SHARED_POOL)
      .setMaxSize(config.dbPoolSize())
      // bounded: past this many waiting requests the pool fails fast and HTTP answers 503
      .setMaxWaitQueueSize(config.dbWaitQueue())
      .setConnectionTimeout(10);
    return PgBuilder.pool().with(poolOptions).connectingTo(connectOptions(config)).using(vertx).build();
  }

  public static PgConnectOptions connectOptions(AppConfig config) {
    PgConnectOptions options = PgConnectOptions.fromUri(config.string("db.url"))
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(512)
      .setPipeliningLimit(256);
    if (config.isSet("db.user")) options.setUser(config.string("db.user"));
    if (config.isSet("db.password")) options.setPassword(config.string("db.password"));
    return options;
  }

  /** The same database as a JDBC URL, for Flyway (which speaks JDBC only). */
  public static String jdbcUrl(AppConfig config) {
    URI uri = URI.create(config.string("db.url"));
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
  }
}
