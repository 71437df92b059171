package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import org.opensignup.bus.Bus;
import org.opensignup.config.AppConfig;
import org.opensignup.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the mail outbox over SMTP (see {@link LaneWorker}): woken by {@code Bus.MAIL_WAKEUP},
 * by PostgreSQL NOTIFY on every insert (from any node), and by a fallback poll. Also answers
 * {@code Bus.MAIL_STATS} and records bounces from {@code Bus.MAIL_BOUNCE}.
 */
public final class MailVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MailVerticle.class);

  private Pool pool;
  private final List<MailClient> clients = new ArrayList<>();
  private final List<LaneWorker> workers = new ArrayList<>();
  private LaneWorker transactional;
  private LaneWorker bulk;
  private PgSubscriber subscriber;
  private BounceListener bounceListener;
  private SentMarker sent;

  @Override
  public Future<?> start() {
    AppConfig config = AppConfig.fromJson(config());
    MailSettings settings = MailSettings.from(config);
    pool = Database.pool(vertx, config);
    OutboxStore store = new OutboxStore(pool);
    BounceRecorder bounces = new BounceRecorder(pool);
    String node = nodeName();

    Future<?> consumers = Future.all(
      vertx.eventBus().<JsonObject>consumer(Bus.MAIL_STATS, msg -> store.stats().onComplete(ar -> {
        if (ar.succeeded()) msg.reply(ar.result());
        else msg.fail(503, ar.cause().getMessage());
      })).completion(),
      vertx.eventBus().<JsonObject>consumer(Bus.MAIL_BOUNCE, msg -> bounces.record(msg.body() == null ? new JsonObject() : msg.body())
        .onComplete(ar -> {
          if (ar.succeeded()) msg.reply(ar.result());
          else if (ar.cause() instanceof ReplyException re) msg.fail(re.failureCode(), re.getMessage());
          else msg.fail(503, ar.cause().getMessage());
        })).completion());

    // templates are read from the classpath once: blocking, so off the event loop
    return consumers.compose(v -> vertx.executeBlocking(() -> new MailTemplates(settings.timeZone()))).map(templates -> {
      MessageFactory messages = new MessageFactory(templates, settings);
      sent = new SentMarker(vertx, store);
      Attachments files = new Attachments(pool);
      transactional = new LaneWorker(vertx, Outbox.Lane.TRANSACTIONAL, store, client(settings, Outbox.Lane.TRANSACTIONAL), messages, files, sent, settings, node);
      bulk = new LaneWorker(vertx, Outbox.Lane.BULK, store, client(settings, Outbox.Lane.BULK), messages, files, sent, settings, node);
      workers.add(transactional);
      workers.add(bulk);
      vertx.eventBus().consumer(Bus.MAIL_WAKEUP, msg -> kickAll());
      vertx.setPeriodic(settings.pollMs(), settings.pollMs(), id -> kickAll());
      if (settings.listen()) listen(config);
      kickAll();
      return null;
    }).compose(v -> {
      int port = config.integer("mail.bounce-listen-port", 0, 65535);
      if (port == 0) return Future.succeededFuture();
      bounceListener = new BounceListener(vertx, bounces);
      return bounceListener.listen(config.string("mail.bounce-listen-host"), port)
        .onSuccess(p -> log.info("bounces accepted by LMTP/SMTP on {}:{}", config.string("mail.bounce-listen-host"), p));
    });
  }

  private void kickAll() {
    // transactional first: it claims before bulk whenever both have work
    for (LaneWorker w : workers) w.kick();
  }

  /** Every insert into mail_outbox NOTIFYs with its lane (V3 trigger): a signup on any node wakes us. */
  private void listen(AppConfig config) {
    subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(config)).reconnectPolicy(retries -> 1000L);
    PgChannel channel = subscriber.channel(MailSql.CHANNEL);
    // after a reconnect the notifications in between are lost: look for work at once (and the poll covers them)
    channel.subscribeHandler(v -> kickAll());
    channel.handler(lane -> {
      if (Outbox.Lane.BULK.dbValue().equals(lane)) bulk.kick();
      else if (Outbox.Lane.TRANSACTIONAL.dbValue().equals(lane)) transactional.kick();
      else kickAll();
    });
    subscriber.connect().onFailure(e -> log.warn("LISTEN for outbox inserts failed ({}); polling only", e.getMessage()));
  }

  /** Each lane its own SMTP pool: bulk mails queued in one never wait in front of a confirmation. */
  private MailClient client(MailSettings s, Outbox.Lane lane) {
    MailConfig c = new MailConfig()
      .setHostname(s.smtpHost())
      .setPort(s.smtpPort())
      .setStarttls(startTls(s.startTls()))
      .setMaxPoolSize(s.connections())
      .setKeepAlive(true)
      .setOwnHostname(s.messageIdDomain())
      .setConnectTimeout(10_000);
    if (!s.smtpUser().isEmpty()) {
      c.setLogin(LoginOption.REQUIRED).setUsername(s.smtpUser()).setPassword(s.smtpPassword());
    } else {
      c.setLogin(LoginOption.DISABLED);
    }
    MailClient client = MailClient.createShared(vertx, c, "opensignup-mail-" + lane.dbValue());
    clients.add(client);
    return client;
  }

  private static StartTLSOptions startTls(AppConfig.StartTls t) {
    return switch (t) {
      case NONE -> StartTLSOptions.DISABLED;
      case OPTIONAL -> StartTLSOptions.OPTIONAL;
      case REQUIRED -> StartTLSOptions.REQUIRED;
    };
  }

  private static String nodeName() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return (host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  /** Longest wait for the mails under way and their marks; past it the claim lapses and they go again, same Message-ID. */
  private static final long STOP_SECONDS = 30;

  @Override
  public Future<?> stop() {
    // mails under way are finished and marked sent before anything closes, so the next start
    // does not send them again (the application closes the shared pool only after this)
    List<Future<?>> lanes = new ArrayList<>();
    workers.forEach(w -> lanes.add(w.stop()));
    return Future.join(lanes)
      .compose(v -> sent == null ? Future.succeededFuture() : sent.drained())
      .timeout(STOP_SECONDS, TimeUnit.SECONDS)
      .onFailure(e -> log.warn("mail stop: {}; unmarked mails are sent again after mail.claim-seconds", e.getMessage()))
      .eventually(this::closeClients);
  }

  private Future<?> closeClients() {
    List<Future<?>> closing = new ArrayList<>();
    if (subscriber != null) closing.add(subscriber.close());
    if (bounceListener != null) closing.add(bounceListener.close());
    clients.forEach(c -> closing.add(c.close()));
    if (pool != null) closing.add(pool.close());
    return Future.join(closing);
  }
}
