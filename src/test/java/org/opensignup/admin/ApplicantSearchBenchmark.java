package org.opensignup.admin;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.db.Migrations;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How fast staff find applicants as they type, over 100,000 applicants (each with an attendance) in
 * a real PostgreSQL with the trigram index of V7: each query as the search page sends it (two, three,
 * more letters of a name, part of a mail address, a matriculation number), through the same
 * {@link StaffStore#search} the API uses. A figure for the README, not a test. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dmain.class=org.opensignup.admin.ApplicantSearchBenchmark}
 * (optional: -Dbench.applicants=100000 -Dbench.rounds=50).
 */
public final class ApplicantSearchBenchmark {
  private ApplicantSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int applicants = Integer.getInteger("bench.applicants", 100_000);
    int rounds = Integer.getInteger("bench.rounds", 50);
    String url = TestDatabases.fresh();
    AppConfig config = AppConfig.withOverrides(Map.of("db.url", url, "db.user", "postgres", "db.pool-size", "4"));
    Migrations.migrate(config);
    Sql sql = new Sql(url);
    long start = System.nanoTime();
    // names from syllables, so many share letters (a search as you type sees many candidates)
    sql.exec("INSERT INTO language (id, name_de, name_en) VALUES (1, 'Bench', 'Bench')",
      "INSERT INTO course (id, language_id, level, seats) VALUES (1, 1, 'A1', 100000)",
      """
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name)
      SELECT i, 'user' || i || '@' || (ARRAY['uni.example','mail.example','kit.example'])[1 + i % 3],
        'user' || i || '@' || (ARRAY['uni.example','mail.example','kit.example'])[1 + i % 3],
        initcap((ARRAY['an','be','ca','do','el','fi','ga','ho','ir','ju'])[1 + i % 10] || (ARRAY['na','ra','lo','mi','tes','vin'])[1 + (i / 10) % 6]),
        initcap((ARRAY['mül','sch','bra','kle','wei','hof','ber','lan'])[1 + (i / 60) % 8] || (ARRAY['ler','mann','un','in','ner','ter','berg'])[1 + (i / 480) % 7] || (i % 97))
      FROM generate_series(1, """ + applicants + ") i",
      "INSERT INTO attendance (applicant_id, course_id, state, secret, confirmed_at) SELECT id, 1, 'confirmed', 'bench-secret-' || lpad(id::text, 12, '0'), now() FROM applicant",
      "ANALYZE applicant", "ANALYZE attendance");
    System.out.printf("%d applicants loaded in %.1f s%n", applicants, (System.nanoTime() - start) / 1e9);
    System.out.println("plan of a three-letter search: " + String.join(" | ", sql.column(
      "EXPLAIN SELECT id FROM applicant a WHERE lower(a.first_name || ' ' || a.last_name || ' ' || a.mail) LIKE '%mül%' LIMIT 20")));

    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, config);
    StaffStore store = new StaffStore(pool, "http://localhost");
    byte[] tag = org.opensignup.auth.TagHasher.from(config).hash("ab1234");
    try {
      for (String q : List.of("an", "ann", "anna", "brau", "müller", "schmann", "user4711", "kit.example", "zzz-nothing")) {
        List<Double> ms = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < rounds + 5; i++) {
          long t = System.nanoTime();
          found = TestApp.await(store.search(q, tag, null, 20)).size();
          if (i >= 5) ms.add((System.nanoTime() - t) / 1e6); // the first calls warm up the JIT and the prepared statement
        }
        Collections.sort(ms);
        System.out.printf("q=%-12s %2d found  median %6.2f ms  p95 %6.2f ms  max %6.2f ms%n", q, found, ms.get(ms.size() / 2),
          ms.get((int) (ms.size() * 0.95)), ms.get(ms.size() - 1));
      }
    } finally {
      pool.close();
      vertx.close();
    }
    System.exit(0);
  }
}
