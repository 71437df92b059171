package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mass mails: drafts with their files (each file stored once, as a blob), the test send, the queueing
 * of one bulk-lane outbox row per recipient (plus one per Cc/Bcc address) with the files linked, and
 * the delivery progress. Every write is one transaction with its audit row.
 */
public final class MassMailStore {
  private final Pool pool;

  public MassMailStore(Pool pool) {
    this.pool = pool;
  }

  /** A new file for a draft: name, type and bytes, with its SHA-256 (computed off the event loop by the caller). */
  public record NewFile(String filename, String contentType, Buffer content, byte[] sha256) {}

  public record Attached(int position, String filename, String contentType, long size) {}

  public record Saved(long id, MassMailDraft draft, String replyTo, List<Long> courseIds, OffsetDateTime testedAt,
                      OffsetDateTime queuedAt, Integer recipients, String createdBy, List<Attached> files) {}

  /** Languages (id, name, reply-to) with the courses this person manages. */
  public Future<List<Map<String, Object>>> targets(Staff staff, String lang) {
    return pool.query(MassMailSql.TARGETS).execute().map(rows -> {
      Map<Long, Map<String, Object>> languages = new LinkedHashMap<>();
      for (Row r : rows) {
        long id = r.getLong("id");
        if (!staff.canManage(id)) continue;
        Map<String, Object> language = languages.computeIfAbsent(r.getLong("language_id"), l -> {
          Map<String, Object> m = new HashMap<>();
          m.put("id", l);
          m.put("name", "en".equals(lang) ? r.getString("name_en") : r.getString("name_de"));
          m.put("replyTo", r.getString("reply_to") == null ? "" : r.getString("reply_to"));
          m.put("courses", new ArrayList<Map<String, Object>>());
          return m;
        });
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("name", AdminStore.courseName(r.getString("level"), r.getString("alternative")));
        c.put("confirmed", r.getLong("confirmed"));
        c.put("waiting", r.getLong("waiting"));
        @SuppressWarnings("unchecked") List<Map<String, Object>> list = (List<Map<String, Object>>) language.get("courses");
        list.add(c);
      }
      return new ArrayList<>(languages.values());
    });
  }

  /**
   * Saves a draft (new when {@code id} is null) with the files added and removed, and returns its id.
   * The Reply-To is the address of the chosen courses' language when they agree on one. The files
   * of a mass mail together may not exceed {@code maxBytes}.
   */
  public Future<Long> save(String actor, Long id, MassMailDraft d, List<NewFile> add, List<Integer> remove, long maxBytes) {
    Long[] courses = d.courseIds().toArray(new Long[0]);
    return pool.withTransaction(conn -> conn.preparedQuery(MassMailSql.REPLY_TO).execute(Tuple.of(courses)).compose(rs -> {
      String replyTo = rs.size() == 1 ? rs.iterator().next().getString("reply_to") : null;
      Tuple values = Tuple.of(courses, d.states().toArray(new String[0]), d.subject(), d.body(), d.senderName(), replyTo,
        d.cc().toArray(new String[0]), d.bcc().toArray(new String[0]), d.locale());
      if (id == null) {
        Tuple t = Tuple.tuple().addString(actor);
        for (int i = 0; i < values.size(); i++) t.addValue(values.getValue(i));
        return conn.preparedQuery(MassMailSql.INSERT_DRAFT).execute(t).map(r -> r.iterator().next().getLong("id"));
      }
      Tuple t = Tuple.tuple().addLong(id);
      for (int i = 0; i < values.size(); i++) t.addValue(values.getValue(i));
      return conn.preparedQuery(MassMailSql.UPDATE_DRAFT).execute(t).compose(r -> r.size() == 0
        ? Future.failedFuture(new Refusal(409, "admin.mail.error.already-queued", null))
        : Future.succeededFuture(id));
    }).compose(mailId -> {
      Future<?> f = remove.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery(MassMailSql.REMOVE_ATTACHMENTS).execute(Tuple.of(mailId, remove.toArray(new Integer[0])));
      for (NewFile file : add) {
        f = f.compose(v -> conn.preparedQuery(MassMailSql.UPSERT_BLOB).execute(Tuple.of(Buffer.buffer(file.sha256()), file.content().length(), file.content()))
          .compose(b -> conn.preparedQuery(MassMailSql.ADD_ATTACHMENT)
            .execute(Tuple.of(mailId, b.iterator().next().getLong("id"), file.filename(), file.contentType()))));
      }
      return f.compose(v -> conn.preparedQuery(MassMailSql.ATTACHED_BYTES).execute(Tuple.of(mailId))).compose(sum -> {
        long total = sum.iterator().next().getLong("n");
        if (total > maxBytes) {
          return Future.failedFuture(new Refusal(422, "admin.mail.error.attachments-size", "file", maxBytes / (1024 * 1024)));
        }
        return audit(conn, actor, id == null ? "mail.draft.create" : "mail.draft.update", mailId, new JsonObject()
          .put("subject", d.subject()).put("added", add.size()).put("removed", remove.size())).map(x -> mailId);
      });
    }));
  }

  public Future<Saved> load(long id) {
    return Future.all(pool.preparedQuery(MassMailSql.LOAD).execute(Tuple.of(id)),
      pool.preparedQuery(MassMailSql.ATTACHMENTS).execute(Tuple.of(id))).map(all -> {
        io.vertx.sqlclient.RowSet<Row> rows = all.resultAt(0);
        if (rows.size() == 0) return null;
        Row r = rows.iterator().next();
        List<Attached> files = new ArrayList<>();
        for (Row a : (io.vertx.sqlclient.RowSet<Row>) all.resultAt(1)) {
          files.add(new Attached(a.getInteger("position"), a.getString("filename"), a.getString("content_type"), a.getInteger("size")));
        }
        List<Long> courses = Arrays.asList(r.getArrayOfLongs("course_ids"));
        MassMailDraft d = new MassMailDraft(courses, Arrays.asList(r.getArrayOfStrings("states")), r.getString("subject"),
          r.getString("body"), r.getString("sender_name"), Arrays.asList(r.getArrayOfStrings("cc")), Arrays.asList(r.getArrayOfStrings("bcc")),
          r.getString("locale"));
        return new Saved(id, d, r.getString("reply_to"), courses, r.getOffsetDateTime("tested_at"), r.getOffsetDateTime("queued_at"),
          r.getInteger("recipients"), r.getString("created_by"), files);
      });
  }

  /** How many people the draft would reach (each once). */
  public Future<Long> countRecipients(MassMailDraft d) {
    return pool.preparedQuery(MassMailSql.COUNT_RECIPIENTS).execute(recipientQuery(d)).map(rs -> rs.iterator().next().getLong("n"));
  }

  /** The payload every mail of this mass mail shares; the recipients' names are added per row. */
  public static JsonObject payload(Saved m) {
    JsonObject p = new JsonObject().put("subject", m.draft().subject()).put("body", m.draft().body());
    if (m.draft().senderName() != null) p.put("senderName", m.draft().senderName());
    if (m.replyTo() != null) p.put("replyTo", m.replyTo());
    if (!m.draft().cc().isEmpty()) p.put("cc", new JsonArray(new ArrayList<>(m.draft().cc())));
    if (!m.files().isEmpty()) p.put("attachments", m.files().size());
    return p;
  }

  /** Sends the draft to the staff member's own address and marks it tested; answers the address. */
  public Future<String> sendTest(String actor, long staffId, Saved m, String locale) {
    return pool.withTransaction(conn -> conn.preparedQuery(MassMailSql.STAFF_MAIL).execute(Tuple.of(staffId)).compose(rs -> {
      String to = rs.size() == 0 ? null : rs.iterator().next().getString("mail");
      if (!MassMailDraft.isAddress(to)) return Future.failedFuture(new Refusal(422, "admin.mail.error.no-own-address", null));
      JsonObject p = payload(m).put("test", true);
      return conn.preparedQuery(MassMailSql.QUEUE_TEST).execute(Tuple.of(to, locale, p))
        .compose(o -> conn.preparedQuery(MassMailSql.LINK_TEST_ATTACHMENTS).execute(Tuple.of(m.id(), o.iterator().next().getLong("id"))))
        .compose(v -> conn.preparedQuery(MassMailSql.MARK_TESTED).execute(Tuple.of(m.id())))
        .compose(v -> audit(conn, actor, "mail.test", m.id(), new JsonObject().put("to", to)))
        .map(v -> to);
    }));
  }

  /**
   * Queues the tested draft: one bulk-lane row per recipient and one per Cc/Bcc address, the files
   * linked to each, in one transaction. Refused when not tested since its last change, or queued already.
   */
  public Future<Integer> queue(String actor, Saved m) {
    return pool.withTransaction(conn -> conn.preparedQuery(MassMailSql.LOCK).execute(Tuple.of(m.id())).compose(lock -> {
      Row r = lock.iterator().next();
      if (r.getOffsetDateTime("queued_at") != null) return Future.failedFuture(new Refusal(409, "admin.mail.error.already-queued", null));
      if (r.getOffsetDateTime("tested_at") == null) return Future.failedFuture(new Refusal(409, "admin.mail.error.test-first", null));
      JsonObject p = payload(m);
      Tuple q = recipientQuery(m.draft()).addValue(p).addLong(m.id());
      return conn.preparedQuery(MassMailSql.QUEUE).execute(q).compose(sent -> {
        int n = sent.rowCount();
        List<String> copies = new ArrayList<>(m.draft().cc());
        copies.addAll(m.draft().bcc());
        Future<?> f = copies.isEmpty() ? Future.succeededFuture()
          : conn.preparedQuery(MassMailSql.QUEUE_COPIES).execute(Tuple.of(m.id(), copies.toArray(new String[0]), m.draft().locale(), p));
        return f.compose(v -> m.files().isEmpty() ? Future.succeededFuture()
            : conn.preparedQuery(MassMailSql.LINK_ATTACHMENTS).execute(Tuple.of(m.id())))
          .compose(v -> conn.preparedQuery(MassMailSql.MARK_QUEUED).execute(Tuple.of(m.id(), n)))
          .compose(v -> audit(conn, actor, "mail.bulk", m.id(), new JsonObject()
            .put("courseIds", new JsonArray(new ArrayList<>(m.courseIds()))).put("states", new JsonArray(new ArrayList<>(m.draft().states())))
            .put("subject", m.draft().subject()).put("recipients", n).put("copies", copies.size()).put("attachments", m.files().size())))
          .map(v -> n);
      });
    }));
  }

  /** Delivery counts (pending, sent, failed) and the failures so far. */
  public Future<JsonObject> progress(long id) {
    return Future.all(pool.preparedQuery(MassMailSql.PROGRESS).execute(Tuple.of(id)),
      pool.preparedQuery(MassMailSql.FAILURES).execute(Tuple.of(id))).map(all -> {
        JsonObject counts = new JsonObject().put("pending", 0L).put("sent", 0L).put("failed", 0L);
        for (Row r : (io.vertx.sqlclient.RowSet<Row>) all.resultAt(0)) counts.put(r.getString("state"), r.getLong("n"));
        JsonArray failures = new JsonArray();
        for (Row r : (io.vertx.sqlclient.RowSet<Row>) all.resultAt(1)) {
          failures.add(new JsonObject().put("recipient", r.getString("recipient")).put("state", r.getString("state"))
            .put("attempts", r.getInteger("attempts")).put("error", r.getString("last_error") == null ? "" : r.getString("last_error")));
        }
        long total = counts.getLong("pending") + counts.getLong("sent") + counts.getLong("failed");
        return new JsonObject().put("id", id).put("total", total).put("queued", counts.getLong("pending"))
          .put("sent", counts.getLong("sent")).put("failed", counts.getLong("failed")).put("failures", failures)
          .put("done", counts.getLong("pending") == 0);
      });
  }

  public Future<List<Map<String, Object>>> recent(Staff staff) {
    return pool.query(MassMailSql.RECENT).execute().map(rows -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Row r : rows) {
        if (!mayManageAll(staff, Arrays.asList(r.getArrayOfLongs("course_ids")))) continue;
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.getLong("id"));
        m.put("subject", r.getString("subject"));
        m.put("createdBy", r.getString("created_by"));
        m.put("createdAt", r.getOffsetDateTime("created_at").toInstant());
        m.put("queued", r.getOffsetDateTime("queued_at") != null);
        m.put("recipients", r.getInteger("recipients") == null ? "" : String.valueOf(r.getInteger("recipients")));
        out.add(m);
      }
      return out;
    });
  }

  /** A mass mail is the business of whoever manages all of its courses (a draft without courses: its author). */
  public static boolean mayManageAll(Staff staff, List<Long> courseIds) {
    if (staff.superuser()) return true;
    if (courseIds.isEmpty()) return false;
    for (long c : courseIds) if (!staff.canManage(c)) return false;
    return true;
  }

  private static Tuple recipientQuery(MassMailDraft d) {
    List<String> states = new ArrayList<>(d.states());
    boolean unpaid = states.remove("unpaid");
    return Tuple.tuple().addArrayOfLong(d.courseIds().toArray(new Long[0])).addArrayOfString(states.toArray(new String[0])).addBoolean(unpaid);
  }

  private static Future<Void> audit(SqlConnection conn, String actor, String action, long id, JsonObject details) {
    return conn.preparedQuery(MassMailSql.AUDIT).execute(Tuple.of(actor, action, id, details)).mapEmpty();
  }
}
