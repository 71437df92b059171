package org.opensignup.support;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Checks on the recorded runs of a scheduled job (harvest_run). */
public final class RunHistory {
  private RunHistory() {}

  /** Each run ended before the next began, and consecutive starts lie at least {@code minGapMs} apart (one run per tick). */
  public static void assertRunsDoNotOverlap(Db db, String job, long minGapMs) {
    List<Map<String, Object>> runs = db.rows("SELECT started_at, finished_at, node FROM harvest_run WHERE source = '" + job + "' ORDER BY started_at");
    for (int i = 1; i < runs.size(); i++) {
      Timestamp prevStart = (Timestamp) runs.get(i - 1).get("started_at");
      Timestamp prevEnd = (Timestamp) runs.get(i - 1).get("finished_at");
      Timestamp start = (Timestamp) runs.get(i).get("started_at");
      assertNotNull(prevEnd, "run " + (i - 1) + " finished");
      assertFalse(start.before(prevEnd), "run " + i + " started before run " + (i - 1) + " ended: " + runs);
      assertTrue(start.getTime() - prevStart.getTime() >= minGapMs, "two runs of one tick: " + runs);
    }
  }
}
