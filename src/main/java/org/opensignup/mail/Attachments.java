package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the attachments of claimed outbox rows. A mass mail's files are one blob each, linked to every
 * one of its mails: the links are read per claim, the bytes once and then kept in a small cache, so a
 * mass mail to a thousand people reads each file once rather than a thousand times. Reads go through
 * the reactive client: nothing here blocks the event loop.
 */
final class Attachments {
  /** Bytes kept between claims; a mass mail's files (bounded by mail.attachments-max-bytes) fit. */
  private static final long CACHE_BYTES = 64L * 1024 * 1024;

  record Link(long blobId, String filename, String contentType) {}

  private final Pool pool;
  private final LinkedHashMap<Long, Buffer> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cached;

  Attachments(Pool pool) {
    this.pool = pool;
  }

  /** Rows whose payload says they carry attachments; the others need no query at all. */
  static boolean carries(OutboxRow row) {
    return row.payload() != null && row.payload().getInteger("attachments", 0) > 0;
  }

  /** The attachments per outbox row id (rows without any are absent). */
  Future<Map<Long, List<MailAttachment>>> of(List<OutboxRow> rows) {
    List<Long> ids = new ArrayList<>();
    for (OutboxRow r : rows) if (carries(r)) ids.add(r.id());
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery(MailSql.ATTACHMENT_LINKS).execute(Tuple.of(ids.toArray(new Long[0]))).compose(links -> {
      Map<Long, List<Link>> byRow = new HashMap<>();
      List<Long> missing = new ArrayList<>();
      for (Row r : links) {
        Link l = new Link(r.getLong("blob_id"), r.getString("filename"), r.getString("content_type"));
        byRow.computeIfAbsent(r.getLong("outbox_id"), k -> new ArrayList<>()).add(l);
        if (!cache.containsKey(l.blobId()) && !missing.contains(l.blobId())) missing.add(l.blobId());
      }
      Future<Map<Long, Buffer>> blobs = missing.isEmpty() ? Future.succeededFuture(Map.of())
        : pool.preparedQuery(MailSql.BLOBS).execute(Tuple.of(missing.toArray(new Long[0]))).map(rs -> {
          Map<Long, Buffer> m = new HashMap<>();
          for (Row r : rs) m.put(r.getLong("id"), r.getBuffer("content"));
          return m;
        });
      return blobs.map(loaded -> {
        Map<Long, List<MailAttachment>> out = new HashMap<>();
        byRow.forEach((rowId, list) -> {
          List<MailAttachment> atts = new ArrayList<>();
          for (Link l : list) {
            Buffer data = loaded.containsKey(l.blobId()) ? loaded.get(l.blobId()) : cache.get(l.blobId());
            if (data == null) throw new SendFailure.Permanent("attachment " + l.filename() + " is missing", null);
            atts.add(MailAttachment.create().setData(data).setName(l.filename()).setContentType(l.contentType())
              .setDisposition("attachment"));
          }
          out.put(rowId, atts);
        });
        loaded.forEach(this::remember);
        return out;
      });
    });
  }

  private void remember(long id, Buffer data) {
    if (data.length() > CACHE_BYTES) return;
    cache.put(id, data);
    cached += data.length();
    var it = cache.entrySet().iterator();
    while (cached > CACHE_BYTES && it.hasNext()) {
      cached -= it.next().getValue().length();
      it.remove();
    }
  }
}
