package org.opensignup.signup;

/**
 * What a seat costs: the course price, free for a student's first course, otherwise reduced by the
 * larger of the origin's discount and the applicant's personal one (50 % in the model system).
 */
public final class Fees {
  public static final int PERSONAL_DISCOUNT_PERCENT = 50;

  private Fees() {}

  public record Fee(int cents, int discountPercent) {}

  public static Fee of(int priceCents, boolean firstCourseFreeForOrigin, boolean isFirstCourse, int originDiscountPercent, boolean personallyDiscounted) {
    return of(priceCents, firstCourseFreeForOrigin, isFirstCourse, originDiscountPercent, personallyDiscounted, true);
  }

  /**
   * As above; {@code originProven} false (an origin waiting for staff to confirm it): what the origin
   * gives (free first course, discount) does not apply yet, the personal discount does.
   */
  public static Fee of(int priceCents, boolean firstCourseFreeForOrigin, boolean isFirstCourse, int originDiscountPercent,
                       boolean personallyDiscounted, boolean originProven) {
    if (!originProven) {
      firstCourseFreeForOrigin = false;
      originDiscountPercent = 0;
    }
    if (priceCents == 0) return new Fee(0, 0);
    if (firstCourseFreeForOrigin && isFirstCourse) return new Fee(0, 100);
    int discount = Math.max(originDiscountPercent, personallyDiscounted ? PERSONAL_DISCOUNT_PERCENT : 0);
    return new Fee(priceCents * (100 - discount) / 100, discount);
  }
}
