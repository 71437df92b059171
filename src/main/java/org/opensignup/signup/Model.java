package org.opensignup.signup;

import java.util.List;

/** The rows the signup rules look at, loaded under lock for one batch. */
public final class Model {
  private Model() {}

  public record Course(long id, long languageId, String languageDe, String languageEn, String level, String alternative,
                       List<String> collision, int seats, int confirmed, int waiting, boolean hasWaitingList, int waitingCapFactor,
                       int priceCents, boolean ratingGated, int ratingLowest, int ratingHighest, SignupWindow window,
                       // closed by staff: no new signups, the attendances stay
                       boolean closed) {
    public String displayName() {
      return alternative.isEmpty() ? level : level + " " + alternative;
    }

    /** Levels collide when they are the same, or either course names the other's level. */
    public boolean collidesWith(Course other) {
      return languageId == other.languageId
        && (level.equals(other.level) || collision.contains(other.level) || other.collision.contains(level));
    }
  }

  public record Applicant(long id, String mailKey, byte[] tagHash, Long originId, boolean discounted) {}

  /**
   * {@code proof}: how choosing this origin is proven: NONE, LOGIN (an OIDC login whose claim
   * {@code proofClaim} holds one of {@code proofValues}), STAFF (pending until staff confirm).
   */
  public record Origin(long id, boolean internal, boolean validateRegistration, boolean requiresDegree,
                       boolean firstCourseFree, int discountPercent, Proof proof, String proofClaim, List<String> proofValues) {
    public Origin(long id, boolean internal, boolean validateRegistration, boolean requiresDegree, boolean firstCourseFree, int discountPercent) {
      this(id, internal, validateRegistration, requiresDegree, firstCourseFree, discountPercent, Proof.NONE, null, List.of());
    }
  }

  public enum Proof {
    NONE, LOGIN, STAFF;

    public static Proof fromDb(String value) {
      return value == null ? NONE : valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** An attendance of an applicant (running, or cancelled but carrying an idempotency key), with its course's level. */
  public record Running(long attendanceId, long applicantId, long courseId, long languageId, String level, List<String> collision,
                        String state, String secret, String idempotencyKey, int feeCents, Integer position,
                        byte[] requestHash) {
    public boolean running() {
      return !"cancelled".equals(state);
    }
  }

  /** A placement-test result. */
  public record Approval(int percent, boolean priority) {}

  public record PretermToken(String token, String mailKey, Long languageId, java.time.Instant expiresAt, boolean used) {}
}
