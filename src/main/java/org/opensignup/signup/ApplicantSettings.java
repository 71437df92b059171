package org.opensignup.signup;

import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigCheck;

/**
 * What applicants are told beyond the seat itself: by when a fee is due ({@code payment.due-days}) and
 * where the placement test is taken ({@code signup.placement-test-url}, with an English override).
 */
public record ApplicantSettings(int paymentDueDays, String placementTestUrlDe, String placementTestUrlEn) {

  public static ApplicantSettings from(AppConfig c) {
    String de = c.isSet("signup.placement-test-url") ? c.uri("signup.placement-test-url", "http", "https").toString() : "";
    String en = c.isSet("signup.placement-test-url.en") ? c.uri("signup.placement-test-url.en", "http", "https").toString() : de;
    return new ApplicantSettings(c.integer("payment.due-days", 0, 365), de, en);
  }

  /** The placement test's link for pages in {@code lang}; empty when none is configured. */
  public String placementTestUrl(String lang) {
    return "en".equals(lang) ? placementTestUrlEn : placementTestUrlDe;
  }

  /** Registered in META-INF/services: a bad link or day count stops start-up naming the key. */
  public static final class Check implements ConfigCheck {
    @Override
    public void check(AppConfig config) {
      from(config);
    }
  }
}
