package org.opensignup.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for test fixtures and for checking what is in the database. */
public final class Sql {
  private final String url;

  public Sql(String reactiveUrl) {
    this.url = TestDatabases.jdbc(reactiveUrl);
  }

  public void exec(String... statements) {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public long count(String query) {
    return Long.parseLong(one(query));
  }

  public String one(String query) {
    List<String> rows = column(query);
    if (rows.size() != 1) throw new IllegalStateException("expected one row, got " + rows.size() + ": " + query);
    return rows.get(0);
  }

  public List<String> column(String query) {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(query)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
