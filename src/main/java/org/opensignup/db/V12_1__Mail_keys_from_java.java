package org.opensignup.db;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.opensignup.mail.MailKey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Rewrites every stored mail key with {@link MailKey}, after V12 turned the generated column into a
 * plain one: from now on Java computes the key, so old rows must carry Java's key too.
 */
public final class V12_1__Mail_keys_from_java extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    var c = context.getConnection();
    rewrite(c, "SELECT id, mail FROM applicant", "UPDATE applicant SET mail_key = ? WHERE id = ?");
    rewrite(c, "SELECT token, mail_key FROM preterm_token", "UPDATE preterm_token SET mail_key = ? WHERE token = ?");
  }

  private static void rewrite(java.sql.Connection c, String select, String update) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select); PreparedStatement up = c.prepareStatement(update)) {
      while (rs.next()) {
        String key = MailKey.of(rs.getString(2));
        if (key.equals(rs.getString(2))) continue;
        up.setString(1, key);
        up.setObject(2, rs.getObject(1));
        up.addBatch();
      }
      up.executeBatch();
    }
  }
}
