package org.opensignup.signup;

import org.opensignup.signup.Model.Applicant;
import org.opensignup.signup.Model.Approval;
import org.opensignup.signup.Model.Course;
import org.opensignup.signup.Model.Origin;
import org.opensignup.signup.Model.PretermToken;
import org.opensignup.signup.Model.Running;
import org.opensignup.signup.Outcome.Accepted;
import org.opensignup.signup.Outcome.Refused;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signup rules, applied in arrival order to one batch of requests against the rows loaded (and
 * locked) for that batch. Pure: no I/O, so every rule is easy to test; the store writes what it decided.
 * Counters are updated in memory as seats are given, so a batch can never oversell either.
 */
public final class Allocator {

  /** Everything the rules look at, loaded under lock for one batch. */
  public record State(Map<Long, Course> courses, Map<String, Applicant> applicantsByMail, Map<ByteBuffer, Applicant> applicantsByTag,
                      Map<Long, List<Running>> attendancesByApplicant, Map<Long, Origin> origins, Set<Long> degreeIds,
                      Set<Long> graduationIds, Map<ByteBuffer, List<Approval>> approvalsByTag, Set<ByteBuffer> registeredTags,
                      Map<String, PretermToken> tokens, Set<Long> drawnLanguages) {}

  /** A request and what the store must write for it. */
  public static final class Decision {
    public final SignupRequest request;
    public final byte[] tagHash;
    public Outcome outcome;
    /** The existing applicant's id; null when {@link #newApplicant} (the batch's write finds the new row by its mail key). */
    public Long applicantId;
    public boolean newApplicant;
    public boolean usesToken;
    /** What makes this request the same request as a retry (see SignupRequest#fingerprint). */
    public final byte[] requestHash;
    /** For a refused repeat of an existing attendance: that attendance, whose link is mailed again. */
    public Long repeatOf;

    Decision(SignupRequest request, byte[] tagHash) {
      this.request = request;
      this.tagHash = tagHash;
      this.requestHash = request.fingerprint();
    }

    public boolean writesAttendance() {
      return outcome instanceof Accepted a && !a.replayed();
    }
  }

  public record Limits(int maxAttendances) {}

  private final State state;
  private final Limits limits;
  private final Instant now;
  private final java.util.function.Supplier<String> secrets;
  // what this batch added, per applicant (keyed by mail so new applicants work too)
  private final Map<String, List<Running>> added = new HashMap<>();
  private final Map<Long, int[]> counts = new HashMap<>();
  private final Set<String> tokensUsed = new HashSet<>();
  private final Map<ByteBuffer, String> tagsClaimed = new HashMap<>();

  public Allocator(State state, Limits limits, Instant now, java.util.function.Supplier<String> secrets) {
    this.state = state;
    this.limits = limits;
    this.now = now;
    this.secrets = secrets;
    state.courses().values().forEach(c -> counts.put(c.id(), new int[] {c.confirmed(), c.waiting()}));
  }

  /** Confirmed and waiting counts after this batch. */
  public int[] counts(long courseId) {
    return counts.get(courseId);
  }

  public Decision decide(SignupRequest r, byte[] tagHash) {
    Decision d = new Decision(r, tagHash);
    d.outcome = rules(d);
    return d;
  }

  private Outcome rules(Decision d) {
    SignupRequest r = d.request;
    Course course = state.courses().get(r.courseId());
    if (course == null) return new Refused(404, "courseId", "signup.error.unknown-course");

    Applicant existing = state.applicantsByMail().get(r.mailKey());
    List<Running> mine = new ArrayList<>();
    if (existing != null) mine.addAll(state.attendancesByApplicant().getOrDefault(existing.id(), List.of()));
    mine.addAll(added.getOrDefault(r.mailKey(), List.of()));

    // a retry with the same Idempotency-Key and the same request gets the answer already given; any other
    // repeat is refused without the secret (the link goes out by mail to the address instead)
    for (Running a : mine) {
      if (r.idempotencyKey() != null && r.idempotencyKey().equals(a.idempotencyKey())) {
        if (a.courseId() != r.courseId() || !java.util.Arrays.equals(a.requestHash(), d.requestHash)) {
          return new Refused(422, "Idempotency-Key", "signup.error.idempotency-key-reused");
        }
        d.applicantId = a.applicantId();
        return replay(a);
      }
    }
    for (Running a : mine) {
      if (a.running() && a.courseId() == r.courseId()) {
        d.applicantId = a.applicantId();
        if (a.attendanceId() > 0) d.repeatOf = a.attendanceId();
        return new Refused(409, "courseId", "signup.error.already-signed-up");
      }
    }

    // a closed course takes nobody new, not even with a preterm token; repeats above still get their answer
    if (course.closed()) return new Refused(409, "courseId", "signup.error.course-closed");

    // when may this applicant sign up for this course, and into which state?
    Phase phase = course.window().phaseAt(now, state.drawnLanguages().contains(course.languageId()));
    if (!phase.acceptsSignups()) {
      PretermToken token = r.pretermToken() == null ? null : state.tokens().get(r.pretermToken());
      if (r.pretermToken() != null) {
        Refused bad = checkToken(token, r, course);
        if (bad != null) return bad;
        d.usesToken = true;
        phase = Phase.FCFS;
      } else {
        boolean drawn = state.drawnLanguages().contains(course.languageId());
        if (phase == Phase.DRAWING) return new Refused(409, null, "signup.error.drawing");
        Instant opens = course.window().nextOpening(now, drawn);
        return opens == null ? new Refused(409, null, "signup.error.closed")
          : new Refused(409, null, "signup.error.not-open-yet", opens.toString());
      }
    }

    // who is applying?
    if (r.originId() == null) return new Refused(422, "originId", "signup.error.required");
    Origin origin = state.origins().get(r.originId());
    if (origin == null) return new Refused(422, "originId", "signup.error.unknown-choice");
    // an origin proven by the login only: a logged-in applicant whose claim says so
    if (origin.proof() == Model.Proof.LOGIN && !(r.internal() && r.hasClaim(origin.proofClaim(), origin.proofValues()))) {
      return new Refused(403, "originId", "signup.error.origin-needs-login");
    }
    if (r.degreeId() != null && !state.degreeIds().contains(r.degreeId())) return new Refused(422, "degreeId", "signup.error.unknown-choice");
    if (r.graduationId() != null && !state.graduationIds().contains(r.graduationId())) return new Refused(422, "graduationId", "signup.error.unknown-choice");
    if (origin.validateRegistration() || origin.internal()) {
      if (d.tagHash == null) return new Refused(422, "tag", "signup.error.tag-required");
    }
    if (d.tagHash != null) {
      ByteBuffer tag = ByteBuffer.wrap(d.tagHash);
      Applicant owner = state.applicantsByTag().get(tag);
      String claimedBy = tagsClaimed.get(tag);
      if ((owner != null && !owner.mailKey().equals(r.mailKey())) || (claimedBy != null && !claimedBy.equals(r.mailKey()))) {
        return new Refused(409, "tag", "signup.error.tag-in-use");
      }
      if (existing != null && existing.tagHash() != null && !java.util.Arrays.equals(existing.tagHash(), d.tagHash)) {
        return new Refused(409, "tag", "signup.error.mail-has-other-tag");
      }
      if (origin.validateRegistration() && !state.registeredTags().contains(tag)) {
        return new Refused(422, "tag", "signup.error.not-registered");
      }
    }

    if (origin.requiresDegree() && r.degreeId() == null) return new Refused(422, "degreeId", "signup.error.degree-required");
    if (origin.requiresDegree() && r.semester() == null) return new Refused(422, "semester", "signup.error.semester-required");

    // the rules about other courses
    long runningCount = mine.stream().filter(Running::running).count();
    if (runningCount >= limits.maxAttendances()) {
      return new Refused(409, null, "signup.error.max-attendances", limits.maxAttendances());
    }
    for (Running a : mine) {
      if (!a.running()) continue;
      Course other = state.courses().get(a.courseId());
      boolean collides = other != null ? course.collidesWith(other)
        : a.languageId() == course.languageId()
          && (a.level().equals(course.level()) || course.collision().contains(a.level()) || a.collision().contains(course.level()));
      if (collides) return new Refused(409, "courseId", "signup.error.collision");
    }
    if (course.ratingGated()) {
      if (d.tagHash == null) return new Refused(422, "tag", "signup.error.rating-needs-tag");
      Integer percent = bestRating(state.approvalsByTag().getOrDefault(ByteBuffer.wrap(d.tagHash), List.of()));
      if (percent == null) return new Refused(409, null, "signup.error.no-rating");
      if (percent < course.ratingLowest() || percent > course.ratingHighest()) {
        return new Refused(409, null, "signup.error.rating-out-of-bounds", percent, course.ratingLowest(), course.ratingHighest());
      }
    }

    // the seat
    int[] c = counts.get(course.id());
    String newState;
    Integer position = null;
    switch (phase) {
      case LOTTERY -> newState = "pool";
      case MANUAL -> {
        // staff give the seats; the waiting list has its cap in this mode too
        if (!course.hasWaitingList() || c[1] >= CourseStatus.waitingCap(course.seats(), course.waitingCapFactor())) {
          return new Refused(409, "courseId", "signup.error.full");
        }
        newState = "waiting";
      }
      default -> {
        if (c[0] < course.seats()) {
          newState = "confirmed";
        } else if (course.hasWaitingList() && c[1] < CourseStatus.waitingCap(course.seats(), course.waitingCapFactor())) {
          newState = "waiting";
        } else {
          return new Refused(409, "courseId", "signup.error.full");
        }
      }
    }
    if (newState.equals("confirmed")) c[0]++;
    if (newState.equals("waiting")) {
      c[1]++;
      position = c[1];
    }

    boolean personal = existing != null && existing.discounted();
    // an origin staff must confirm gives nothing until they do (the attendance is marked pending in the database)
    Fees.Fee fee = Fees.of(course.priceCents(), origin.firstCourseFree(), runningCount == 0, origin.discountPercent(), personal,
      origin.proof() != Model.Proof.STAFF);
    String secret = secrets.get();
    long applicantKey = existing != null ? existing.id() : 0;
    d.applicantId = existing != null ? existing.id() : null;
    d.newApplicant = existing == null;
    if (d.usesToken) tokensUsed.add(r.pretermToken());
    if (d.tagHash != null) tagsClaimed.put(ByteBuffer.wrap(d.tagHash), r.mailKey());
    added.computeIfAbsent(r.mailKey(), k -> new ArrayList<>()).add(new Running(0, applicantKey, course.id(), course.languageId(),
      course.level(), course.collision(), newState, secret, r.idempotencyKey(), fee.cents(), position, d.requestHash));
    return new Accepted(secret, newState, position, fee.cents(), fee.discountPercent(), course.id(), false);
  }

  private Refused checkToken(PretermToken token, SignupRequest r, Course course) {
    if (token == null || !token.mailKey().equals(r.mailKey())) return new Refused(403, "pretermToken", "signup.error.token");
    if (token.used() || tokensUsed.contains(token.token())) return new Refused(409, "pretermToken", "signup.error.token-used");
    if (!token.expiresAt().isAfter(now)) return new Refused(409, "pretermToken", "signup.error.token-expired");
    if (token.languageId() != null && token.languageId() != course.languageId()) return new Refused(403, "pretermToken", "signup.error.token");
    return null;
  }

  /** Priority results (set by staff) win; otherwise the best result counts. */
  static Integer bestRating(List<Approval> approvals) {
    Integer best = null;
    boolean priority = false;
    for (Approval a : approvals) {
      if (a.priority() && !priority) {
        best = a.percent();
        priority = true;
      } else if (a.priority() == priority && (best == null || a.percent() > best)) {
        best = a.percent();
      }
    }
    return best;
  }

  private static Outcome replay(Running a) {
    return new Accepted(a.secret(), a.state(), a.position(), a.feeCents(), 0, a.courseId(), true);
  }
}
