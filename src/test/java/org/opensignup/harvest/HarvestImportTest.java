package org.opensignup.harvest;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensignup.auth.TagHasher;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.opensignup.jobs.JobScheduler;
import org.opensignup.support.Db;
import org.opensignup.support.TestApp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Imports from a real HTTP export into real PostgreSQL: mapping, hashing, replacement, refusals, timeouts. */
class HarvestImportTest {
  private static Vertx vertx;
  private static Db db;
  private static Pool pool;
  private static HttpClient client;
  private static SourceServer server;
  private static final TagHasher HASHER = new TagHasher("test-key-for-harvest");

  @BeforeAll
  static void setUp() {
    db = Db.fresh(Map.of("security.tag-hash-key", "test-key-for-harvest"));
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db.config);
    client = vertx.createHttpClient();
    server = new SourceServer(vertx);
  }

  @AfterAll
  static void tearDown() {
    server.close();
    TestApp.await(pool.close());
    TestApp.await(vertx.close());
  }

  @BeforeEach
  void clean() {
    db.exec("TRUNCATE approval, registration, harvest_run, job_lease");
  }

  private static String approvals(String name, String path, String extra) {
    return "{\"name\":\"" + name + "\",\"kind\":\"approvals\",\"url\":\"" + server.url(path) + "\",\"interval\":\"1h\","
      + "\"tagColumn\":\"matriculation\",\"pointsColumn\":\"points\",\"maxColumn\":\"max\"" + extra + "}";
  }

  private static String registrations(String name, String path, String mode) {
    return "{\"name\":\"" + name + "\",\"kind\":\"registrations\",\"url\":\"" + server.url(path) + "\",\"interval\":\"1h\","
      + "\"tagColumn\":\"matnr\",\"mode\":\"" + mode + "\"}";
  }

  /** A harvester over the given sources, not polling: tests run sources with runNow. */
  private static Harvester harvester(String... sources) {
    AppConfig config = db.config.with("harvest.sources", "[" + String.join(",", sources) + "]");
    HarvestSettings settings = HarvestSettings.from(config, Map.of("TEST_TOKEN", "Bearer t0ken")::get);
    JobScheduler scheduler = new JobScheduler(vertx, pool, Duration.ofMillis(100), Duration.ofSeconds(5));
    Harvester h = new Harvester(pool, settings, scheduler, new Fetcher(vertx, client, 20L << 20), new Importer(vertx, pool, HASHER));
    h.registerSources();
    return h;
  }

  private static String hex(String tag) {
    return HexFormat.of().formatHex(HASHER.hash(tag));
  }

  private static Map<String, Object> approvalOf(String tag, String source, String flags) {
    List<Map<String, Object>> rows = db.rows("SELECT percent, sticky, priority FROM approval WHERE tag_hash = '\\x" + hex(tag)
      + "'::bytea AND source = '" + source + "'" + flags);
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Test
  void importsApprovalsAsHashedTagsWithPercentOfMaximum() {
    server.serve("/ilias.csv", "matriculation,name,points,max\n1234567,Ada,30,40\n2345678,\"Bob, Jr.\",41,40\n3456789,Cy,0,40\n4567890,Dee,,40\n");
    JsonObject run = TestApp.await(harvester(approvals("ilias", "/ilias.csv", "")).runNow("ilias"));
    assertEquals("ok", run.getString("status"), run.encode());
    assertEquals(4, run.getInteger("rowsRead"));
    assertEquals(3, run.getInteger("inserted"));
    assertEquals(75, approvalOf("1234567", "ilias", "").get("percent"));
    assertEquals(100, approvalOf("2345678", "ilias", "").get("percent"), "capped at 100");
    assertEquals(0, approvalOf("3456789", "ilias", "").get("percent"));
    assertNull(approvalOf("4567890", "ilias", ""), "a row without points (test not taken) is skipped");
    // the tag is the keyed hash of the normalised number, the form the signup flow looks up
    assertEquals(1, db.count("SELECT count(*) FROM approval WHERE tag_hash = '\\x" + hex(" 1234567 ") + "'::bytea"));
    assertEquals(0, db.count("SELECT count(*) FROM approval WHERE position(convert_to('1234567', 'UTF8') IN tag_hash) > 0"));
    Map<String, Object> r = db.rows("SELECT status, rows_read, inserted, finished_at FROM harvest_run WHERE source = 'ilias'").get(0);
    assertEquals("ok", r.get("status"));
    assertEquals(4, r.get("rows_read"));
    assertEquals(3, r.get("inserted"));
    assertNotNull(r.get("finished_at"));
  }

  @Test
  void replacementKeepsStickyAndPriorityApprovalsAndOtherSources() {
    db.exec("INSERT INTO approval (tag_hash, percent, source, sticky, priority) VALUES "
      + "('\\x" + hex("111") + "', 90, 'ilias', true, false), ('\\x" + hex("222") + "', 80, 'ilias', false, true), "
      + "('\\x" + hex("333") + "', 70, 'ilias', false, false), ('\\x" + hex("444") + "', 60, 'other', false, false)");
    Harvester h = harvester(approvals("ilias", "/replace.csv", ""));
    server.serve("/replace.csv", "matriculation,points,max\n111,10,20\n555,20,20\n");
    JsonObject run = TestApp.await(h.runNow("ilias"));
    assertEquals(2, run.getInteger("inserted"), run.encode());
    assertEquals(1, run.getInteger("removed"));
    assertEquals(90, approvalOf("111", "ilias", " AND sticky").get("percent"), "sticky entry survives");
    assertEquals(50, approvalOf("111", "ilias", " AND NOT sticky").get("percent"), "the harvested result sits beside it");
    assertEquals(80, approvalOf("222", "ilias", " AND priority").get("percent"), "priority entry survives");
    assertNull(approvalOf("333", "ilias", ""), "an ordinary entry no longer in the export goes");
    assertEquals(60, approvalOf("444", "other", "").get("percent"), "another source is untouched");
    assertEquals(100, approvalOf("555", "ilias", "").get("percent"));

    JsonObject again = TestApp.await(h.runNow("ilias"));
    assertEquals(List.of(0, 0, 0, 2), List.of(again.getInteger("inserted"), again.getInteger("updated"), again.getInteger("removed"),
      again.getInteger("unchanged")), again.encode());
    server.serve("/replace.csv", "matriculation,points,max\n111,10,20\n555,5,20\n");
    JsonObject changed = TestApp.await(h.runNow("ilias"));
    assertEquals(1, changed.getInteger("updated"), changed.encode());
    assertEquals(25, approvalOf("555", "ilias", "").get("percent"));
    assertEquals(5, db.count("SELECT count(*) FROM approval"));
  }

  @Test
  void jsonExportWithFixedMaximumAndSemicolonCsvWithDecimalComma() {
    server.serve("/results.json", "[{\"user\":\"u-1\",\"score\":12.5},{\"user\":\"u-2\",\"score\":\"25\"}]");
    String json = "{\"name\":\"moodle\",\"kind\":\"approvals\",\"format\":\"json\",\"url\":\"" + server.url("/results.json")
      + "\",\"interval\":\"1h\",\"tagColumn\":\"user\",\"pointsColumn\":\"score\",\"maxPoints\":25}";
    server.serve("/semi.csv", "Matriculation;Points;Max\r\n777;12,5;25\r\n");
    Harvester h = harvester(json, approvals("semi", "/semi.csv", ",\"delimiter\":\";\""));
    assertEquals("ok", TestApp.await(h.runNow("moodle")).getString("status"));
    assertEquals(50, approvalOf("u-1", "moodle", "").get("percent"));
    assertEquals(100, approvalOf("u-2", "moodle", "").get("percent"));
    assertEquals("ok", TestApp.await(h.runNow("semi")).getString("status"));
    assertEquals(50, approvalOf("777", "semi", "").get("percent"));
  }

  @Test
  void registrationsAreReplacedOrMergedPerSource() {
    server.serve("/students.csv", "matnr\n100\n200\n300\n");
    server.serve("/guests.csv", "matnr\n900\n");
    Harvester h = harvester(registrations("sis", "/students.csv", "replace"), registrations("guests", "/guests.csv", "merge"));
    assertEquals(3, TestApp.await(h.runNow("sis")).getInteger("inserted"));
    assertEquals(1, TestApp.await(h.runNow("guests")).getInteger("inserted"));

    server.serve("/students.csv", "matnr\n200\n300\n400\n");
    JsonObject replaced = TestApp.await(h.runNow("sis"));
    assertEquals(List.of(1, 2, 1), List.of(replaced.getInteger("inserted"), replaced.getInteger("updated"), replaced.getInteger("removed")));
    server.serve("/guests.csv", "matnr\n901\n");
    JsonObject merged = TestApp.await(h.runNow("guests"));
    assertEquals(List.of(1, 0), List.of(merged.getInteger("inserted"), merged.getInteger("removed")));

    for (String tag : List.of("200", "300", "400", "900", "901")) {
      assertEquals(1, db.count("SELECT count(*) FROM registration WHERE tag_hash = '\\x" + hex(tag) + "'::bytea"), tag);
    }
    assertEquals(0, db.count("SELECT count(*) FROM registration WHERE tag_hash = '\\x" + hex("100") + "'::bytea"));
    assertEquals(5, db.count("SELECT count(*) FROM registration"));
  }

  @Test
  void brokenFilesChangeNothingAndTheRunSaysWhere() {
    server.serve("/b.csv", "matriculation,points,max\n1,10,20\n2,20,20\n");
    server.serve("/r.csv", "matnr\n1\n2\n");
    Harvester h = harvester(approvals("b", "/b.csv", ""), registrations("r", "/r.csv", "replace"));
    TestApp.await(h.runNow("b"));
    TestApp.await(h.runNow("r"));
    String before = db.rows("SELECT string_agg(encode(tag_hash, 'hex') || ':' || percent, ',' ORDER BY tag_hash) AS s FROM approval").toString();

    server.serve("/b.csv", "matriculation,points,max\n3,10,20\n4,lots,20\n");
    JsonObject bad = TestApp.await(h.runNow("b"));
    assertEquals("failed", bad.getString("status"));
    assertTrue(bad.getString("error").startsWith("line 3, column 'points': 'lots' is not a number"), bad.getString("error"));

    server.serve("/b.csv", "matriculation,points\n3,10\n");
    String missing = TestApp.await(h.runNow("b")).getString("error");
    assertTrue(missing.contains("line 1, column 'max'") && missing.contains("missing"), missing);

    server.serve("/b.csv", "matriculation,points,max\n3,10,20\n4,10\n");
    assertTrue(TestApp.await(h.runNow("b")).getString("error").startsWith("line 3: has 2 fields, the header has 3"));

    server.serve("/b.csv", "matriculation,points,max\n3,10,20\n\"4,10,20\n");
    assertTrue(TestApp.await(h.runNow("b")).getString("error").startsWith("line 3, column 1: quoted field is never closed"));

    server.serve("/b.csv", "matriculation,points,max\n3,10,0\n");
    assertTrue(TestApp.await(h.runNow("b")).getString("error").contains("column 'max': the maximum must be above 0"));

    server.serve("/r.csv", "matnr\n");
    String empty = TestApp.await(h.runNow("r")).getString("error");
    assertTrue(empty.contains("fewer than minRows=1"), empty);

    server.serve("/r.csv", "matnr\n1\n \n");
    assertEquals("ok", TestApp.await(h.runNow("r")).getString("status"), "a blank line is no record");

    assertEquals(before, db.rows("SELECT string_agg(encode(tag_hash, 'hex') || ':' || percent, ',' ORDER BY tag_hash) AS s FROM approval").toString());
    Map<String, Object> last = db.rows("SELECT status, error FROM harvest_run WHERE source = 'b' AND status = 'failed' ORDER BY id LIMIT 1").get(0);
    assertEquals("line 3, column 'points': 'lots' is not a number of points (0 or more)", last.get("error"));
    assertEquals(5, db.count("SELECT count(*) FROM harvest_run WHERE source = 'b' AND status = 'failed'"));
  }

  @Test
  void malformedJsonReportsLineAndColumn() {
    server.serve("/bad.json", "[{\"user\":\"u-1\",\"score\":1},\n {\"user\": }]");
    String json = "{\"name\":\"j\",\"kind\":\"approvals\",\"format\":\"json\",\"url\":\"" + server.url("/bad.json")
      + "\",\"interval\":\"1h\",\"tagColumn\":\"user\",\"pointsColumn\":\"score\",\"maxPoints\":25}";
    Harvester h = harvester(json);
    String error = TestApp.await(h.runNow("j")).getString("error");
    assertTrue(error.startsWith("line 2, column "), error);
    server.serve("/bad.json", "[{\"user\":\"u-1\",\"score\":1},{\"score\":2}]");
    error = TestApp.await(h.runNow("j")).getString("error");
    assertEquals("record 2, field 'user': field is missing", error);
    assertEquals(0, db.count("SELECT count(*) FROM approval"));
  }

  @Test
  void aSourceLargerThanTheCapFailsTheRunSayingSo() {
    // 30 MB against the 20 MB cap of this harvester (harvest.max-bytes)
    server.serve("/huge.csv", LargeHarvestTest.registrationsCsv(30 * LargeHarvestTest.MB));
    Harvester h = harvester(registrations("huge", "/huge.csv", "replace"));
    JsonObject run = TestApp.await(h.runNow("huge"));
    assertEquals("failed", run.getString("status"));
    assertTrue(run.getString("error").contains("more than harvest.max-bytes=" + (20 << 20) + " bytes"), run.getString("error"));
    assertEquals(0, db.count("SELECT count(*) FROM registration"));
    server.serve("/huge.csv", "matnr\n1\n"); // frees the memory
  }

  @Test
  void slowSourceHitsTheTimeoutAndIsRecordedAsFailed() {
    server.respond("/slow.csv", new SourceServer.Response(200, "matriculation,points,max\n1,1,1\n", 3000, null, null));
    Harvester h = harvester(approvals("slow", "/slow.csv", ",\"timeoutMs\":300,\"retries\":1,\"retryBackoffMs\":50"));
    long t0 = System.nanoTime();
    JsonObject run = TestApp.await(h.runNow("slow"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("failed", run.getString("status"));
    assertTrue(run.getString("error").contains("timeout") && run.getString("error").contains("attempt 2 of 2"), run.getString("error"));
    assertTrue(ms < 2500, "gave up after the timeouts, not the server's delay: " + ms + " ms");
    assertEquals(2, server.hits("/slow.csv"));
    assertEquals("failed", db.rows("SELECT status FROM harvest_run WHERE source = 'slow'").get(0).get("status"));
  }

  @Test
  void failingSourceIsRetriedWithBackoffThenSucceedsOrFails() {
    server.respond("/flaky.csv", new SourceServer.Response(500, "oops", 0, null, null), new SourceServer.Response(503, "busy", 0, null, null),
      new SourceServer.Response(200, "matriculation,points,max\n1,1,2\n", 0, null, null));
    server.respond("/down.csv", new SourceServer.Response(500, "down", 0, null, null));
    server.respond("/gone.csv", new SourceServer.Response(404, "gone", 0, null, null));
    Harvester h = harvester(approvals("flaky", "/flaky.csv", ",\"retries\":2,\"retryBackoffMs\":50"),
      approvals("down", "/down.csv", ",\"retries\":1,\"retryBackoffMs\":50"),
      approvals("gone", "/gone.csv", ",\"retries\":3,\"retryBackoffMs\":50"));
    assertEquals("ok", TestApp.await(h.runNow("flaky")).getString("status"));
    assertEquals(3, server.hits("/flaky.csv"));
    JsonObject down = TestApp.await(h.runNow("down"));
    assertEquals("HTTP 500 Internal Server Error from " + server.url("/down.csv") + " (attempt 2 of 2)", down.getString("error"));
    JsonObject gone = TestApp.await(h.runNow("gone"));
    assertTrue(gone.getString("error").contains("HTTP 404") && gone.getString("error").contains("attempt 1 of 4"), gone.getString("error"));
    assertEquals(1, server.hits("/gone.csv"), "a 404 is not retried");
  }

  @Test
  void authHeaderIsSentFromTheReferencedSecret() {
    server.respond("/private.csv", new SourceServer.Response(200, "matnr\n42\n", 0, "Authorization", "Bearer t0ken"));
    String withToken = "{\"name\":\"priv\",\"kind\":\"registrations\",\"url\":\"" + server.url("/private.csv")
      + "\",\"interval\":\"1h\",\"tagColumn\":\"matnr\",\"authHeader\":\"env:TEST_TOKEN\"}";
    String without = "{\"name\":\"anon\",\"kind\":\"registrations\",\"url\":\"" + server.url("/private.csv")
      + "\",\"interval\":\"1h\",\"tagColumn\":\"matnr\"}";
    Harvester h = harvester(withToken, without);
    assertEquals("ok", TestApp.await(h.runNow("priv")).getString("status"));
    assertTrue(TestApp.await(h.runNow("anon")).getString("error").contains("HTTP 401"));
    String basic = "{\"name\":\"basic\",\"kind\":\"registrations\",\"url\":\"" + server.url("/basic.csv")
      + "\",\"interval\":\"1h\",\"tagColumn\":\"matnr\",\"basicUser\":\"harvester\",\"basicPassword\":\"env:TEST_TOKEN\"}";
    String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("harvester:Bearer t0ken".getBytes(StandardCharsets.UTF_8));
    server.respond("/basic.csv", new SourceServer.Response(200, "matnr\n43\n", 0, "Authorization", expected));
    assertEquals("ok", TestApp.await(harvester(basic).runNow("basic")).getString("status"));
  }

  @Test
  void uploadedFileIsImportedWithTheSourceMapping() {
    String upload = "{\"name\":\"placement\",\"kind\":\"approvals\",\"tagColumn\":\"tag\",\"pointsColumn\":\"p\",\"maxPoints\":10}";
    Harvester h = harvester(upload);
    JsonObject run = TestApp.await(h.importUpload("placement", "tag,p\nabc,7\n".getBytes(StandardCharsets.UTF_8), null));
    assertEquals("ok", run.getString("status"), run.encode());
    assertEquals(70, approvalOf("abc", "placement", "").get("percent"));
    JsonObject json = TestApp.await(h.importUpload("placement", "[{\"tag\":\"abc\",\"p\":9}]".getBytes(StandardCharsets.UTF_8),
      SourceConfig.Format.JSON));
    assertEquals(1, json.getInteger("updated"));
    assertEquals("failed", TestApp.await(h.runNow("placement")).getString("status"), "nothing to fetch for an upload-only source");
    assertThrows(IllegalStateException.class, () -> TestApp.await(h.importUpload("nope", new byte[1], null)));
    assertEquals(3, db.count("SELECT count(*) FROM harvest_run WHERE source = 'placement'"));
  }

  @Test
  void statusCountsFailuresInARowAndFlagsUnhealthySources() {
    server.respond("/st.csv", new SourceServer.Response(500, "x", 0, null, null));
    Harvester h = harvester(approvals("st", "/st.csv", ",\"retries\":0"), registrations("fine", "/fine.csv", "merge"));
    server.serve("/fine.csv", "matnr\n1\n");
    TestApp.await(h.runNow("fine"));
    for (int i = 0; i < 3; i++) TestApp.await(h.runNow("st"));
    JsonObject status = TestApp.await(h.status());
    JsonArray sources = status.getJsonArray("sources");
    JsonObject st = sources.getJsonObject(0);
    assertEquals("st", st.getString("name"));
    assertEquals("failed", st.getString("lastStatus"));
    assertEquals(3, st.getInteger("failuresInRow"));
    assertTrue(st.getBoolean("unhealthy"));
    assertNotNull(st.getString("lastRunAt"));
    assertEquals("ok", sources.getJsonObject(1).getString("lastStatus"));
    assertEquals(new JsonArray().add("st"), status.getJsonArray("unhealthy"));
    assertFalse(status.getBoolean("healthy"));

    server.serve("/st.csv", "matriculation,points,max\n1,1,1\n");
    TestApp.await(h.runNow("st"));
    JsonObject after = TestApp.await(h.status());
    assertEquals(0, after.getJsonArray("sources").getJsonObject(0).getInteger("failuresInRow"));
    assertTrue(after.getBoolean("healthy"));
    assertEquals(5, TestApp.await(h.runs(null, 50)).getJsonArray("runs").size());
    assertEquals(4, TestApp.await(h.runs("st", 50)).getJsonArray("runs").size());
  }
}
