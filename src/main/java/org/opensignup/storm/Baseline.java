package org.opensignup.storm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The yardstick: the same signup done the plain way, one transaction per signup (lock the course, upsert
 * the applicant, insert the attendance, bump the counter, write the outbox row, commit), straight through
 * the pg client against the same PostgreSQL, at several concurrencies; the best rate counts.
 */
final class Baseline {
  private static final String LOCK = "SELECT seats, confirmed_count FROM course WHERE id = $1 FOR UPDATE";
  private static final String APPLICANT = """
    INSERT INTO applicant (mail, mail_key, first_name, last_name, origin_id) VALUES ($1, lower($1), 'Base', 'Line', 1)
    ON CONFLICT (mail_key) DO UPDATE SET last_signup_at = now() RETURNING id""";
  private static final String ATTEND = """
    INSERT INTO attendance (applicant_id, course_id, state, fee_cents, secret, confirmed_at)
    VALUES ($1, $2, 'confirmed', 6000, $3, now()) RETURNING id""";
  private static final String COUNT = "UPDATE course SET confirmed_count = confirmed_count + 1 WHERE id = $1";
  private static final String MAIL = """
    INSERT INTO mail_outbox (lane, kind, recipient, payload, applicant_id, attendance_id) VALUES ('transactional', 'signup.confirmed', $1, $2, $3, $4)""";

  record Rate(int concurrency, double perSecond) {}

  private Baseline() {}

  static List<Rate> measure(Vertx vertx, String url, int courses, int signups, int[] concurrencies) {
    List<Rate> rates = new ArrayList<>();
    for (int conc : concurrencies) {
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(conc)).connectingTo(PgConnectOptions.fromUri(url)
        .setUser("postgres").setCachePreparedStatements(true)).using(vertx).build();
      AtomicInteger next = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<Void>> workers = new ArrayList<>();
      for (int w = 0; w < conc; w++) workers.add(worker(pool, next, signups, courses, "c" + conc + "-"));
      Burst.await(Future.all(workers), 600);
      double rate = signups / ((System.nanoTime() - start) / 1e9);
      rates.add(new Rate(conc, rate));
      Burst.await(pool.close(), 30);
    }
    return rates;
  }

  private static Future<Void> worker(Pool pool, AtomicInteger next, int total, int courses, String prefix) {
    int i = next.getAndIncrement();
    if (i >= total) return Future.succeededFuture();
    long course = 1 + (i % courses);
    String mail = prefix + i + "@baseline.example.org";
    return pool.withTransaction(c -> c.preparedQuery(LOCK).execute(Tuple.of(course))
        .compose(v -> c.preparedQuery(APPLICANT).execute(Tuple.of(mail)))
        .compose(a -> {
          long applicant = a.iterator().next().getLong(0);
          return c.preparedQuery(ATTEND).execute(Tuple.of(applicant, course, prefix + "secret-" + i + "-xxxxxxxxxxxx"))
            .compose(att -> c.preparedQuery(COUNT).execute(Tuple.of(course))
              .compose(v -> c.preparedQuery(MAIL).execute(Tuple.of(mail, new JsonObject().put("course", course), applicant,
                att.iterator().next().getLong(0)))));
        }))
      .compose(v -> worker(pool, next, total, courses, prefix));
  }
}
