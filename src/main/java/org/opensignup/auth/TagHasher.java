package org.opensignup.auth;

import org.opensignup.config.AppConfig;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Matriculation numbers and user ids ("tags") are stored only as keyed hashes (HMAC-SHA256), so a
 * leaked database does not reveal them, yet the same tag always maps to the same hash for lookups.
 */
public final class TagHasher {
  private static final String DEV_KEY = "opensignup-development-key-change-me";
  private final SecretKeySpec key;

  public TagHasher(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public static TagHasher from(AppConfig config) {
    if (!config.isSet("security.tag-hash-key")) {
      LoggerFactory.getLogger(TagHasher.class).warn("security.tag-hash-key is not set: using the development key");
      return new TagHasher(DEV_KEY);
    }
    return new TagHasher(config.string("security.tag-hash-key"));
  }

  /** Trims and lower-cases before hashing, so " 1234567 " and "1234567" are the same tag. */
  public byte[] hash(String tag) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(normalise(tag).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static String normalise(String tag) {
    return tag.strip().toLowerCase(Locale.ROOT);
  }
}
