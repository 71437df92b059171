package org.opensignup.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.opensignup.bus.Bus;
import org.opensignup.bus.SeatCommand;
import org.opensignup.mail.Outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Reminds applicants of an open fee: a confirmed seat, fee above the amount paid, confirmed more
 * than reminder.unpaid-after-days ago, and no reminder within reminder.unpaid-every-days. The mail
 * rows go into the outbox in the same transaction that selected the attendances, which first checks
 * the run's lease ({@link JobScheduler#checkLease}): a run that lost it writes nothing more.
 */
public final class UnpaidReminderJob {
  /** The applicant's status page; the secret in it is the attendance's. */
  public static final String STATUS_PATH = "/status/";
  static final int BATCH = 500;
  static final int MAX_BATCHES = 20;

  private final Vertx vertx;
  private final Pool pool;
  private final String publicUrl;
  private final int afterDays;
  private final int everyDays;

  public UnpaidReminderJob(Vertx vertx, Pool pool, String publicUrl, int afterDays, int everyDays) {
    this.vertx = vertx;
    this.pool = pool;
    this.publicUrl = publicUrl;
    this.afterDays = afterDays;
    this.everyDays = everyDays;
  }

  /** One run; {@code fence}: the run's lease ({@link JobScheduler#fence}), null only for unscheduled runs. */
  public Future<JsonObject> run(SeatCommand.Fence fence) {
    if (afterDays <= 0) return Future.succeededFuture(new JsonObject().put("reminded", 0).put("disabled", true));
    return batch(fence, 0, 0).map(n -> {
      if (n > 0) vertx.eventBus().publish(Bus.MAIL_WAKEUP, null);
      return new JsonObject().put("rowsRead", n).put("inserted", n).put("reminded", n);
    });
  }

  private Future<Integer> batch(SeatCommand.Fence fence, int done, int round) {
    return pool.withTransaction(conn -> JobScheduler.checkLease(conn, fence)
        .compose(v -> conn.preparedQuery(JobsSql.UNPAID_DUE).execute(Tuple.of(afterDays, everyDays, BATCH, Outbox.Kind.REMINDER_UNPAID)))
        .compose(rows -> {
          List<Tuple> mails = new ArrayList<>();
          for (Row r : rows) mails.add(mail(r));
          if (mails.isEmpty()) return Future.succeededFuture(0);
          return conn.preparedQuery(Outbox.INSERT).executeBatch(mails).map(v -> mails.size());
        }))
      .compose(n -> n < BATCH || round + 1 >= MAX_BATCHES ? Future.succeededFuture(done + n) : batch(fence, done + n, round + 1));
  }

  private Tuple mail(Row r) {
    String locale = r.getString("locale");
    String alternative = r.getString("alternative");
    String course = r.getString("level") + (alternative == null || alternative.isEmpty() ? "" : " " + alternative);
    String language = "en".equals(locale) ? r.getString("name_en") : r.getString("name_de");
    int fee = r.getInteger("fee_cents");
    int paid = r.getInteger("amount_paid_cents");
    JsonObject payload = new JsonObject()
      .put("firstName", r.getString("first_name"))
      .put("lastName", r.getString("last_name"))
      .put("course", new JsonObject().put("name", course).put("language", language))
      .put("state", "confirmed")
      .put("feeCents", fee)
      .put("amountPaidCents", paid)
      .put("openCents", fee - paid)
      .put("statusUrl", publicUrl + STATUS_PATH + r.getString("secret"));
    return Outbox.row(Outbox.Lane.TRANSACTIONAL, Outbox.Kind.REMINDER_UNPAID, r.getString("mail"), locale, payload,
      r.getLong("applicant_id"), r.getLong("attendance_id"));
  }
}
