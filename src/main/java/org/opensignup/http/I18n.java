package org.opensignup.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** German and English texts; the language comes from ?lang=, then a cookie, then Accept-Language. */
public final class I18n {
  public static final List<String> LANGUAGES = List.of("de", "en");
  public static final String DEFAULT = "de";
  public static final String COOKIE = "lang";
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Map<String, Map<String, String>> MESSAGES = Map.of("de", load("de"), "en", load("en"));

  private I18n() {}

  public static Map<String, String> messages(String lang) {
    return MESSAGES.getOrDefault(lang, MESSAGES.get(DEFAULT));
  }

  public static String text(String lang, String key, Object... args) {
    String pattern = messages(lang).get(key);
    if (pattern == null) return key;
    return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  public static String dateTime(String lang, Instant instant) {
    if (instant == null) return "";
    String pattern = "de".equals(lang) ? "dd.MM.yyyy HH:mm" : "d MMM yyyy, HH:mm";
    return DateTimeFormatter.ofPattern(pattern, Locale.forLanguageTag(lang)).withZone(ZONE).format(instant);
  }

  /** The language for this request. */
  public static String choose(RoutingContext ctx) {
    String asked;
    try {
      asked = ctx.request().getParam("lang");
    } catch (IllegalArgumentException malformedQuery) {
      asked = null; // the request is refused (Routes), in the language of its cookie or headers
    }
    if (asked != null && LANGUAGES.contains(asked)) return asked;
    var cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && LANGUAGES.contains(cookie.getValue())) return cookie.getValue();
    for (LanguageHeader h : ctx.acceptableLanguages()) {
      String tag = h.tag() == null ? "" : h.tag().toLowerCase(Locale.ROOT);
      if (LANGUAGES.contains(tag)) return tag;
    }
    return DEFAULT;
  }

  private static Map<String, String> load(String lang) {
    String name = "i18n/messages_" + lang + ".properties";
    try (InputStream in = I18n.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " missing");
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> m = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      return Map.copyOf(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
