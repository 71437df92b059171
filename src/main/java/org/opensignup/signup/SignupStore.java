package org.opensignup.signup;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.opensignup.auth.TagHasher;
import org.opensignup.mail.Outbox;
import org.opensignup.signup.Allocator.Decision;
import org.opensignup.signup.Model.Applicant;
import org.opensignup.signup.Model.Approval;
import org.opensignup.signup.Model.Course;
import org.opensignup.signup.Model.Origin;
import org.opensignup.signup.Model.PretermToken;
import org.opensignup.signup.Model.Running;
import org.opensignup.signup.Outcome.Accepted;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one batch of signups in one transaction: lock, load, decide (Allocator), write attendances,
 * counters and outbox mails together, commit. Many signups share one commit (group commit), and a
 * course row is locked once per batch rather than once per signup.
 */
public final class SignupStore {
  /** The transaction lost a race (a concurrent insert, a deadlock); the whole batch is simply run again. */
  static final class RetryBatch extends RuntimeException {
    RetryBatch(String why) {
      super(why, null, false, false);
    }
  }

  /** The result of a batch: one outcome per request, and which courses changed. */
  public record Result(List<Outcome> outcomes, Set<Long> changedCourses, boolean mailsWritten) {}

  private final Pool pool;
  private final TagHasher hasher;
  private final Allocator.Limits limits;
  private final MailModel.Terms terms;
  private final SeatChanges.Timeouts timeouts;
  private final SeatMails mails;

  public SignupStore(Pool pool, TagHasher hasher, Allocator.Limits limits, MailModel.Terms terms, SeatChanges.Timeouts timeouts) {
    this.pool = pool;
    this.hasher = hasher;
    this.limits = limits;
    this.terms = terms;
    this.timeouts = timeouts;
    this.mails = new SeatMails(terms);
  }

  /**
   * Runs a batch. A request that fails inside it never fails the others: after an error that is neither
   * a lost race (run again) nor the database being out of reach or too slow (the whole batch gets 503),
   * the batch is run again request by request, and only the culprit gets its error.
   */
  public Future<Result> process(List<SignupRequest> requests) {
    return attempt(requests, 0).recover(e -> requests.size() > 1 && !Failures.unavailable(e) ? oneByOne(requests)
      : requests.size() == 1 && !Failures.unavailable(e) ? Future.succeededFuture(alone(e)) : Future.failedFuture(e));
  }

  private Future<Result> oneByOne(List<SignupRequest> requests) {
    List<Outcome> outcomes = new ArrayList<>();
    Set<Long> changed = new HashSet<>();
    boolean[] mailed = {false};
    Future<Void> chain = Future.succeededFuture();
    for (SignupRequest r : requests) {
      chain = chain.compose(v -> attempt(List.of(r), 0).transform(ar -> {
        if (ar.succeeded()) {
          outcomes.addAll(ar.result().outcomes());
          changed.addAll(ar.result().changedCourses());
          mailed[0] |= ar.result().mailsWritten();
          return Future.succeededFuture();
        }
        if (Failures.unavailable(ar.cause())) return Future.failedFuture(ar.cause());
        outcomes.add(alone(ar.cause()).outcomes().get(0));
        return Future.succeededFuture();
      }));
    }
    return chain.map(v -> new Result(outcomes, changed, mailed[0]));
  }

  /** A request that failed on its own: its input's fault (4xx) when the database refused the values, else a bug (500, logged). */
  private static Result alone(Throwable e) {
    return new Result(List.of(Failures.refusal(e)), Set.of(), false);
  }

  private Future<Result> attempt(List<SignupRequest> requests, int tries) {
    return pool.withTransaction(conn -> run(conn, requests)).recover(e -> {
      boolean retryable = e instanceof RetryBatch
        || e instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()));
      return retryable && tries < 5 ? attempt(requests, tries + 1) : Future.failedFuture(e);
    });
  }

  private Future<Result> run(SqlConnection conn, List<SignupRequest> requests) {
    List<byte[]> hashes = new ArrayList<>(requests.size());
    Set<Long> courseIds = new java.util.TreeSet<>();
    Set<String> mails = new java.util.TreeSet<>();
    Set<ByteBuffer> tags = new LinkedHashSet<>();
    Set<String> tokens = new java.util.TreeSet<>();
    for (SignupRequest r : requests) {
      byte[] h = r.tag() == null ? null : hasher.hash(r.tag());
      hashes.add(h);
      courseIds.add(r.courseId());
      mails.add(r.mailKey());
      if (h != null) tags.add(ByteBuffer.wrap(h));
      if (r.pretermToken() != null) tokens.add(r.pretermToken());
    }
    Buffer[] tagArray = tags.stream().map(b -> Buffer.buffer(b.array())).toArray(Buffer[]::new);

    // sent back to back on one connection (pipelined); the server runs them in this order, so locks are
    // taken courses first, then applicants, then tokens, always in id order; the clock is read after the
    // course locks, so a batch that waited behind the draw decides on the time it got the locks
    Future<?> timeLimits = conn.preparedQuery(SignupSql.TIMEOUTS)
      .execute(Tuple.of(String.valueOf(timeouts.lockMillis()), String.valueOf(timeouts.statementMillis())));
    Future<?> customPlans = conn.preparedQuery(SignupSql.CUSTOM_PLANS).execute();
    Long[] courseArray = courseIds.toArray(Long[]::new);
    Future<RowSet<Row>> courses = conn.preparedQuery(SignupSql.LOCK_COURSES).execute(Tuple.of((Object) courseArray));
    Future<RowSet<Row>> clock = conn.preparedQuery(SignupSql.CLOCK_AND_DRAWS).execute(Tuple.of((Object) courseArray));
    Tuple applicantKeys = Tuple.of(mails.toArray(String[]::new), (Object) tagArray);
    Future<RowSet<Row>> applicants = conn.preparedQuery(SignupSql.LOCK_APPLICANTS).execute(applicantKeys);
    Future<RowSet<Row>> attendances = conn.preparedQuery(SignupSql.ATTENDANCES_OF).execute(applicantKeys);
    Future<RowSet<Row>> tokenRows = tokens.isEmpty() ? Future.succeededFuture(null)
      : conn.preparedQuery(SignupSql.LOCK_TOKENS).execute(Tuple.of(tokens.toArray(String[]::new)));
    Future<RowSet<Row>> reference = conn.preparedQuery(SignupSql.REFERENCE_DATA).execute();
    Future<RowSet<Row>> approvals = tags.isEmpty() ? Future.succeededFuture(null)
      : conn.preparedQuery(SignupSql.APPROVALS_FOR).execute(Tuple.of((Object) tagArray));
    Future<RowSet<Row>> registered = tags.isEmpty() ? Future.succeededFuture(null)
      : conn.preparedQuery(SignupSql.REGISTERED).execute(Tuple.of((Object) tagArray));

    return Future.all(List.of(timeLimits, customPlans, courses, clock, applicants, attendances, tokenRows, reference, approvals, registered)).compose(all -> {
      Row clockRow = clock.result().iterator().next();
      Instant now = clockRow.getOffsetDateTime("now").toInstant();
      Set<Long> drawn = new HashSet<>(Arrays.asList(clockRow.getArrayOfLongs("drawn")));
      Map<String, Applicant> byMail = new HashMap<>();
      Map<ByteBuffer, Applicant> byTag = new HashMap<>();
      for (Row row : applicants.result()) {
        Buffer tag = row.getBuffer("tag_hash");
        Applicant a = new Applicant(row.getLong("id"), row.getString("mail_key"), tag == null ? null : tag.getBytes(),
          row.getLong("origin_id"), row.getBoolean("discounted"));
        byMail.put(a.mailKey(), a);
        if (a.tagHash() != null) byTag.put(ByteBuffer.wrap(a.tagHash()), a);
      }
      Allocator.State state = new Allocator.State(courses(courses.result()), byMail, byTag, attendances(attendances.result()),
        origins(reference.result()), ids(reference.result(), "degree"), ids(reference.result(), "graduation"),
        approvals(approvals.result()), registered(registered.result()), tokens(tokenRows.result()), drawn);
      Allocator allocator = new Allocator(state, limits, now, Secrets::next);
      List<Decision> decisions = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) decisions.add(allocator.decide(requests.get(i), hashes.get(i)));
      return withReplayedPositions(conn, decisions)
        .compose(v -> write(conn, decisions, allocator, state, facts(courses.result()), now))
        .compose(result -> linksAgain(conn, decisions).map(mailed -> mailed
          ? new Result(result.outcomes(), result.changedCourses(), true) : result));
    });
  }

  /**
   * Writes a batch's decisions in one round trip (the statements pipelined): existing applicants updated, new ones,
   * attendances and mails inserted by one statement, counters and preterm tokens. The commit follows.
   */
  private Future<Result> write(SqlConnection conn, List<Decision> decisions, Allocator allocator, Allocator.State state,
                               Map<Long, MailModel.CourseFacts> facts, Instant now) {
    List<Decision> writes = decisions.stream().filter(Decision::writesAttendance).toList();
    if (writes.isEmpty()) return Future.succeededFuture(new Result(outcomes(decisions), Set.of(), false));
    // one applicant row per mail, even if it applied for two courses in this batch
    Map<String, Decision> newByMail = new TreeMap<>();
    Map<Long, Decision> updates = new TreeMap<>();
    for (Decision d : writes) {
      if (d.newApplicant) newByMail.putIfAbsent(d.request.mailKey(), d);
      else updates.putIfAbsent(d.applicantId, d);
    }
    Future<?> updated = updates.isEmpty() ? Future.succeededFuture()
      : conn.preparedQuery(SignupSql.UPDATE_APPLICANTS).execute(applicantArrays(List.copyOf(updates.keySet()), List.copyOf(updates.values())));
    // from here on the statements check foreign keys or run row triggers
    Future<?> cachedPlans = conn.preparedQuery(SignupSql.CACHED_PLANS).execute();
    Future<RowSet<Row>> written = conn.preparedQuery(SignupSql.WRITE_SIGNUPS)
      .execute(signupArrays(List.copyOf(newByMail.values()), writes, state.courses(), facts, now, allocator));

    Set<Long> changed = new HashSet<>();
    List<Long> countIds = new ArrayList<>();
    List<Integer> confirmedDelta = new ArrayList<>();
    List<Integer> waitingDelta = new ArrayList<>();
    for (Course c : state.courses().values()) {
      int[] after = allocator.counts(c.id());
      if (after[0] != c.confirmed() || after[1] != c.waiting()) {
        changed.add(c.id());
        countIds.add(c.id());
        confirmedDelta.add(after[0] - c.confirmed());
        waitingDelta.add(after[1] - c.waiting());
      }
    }
    List<Tuple> tokenUses = writes.stream().filter(d -> d.usesToken)
      .map(d -> Tuple.of(d.request.pretermToken(), d.applicantId, d.request.mailKey())).toList();
    Future<?> counted = countIds.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(SignupSql.ADD_TO_COUNTS)
      .execute(Tuple.of(countIds.toArray(Long[]::new), confirmedDelta.toArray(Integer[]::new), waitingDelta.toArray(Integer[]::new)));
    Future<?> tokensUsed = tokenUses.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(SignupSql.USE_TOKEN).executeBatch(tokenUses);

    return Future.all(List.of(updated, cachedPlans, written, counted, tokensUsed)).map(all -> {
      Row counts = written.result().iterator().next();
      if (counts.getInteger("applicants") != newByMail.size() || counts.getInteger("attendances") != writes.size()) {
        throw new RetryBatch("an applicant was inserted concurrently");
      }
      return new Result(outcomes(decisions), changed, true);
    });
  }

  /**
   * A refused repeat of an existing signup: its status link goes to the address by mail (never in the
   * answer), at most once per attendance per 10 minutes. True when a mail was written.
   */
  private Future<Boolean> linksAgain(SqlConnection conn, List<Decision> decisions) {
    Long[] ids = decisions.stream().map(d -> d.repeatOf).filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
    if (ids.length == 0) return Future.succeededFuture(false);
    return conn.preparedQuery(SignupSql.MARK_REPEAT_MAILED).execute(Tuple.of((Object) ids)).compose(rows -> {
      List<Long> due = new ArrayList<>();
      for (Row r : rows) due.add(r.getLong("id"));
      return mails.write(conn, due, Outbox.Kind.ALREADY_SIGNED_UP).map(v -> !due.isEmpty());
    });
  }

  /** A repeated waiting-list answer says the position the entry has now. */
  private static Future<Void> withReplayedPositions(SqlConnection conn, List<Decision> decisions) {
    List<Decision> waiting = decisions.stream()
      .filter(d -> d.outcome instanceof Accepted a && a.replayed() && "waiting".equals(a.state()) && a.position() == null).toList();
    if (waiting.isEmpty()) return Future.succeededFuture();
    String[] secrets = waiting.stream().map(d -> ((Accepted) d.outcome).secret()).toArray(String[]::new);
    return conn.preparedQuery(SignupSql.POSITIONS).execute(Tuple.of((Object) secrets)).map(rows -> {
      Map<String, Integer> positions = new HashMap<>();
      for (Row r : rows) positions.put(r.getString("secret"), r.getLong("position").intValue());
      for (Decision d : waiting) {
        Accepted a = (Accepted) d.outcome;
        d.outcome = new Accepted(a.secret(), a.state(), positions.get(a.secret()), a.feeCents(), a.discountPercent(), a.courseId(), true);
      }
      return null;
    });
  }

  /** The applicant columns as arrays; with ids for updates of existing applicants, without for new ones. */
  private static Tuple applicantArrays(List<Long> ids, List<Decision> ds) {
    int n = ds.size();
    String[] mails = new String[n];
    String[] first = new String[n];
    String[] last = new String[n];
    String[] locales = new String[n];
    Buffer[] tags = new Buffer[n];
    Long[] origins = new Long[n];
    Long[] degrees = new Long[n];
    Long[] graduations = new Long[n];
    Integer[] semesters = new Integer[n];
    for (int i = 0; i < n; i++) {
      Decision d = ds.get(i);
      SignupRequest r = d.request;
      mails[i] = r.mail();
      first[i] = r.firstName();
      last[i] = r.lastName();
      tags[i] = d.tagHash == null ? null : Buffer.buffer(d.tagHash);
      origins[i] = r.originId();
      degrees[i] = r.degreeId();
      graduations[i] = r.graduationId();
      semesters[i] = r.semester();
      locales[i] = r.locale();
    }
    if (ids != null) return Tuple.of(ids.toArray(Long[]::new), first, last, tags, origins, degrees, graduations, semesters, locales);
    String[] keys = ds.stream().map(d -> d.request.mailKey()).toArray(String[]::new);
    return Tuple.of(mails, first, last, tags, origins, degrees, graduations, semesters, locales, keys);
  }

  /** The parameters of {@link SignupSql#WRITE_SIGNUPS}: new applicants, then every attendance, then its mail. */
  private Tuple signupArrays(List<Decision> newApplicants, List<Decision> writes, Map<Long, Course> courses,
                             Map<Long, MailModel.CourseFacts> facts, Instant now, Allocator allocator) {
    Tuple t = applicantArrays(null, newApplicants);
    int n = writes.size();
    Long[] applicantIds = new Long[n];
    String[] mailKeys = new String[n];
    Long[] courseIds = new Long[n];
    String[] states = new String[n];
    Integer[] fees = new Integer[n];
    Integer[] discounts = new Integer[n];
    String[] secrets = new String[n];
    String[] keys = new String[n];
    Buffer[] hashes = new Buffer[n];
    String[] kinds = new String[n];
    String[] recipients = new String[n];
    String[] locales = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      Decision d = writes.get(i);
      Accepted a = (Accepted) d.outcome;
      applicantIds[i] = d.newApplicant ? null : d.applicantId;
      mailKeys[i] = d.request.mailKey();
      courseIds[i] = a.courseId();
      states[i] = a.state();
      fees[i] = a.feeCents();
      discounts[i] = a.discountPercent();
      secrets[i] = a.secret();
      keys[i] = d.request.idempotencyKey();
      hashes[i] = Buffer.buffer(d.requestHash);
      kinds[i] = mailKind(a, courses.get(a.courseId()));
      recipients[i] = d.request.mail();
      locales[i] = d.request.locale();
      payloads[i] = MailModel.of(d.request.firstName(), d.request.lastName(), facts.get(a.courseId()), d.request.locale(), a.state(),
        a.position(), allocator.counts(a.courseId())[1], a.feeCents(), "confirmed".equals(a.state()) ? now : null, terms, a.secret()).encode();
    }
    for (Object o : new Object[] {applicantIds, mailKeys, courseIds, states, fees, discounts, secrets, keys, hashes,
      Outbox.Lane.TRANSACTIONAL.dbValue(), kinds, recipients, locales, payloads, secrets}) {
      t.addValue(o);
    }
    return t;
  }

  private static String mailKind(Accepted a, Course c) {
    return switch (a.state()) {
      case "confirmed" -> Outbox.Kind.CONFIRMED;
      // in manual mode the list is not a queue for free seats: staff choose, so the mail must not say "full"
      case "waiting" -> c.window().manual() ? Outbox.Kind.MANUAL : Outbox.Kind.WAITING;
      default -> Outbox.Kind.POOL;
    };
  }

  private static Map<Long, MailModel.CourseFacts> facts(RowSet<Row> rows) {
    Map<Long, MailModel.CourseFacts> m = new HashMap<>();
    for (Row r : rows) m.put(r.getLong("id"), MailModel.CourseFacts.of(r, r.getLong("id")));
    return m;
  }

  private static List<Outcome> outcomes(List<Decision> decisions) {
    return decisions.stream().map(d -> d.outcome).toList();
  }

  // --- row mapping -------------------------------------------------------------------------------

  private static Map<Long, Course> courses(RowSet<Row> rows) {
    Map<Long, Course> m = new HashMap<>();
    for (Row r : rows) {
      SignupWindow w = new SignupWindow(instant(r, "signup_begin"), instant(r, "lottery_end"), instant(r, "fcfs_begin"),
        instant(r, "signup_end"), r.getBoolean("manual_mode"));
      m.put(r.getLong("id"), new Course(r.getLong("id"), r.getLong("language_id"), r.getString("name_de"), r.getString("name_en"),
        r.getString("level"), r.getString("alternative"), List.of(r.getArrayOfStrings("collision")), r.getInteger("seats"),
        r.getInteger("confirmed_count"), r.getInteger("waiting_count"), r.getBoolean("has_waiting_list"),
        r.getInteger("waiting_cap_factor"), r.getInteger("price_cents"), r.getBoolean("rating_gated"),
        r.getInteger("rating_lowest"), r.getInteger("rating_highest"), w, r.getBoolean("closed")));
    }
    return m;
  }

  private static Map<Long, List<Running>> attendances(RowSet<Row> rows) {
    Map<Long, List<Running>> m = new HashMap<>();
    if (rows == null) return m;
    for (Row r : rows) {
      // positions are looked up later, only for answers that repeat a waiting-list place
      m.computeIfAbsent(r.getLong("applicant_id"), k -> new ArrayList<>()).add(new Running(r.getLong("id"), r.getLong("applicant_id"),
        r.getLong("course_id"), r.getLong("language_id"), r.getString("level"), List.of(r.getArrayOfStrings("collision")),
        r.getString("state"), r.getString("secret"), r.getString("idempotency_key"), r.getInteger("fee_cents"), null,
        r.getBuffer("request_hash") == null ? null : r.getBuffer("request_hash").getBytes()));
    }
    return m;
  }

  private static Map<Long, Origin> origins(RowSet<Row> rows) {
    Map<Long, Origin> m = new HashMap<>();
    for (Row r : rows) {
      if (!"origin".equals(r.getString("kind"))) continue;
      m.put(r.getLong("id"), new Origin(r.getLong("id"), r.getBoolean("internal"), r.getBoolean("validate_registration"),
        r.getBoolean("requires_degree"), r.getBoolean("first_course_free"), r.getInteger("discount_percent"),
        Model.Proof.fromDb(r.getString("proof")), r.getString("proof_claim"), List.of(r.getArrayOfStrings("proof_values"))));
    }
    return m;
  }

  private static Set<Long> ids(RowSet<Row> rows, String kind) {
    Set<Long> s = new HashSet<>();
    for (Row r : rows) if (kind.equals(r.getString("kind"))) s.add(r.getLong("id"));
    return s;
  }

  private static Map<ByteBuffer, List<Approval>> approvals(RowSet<Row> rows) {
    Map<ByteBuffer, List<Approval>> m = new HashMap<>();
    if (rows == null) return m;
    for (Row r : rows) {
      m.computeIfAbsent(ByteBuffer.wrap(r.getBuffer("tag_hash").getBytes()), k -> new ArrayList<>())
        .add(new Approval(r.getInteger("percent"), r.getBoolean("priority")));
    }
    return m;
  }

  private static Set<ByteBuffer> registered(RowSet<Row> rows) {
    Set<ByteBuffer> s = new HashSet<>();
    if (rows != null) for (Row r : rows) s.add(ByteBuffer.wrap(r.getBuffer("tag_hash").getBytes()));
    return s;
  }

  private static Map<String, PretermToken> tokens(RowSet<Row> rows) {
    Map<String, PretermToken> m = new HashMap<>();
    if (rows != null) {
      for (Row r : rows) {
        m.put(r.getString("token"), new PretermToken(r.getString("token"), r.getString("mail_key"), r.getLong("language_id"),
          instant(r, "expires_at"), r.getBoolean("used")));
      }
    }
    return m;
  }

  static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
