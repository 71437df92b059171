package org.opensignup.support;

import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.db.Migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fresh migrated test database and plain JDBC for setting up and checking rows. */
public final class Db {
  public final AppConfig config;

  private Db(AppConfig config) {
    this.config = config;
  }

  public static Db fresh(Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>();
    m.put("db.url", TestDatabases.fresh());
    m.put("db.user", "postgres");
    m.put("db.pool-size", "4");
    m.putAll(overrides);
    AppConfig config = AppConfig.withOverrides(m);
    Migrations.migrate(config);
    return new Db(config);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(Database.jdbcUrl(config), "postgres", "");
  }

  public void exec(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public long count(String sql) {
    List<Map<String, Object>> rows = rows(sql);
    return ((Number) rows.get(0).values().iterator().next()).longValue();
  }

  public List<Map<String, Object>> rows(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<Map<String, Object>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
