package org.opensignup.storm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The storm's world: one language open for first come first served, C courses, one origin for everyone. */
final class StormData {
  static final long ORIGIN = 1;

  private StormData() {}

  /** Creates the courses; the language opens at once (the window has just opened: the storm begins). */
  static void load(String jdbcUrl, StormOptions o) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement st = c.createStatement()) {
      st.execute("INSERT INTO origin (id, name_de, name_en) VALUES (1, 'Externe', 'External')");
      st.execute("INSERT INTO language (id, name_de, name_en, signup_begin, fcfs_begin, signup_end) VALUES "
        + "(1, 'Sturm', 'Storm', now() - interval '1 minute', now() - interval '1 minute', now() + interval '1 day')");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO course (id, language_id, level, seats, price_cents, waiting_cap_factor) VALUES (?, 1, ?, ?, 6000, 1)")) {
        for (int i = 1; i <= o.courses(); i++) {
          ps.setLong(1, i);
          ps.setString(2, "Course " + i);
          ps.setInt(3, o.seatsPerCourse());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      // warm-up courses in a language of their own: the server's JIT warms on them, the figures come from the storm's
      st.execute("INSERT INTO language (id, name_de, name_en, signup_begin, fcfs_begin, signup_end) VALUES "
        + "(2, 'Aufwärmen', 'Warm-up', now() - interval '1 minute', now() - interval '1 minute', now() + interval '1 day')");
      st.execute("INSERT INTO course (id, language_id, level, seats, price_cents) SELECT " + WARMUP_FIRST_COURSE
        + " + g, 2, 'Warm-up ' || g, 100000, 0 FROM generate_series(0, " + (WARMUP_COURSES - 1) + ") g");
      st.execute("SELECT setval('course_id_seq', 100000)");
    }
  }

  static final long WARMUP_FIRST_COURSE = 50_000;
  static final int WARMUP_COURSES = 4;

  static String mail(String prefix, int applicant) {
    return prefix + applicant + "@storm.example.org";
  }
}
