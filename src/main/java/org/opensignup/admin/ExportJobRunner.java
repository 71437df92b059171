package org.opensignup.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed export: reads the attendances through a cursor, a page at a time, on the
 * reactive client; appends each page to the file on a worker thread; reports progress (which is also
 * the heartbeat and the fence: once the job is no longer this worker's, it stops and writes nothing);
 * stores the finished file in the row. A zip holds one course-list PDF per course, drawn one by one.
 */
final class ExportJobRunner {
  /** The job was taken from this worker (stale, re-queued on stop): nothing more is written. */
  static final class Lost extends RuntimeException {
    Lost() {
      super("export job no longer held by this worker", null, false, false);
    }
  }

  private static final long READ_TIMEOUT_SECONDS = 120;

  private final Vertx vertx;
  private final Pool pool;
  private final ExportJobs jobs;
  private final DocumentsStore documents;
  private final ExportJobs.Settings settings;
  private final String worker;
  private final BooleanSupplier stopping;

  ExportJobRunner(Vertx vertx, Pool pool, ExportJobs.Settings settings, String worker, BooleanSupplier stopping) {
    this.vertx = vertx;
    this.pool = pool;
    this.jobs = new ExportJobs(pool);
    this.documents = new DocumentsStore(pool);
    this.settings = settings;
    this.worker = worker;
    this.stopping = stopping;
  }

  /** Runs the job to done or failed; completes when its row says so (or the job was lost). */
  Future<Void> run(ExportJobs.Claimed job) {
    String format = job.params().getString("format");
    String lang = job.params().getString("lang", "de");
    Documents.Texts t = texts(job.texts(), lang);
    Future<ExportJobFile> opened = blocking(() -> ExportJobFile.open(format, columns(job), t));
    return opened.compose(file -> ("zip".equals(format) ? pdfs(job, file, lang, t) : table(job, file, lang, t))
        .compose(rows -> blocking(() -> {
          file.finish();
          return rows;
        }))
        .compose(rows -> vertx.fileSystem().readFile(file.path.toString())
          .compose(bytes -> jobs.done(job.id(), worker, rows, bytes, fileName(job, format), file.contentType(), settings.keepHours())))
        .eventually(() -> blocking(() -> {
          file.close();
          return null;
        })))
      .<Void>mapEmpty()
      .recover(e -> e instanceof Lost ? Future.succeededFuture()
        : jobs.failed(job.id(), worker, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), settings.keepHours()));
  }

  private static List<String> columns(ExportJobs.Claimed job) {
    return job.params().getJsonArray("columns", new io.vertx.core.json.JsonArray()).stream().map(String::valueOf).toList();
  }

  /** CSV or XLSX: the attendances of the job's courses, page by page in one read-only snapshot. */
  private Future<Integer> table(ExportJobs.Claimed job, ExportJobFile file, String lang, Documents.Texts t) {
    List<Long> ids = job.courseIds();
    boolean en = "en".equals(lang);
    return jobs.count(ids).compose(total -> pool.withTransaction(conn -> conn.prepare(ExportsSql.LINES).compose(ps -> {
      Cursor cursor = ps.cursor(Tuple.of(ids.toArray(new Long[0]), false));
      return page(job, cursor, file, total, 0, en, t);
    })));
  }

  private Future<Integer> page(ExportJobs.Claimed job, Cursor cursor, ExportJobFile file, int total, int done, boolean en, Documents.Texts t) {
    if (stopping.getAsBoolean()) return Future.failedFuture(new Lost());
    // a read that never answers (a connection lost without notice) fails the job instead of holding it forever
    return cursor.read(settings.pageRows()).timeout(READ_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).compose(rows -> {
      List<ExportsTable.Line> lines = new ArrayList<>(rows.size());
      for (Row r : rows) lines.add(ExportsStore.line(r, en, t));
      int now = done + lines.size();
      return blocking(() -> {
        file.append(lines);
        return null;
      }).compose(v -> step(job, percent(now, total), now))
        .compose(v -> cursor.hasMore() ? page(job, cursor, file, total, now, en, t) : Future.succeededFuture(now));
    });
  }

  /** A zip with each course's list as a PDF, drawn one course at a time. */
  private Future<Integer> pdfs(ExportJobs.Claimed job, ExportJobFile file, String lang, Documents.Texts t) {
    List<Long> ids = job.courseIds();
    Future<Integer> chain = Future.succeededFuture(0);
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      int index = i + 1;
      chain = chain.compose(rows -> {
        if (stopping.getAsBoolean()) return Future.failedFuture(new Lost());
        return documents.course(id, lang).compose(c -> c == null ? Future.succeededFuture(rows)
          : documents.participants(List.of(id)).compose(people -> blocking(() -> {
              file.appendEntry(entryName(c.course()), Documents.courseList(List.of(c.course()), people, lang, t));
              return rows + people.get(0).size();
            })))
          .compose(n -> step(job, percent(index, ids.size()), n).map(n));
      });
    }
    return chain;
  }

  private Future<Void> step(ExportJobs.Claimed job, int progress, int rows) {
    return jobs.progress(job.id(), worker, progress, rows).compose(ours -> ours ? Future.succeededFuture() : Future.failedFuture(new Lost()));
  }

  /** Reading and writing take 90 %; storing the file the rest. */
  static int percent(int done, int total) {
    return total <= 0 ? 90 : Math.min(90, (int) (90L * done / total));
  }

  static String entryName(Documents.Course c) {
    return c.id() + "-" + safe(c.language() + " " + c.name()) + ".pdf";
  }

  /** Names what was exported: {@code export-language-3-17.csv}, {@code export-semester-2-18.zip} (ids of the language or semester, then the job). */
  static String fileName(ExportJobs.Claimed job, String format) {
    Long language = job.params().getLong("languageId");
    Long semester = job.params().getLong("semesterId");
    String what = language != null ? "language-" + language : semester != null ? "semester-" + semester : "semester";
    return "export-" + what + "-" + job.id() + "." + format;
  }

  /** Letters, digits, dot, dash; everything else an underscore (zip entry names that open anywhere). */
  static String safe(String s) {
    return s.replaceAll("[^\\p{L}\\p{N}.-]+", "_");
  }

  /** The labels stored with the job, formatted as the pages format them. */
  static Documents.Texts texts(JsonObject texts, String lang) {
    Locale locale = Locale.forLanguageTag(lang);
    return (key, args) -> {
      String pattern = texts.getString(key);
      if (pattern == null) return key;
      return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    };
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, true);
  }
}
