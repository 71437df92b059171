package org.opensignup.admin;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensignup.support.Db;
import org.opensignup.support.SignupFixture;
import org.opensignup.support.Sql;
import org.opensignup.support.TestApp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.opensignup.support.Conditions.waitUntil;

/**
 * The export worker stopped in the middle of a job (an orderly stop, as on a deployment) gives the
 * job back to the queue, and the next worker to start runs it to the end.
 */
class ExportWorkerRestartTest {
  private static final int ROWS = 8_000;
  private static Db db;
  private static Sql sql;
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    db = Db.fresh(Map.of("exports.page-rows", "10"));
    sql = new Sql(db.config.string("db.url"));
    SignupFixture.load(sql);
    sql.exec("""
      INSERT INTO applicant (id, mail, mail_key, first_name, last_name, origin_id)
      SELECT g, 'r' || g || '@example.org', 'r' || g || '@example.org', 'R', 'Restart' || g, 3 FROM generate_series(1, {rows}) g"""
        .replace("{rows}", String.valueOf(ROWS)),
      """
      INSERT INTO attendance (applicant_id, course_id, state, fee_cents, secret, registered_at)
      SELECT g, 15, 'waiting', 6000, 'secret-restart-' || lpad(g::text, 10, '0'), now() FROM generate_series(1, {rows}) g"""
        .replace("{rows}", String.valueOf(ROWS)),
      "INSERT INTO export_job (id, requested_by, scope, params) VALUES (1, 'boss', 'language', "
        + "'{\"format\":\"csv\",\"columns\":[\"mail\"],\"courseIds\":[15],\"languageId\":1,\"lang\":\"en\"}')");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() {
    if (vertx != null) TestApp.await(vertx.close());
  }

  private static String deploy() {
    return TestApp.await(vertx.deployVerticle(ExportJobsVerticle.class, new DeploymentOptions().setConfig(db.config.toJson())));
  }

  @Test
  void aJobUnderWayWhenTheWorkerStopsGoesBackToTheQueueAndTheNextWorkerFinishesIt() {
    String first = deploy();
    waitUntil(30_000, "the job running with rows read", () -> sql.count("SELECT count(*) FROM export_job WHERE id = 1 AND state = 'running' AND rows > 0") == 1);
    TestApp.await(vertx.undeploy(first));
    assertEquals("queued", sql.one("SELECT state FROM export_job WHERE id = 1"), "given back, not left running");
    assertEquals(0, sql.count("SELECT count(*) FROM export_job WHERE id = 1 AND (worker IS NOT NULL OR file IS NOT NULL OR rows <> 0)"));

    deploy();
    waitUntil(180_000, "the job done by the next worker", () -> {
      String state = sql.one("SELECT state || ' ' || progress || '% ' || rows || ' ' || coalesce(error, '') FROM export_job WHERE id = 1");
      assertFalse(state.startsWith("failed"), state);
      return state.startsWith("done");
    });
    assertEquals(String.valueOf(ROWS), sql.one("SELECT rows FROM export_job WHERE id = 1"));
    String csv = sql.one("SELECT convert_from(file, 'UTF8') FROM export_job WHERE id = 1");
    assertEquals(ROWS + 1, csv.split("\r\n").length, "the whole file, each attendance once");
  }
}
