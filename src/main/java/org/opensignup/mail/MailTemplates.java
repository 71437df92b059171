package org.opensignup.mail;

import freemarker.core.Environment;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders an outbox row into subject, text part and HTML part. Templates live on the classpath
 * under {@code mail/{locale}/{kind}.txt.ftl} (plain text; it also sets {@code subject}) and
 * {@code mail/{locale}/{kind}.html.ftlh} (every ${...} HTML-escaped). All templates of every
 * {@link MailKind} are loaded in the constructor (blocking, once), which fails naming every missing
 * one: a kind without its templates would otherwise be found only when its first mail fails.
 */
final class MailTemplates {
  static final List<String> LOCALES = List.of("de", "en");

  record Rendered(String subject, String text, String html) {}

  // formatters and patterns are immutable: built once, not per mail
  private static final DateTimeFormatter TIME_DE = DateTimeFormatter.ofPattern("d. MMMM yyyy, HH:mm 'Uhr'", Locale.GERMAN);
  private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
  private static final DateTimeFormatter DATE_DE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN);
  private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter WEEKDAY_DATE_DE = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN);
  private static final DateTimeFormatter WEEKDAY_DATE_EN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter MEETING_DE = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy, HH:mm 'Uhr'", Locale.GERMAN);
  private static final DateTimeFormatter MEETING_EN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", Locale.UK);
  private static final Pattern SPACE_ONLY_LINES = Pattern.compile("(?m)^[ \\t]+$");
  private static final Pattern BLANK_RUNS = Pattern.compile("\n{3,}");

  private final Map<String, Template> templates = new HashMap<>();
  private final ZoneId zone;

  MailTemplates(ZoneId zone) {
    this(zone, "mail", java.util.Arrays.stream(MailKind.values()).map(MailKind::id).toList());
  }

  /** {@code base}: the classpath folder holding the locale folders and layout.ftlh. */
  MailTemplates(ZoneId zone, String base, List<String> kinds) {
    this.zone = zone;
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
    cfg.setClassLoaderForTemplateLoading(MailTemplates.class.getClassLoader(), base);
    cfg.setDefaultEncoding("UTF-8");
    // .ftlh templates get HTML output with auto-escaping; .ftl ones are plain text
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setLocalizedLookup(false);
    cfg.setNumberFormat("computer");
    List<String> missing = new ArrayList<>();
    for (String locale : LOCALES) {
      for (String kind : kinds) {
        load(cfg, base, locale + "/" + kind + ".txt.ftl", missing);
        load(cfg, base, locale + "/" + kind + ".html.ftlh", missing);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("mail templates missing: " + String.join(", ", missing)
        + " (every mail kind needs a .txt.ftl and a .html.ftlh per language)");
    }
  }

  private void load(Configuration cfg, String base, String name, List<String> missing) {
    try {
      templates.put(name, cfg.getTemplate(name));
    } catch (freemarker.template.TemplateNotFoundException e) {
      missing.add(base + "/" + name);
    } catch (IOException e) {
      // a syntax error: its message names the template, line and column
      throw new IllegalStateException("mail template " + base + "/" + name + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /** Throws {@link SendFailure.Permanent} for an unknown kind or locale or a model the template cannot use. */
  Rendered render(String kind, String locale, JsonObject payload) {
    String lang = LOCALES.contains(locale) ? locale : "de";
    Template text = templates.get(lang + "/" + kind + ".txt.ftl");
    Template html = templates.get(lang + "/" + kind + ".html.ftlh");
    if (text == null || html == null) throw new SendFailure.Permanent("no mail template for kind '" + kind + "'", null);
    Map<String, Object> model = model(lang, payload);
    try {
      StringWriter textOut = new StringWriter();
      Environment env = text.createProcessingEnvironment(model, textOut);
      env.process();
      String subject = scalar(env.getVariable("subject"));
      StringWriter htmlOut = new StringWriter();
      html.process(model, htmlOut);
      if (subject == null || subject.isBlank()) throw new SendFailure.Permanent("template " + text.getName() + " sets no subject", null);
      // optional blocks that are left out would leave runs of blank lines behind
      String body = BLANK_RUNS.matcher(SPACE_ONLY_LINES.matcher(textOut.toString()).replaceAll("")).replaceAll("\n\n").strip() + "\n";
      return new Rendered(oneLine(subject), body, htmlOut.toString());
    } catch (TemplateException | IOException e) {
      throw new SendFailure.Permanent("template for '" + kind + "' failed: " + e.getMessage(), e);
    }
  }

  private static String scalar(TemplateModel m) throws TemplateModelException {
    return m instanceof TemplateScalarModel s ? s.getAsString() : null;
  }

  /** A subject is one line: a line break in a course name must not start a new header. */
  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private Map<String, Object> model(String lang, JsonObject payload) {
    Map<String, Object> m = toMap(payload == null ? new JsonObject() : payload);
    m.put("lang", lang);
    Object fee = m.get("feeCents");
    if (fee instanceof Number n) m.put("fee", formatFee(n.longValue(), lang));
    // the unpaid-fee reminder's amounts: plain sums, where 0 means nothing (not "free of charge")
    if (m.get("amountPaidCents") instanceof Number n) m.put("paid", formatAmount(n.longValue(), lang));
    if (m.get("openCents") instanceof Number n) m.put("open", formatAmount(n.longValue(), lang));
    Object expires = m.get("offerExpiresAt");
    if (expires != null) m.put("offerExpires", formatTime(String.valueOf(expires), lang));
    if (m.get("signOffUntil") != null) m.put("signOffUntilText", formatTime(String.valueOf(m.get("signOffUntil")), lang));
    if (m.get("payBy") != null) m.put("payByText", formatDate(String.valueOf(m.get("payBy")), lang));
    if (m.get("drawAt") != null) m.put("drawAtText", formatTime(String.valueOf(m.get("drawAt")), lang));
    if (m.get("course") instanceof Map<?, ?> c && c.get("firstDate") != null) m.put("courseStarts", formatDay(String.valueOf(c.get("firstDate")), lang));
    if (m.get("firstMeetingAt") != null) m.put("firstMeeting", formatMeeting(String.valueOf(m.get("firstMeetingAt")), lang));
    return m;
  }

  /** 6000 → "60,00 €" / "€60.00"; 0 → "kostenlos" / "free of charge". */
  static String formatFee(long cents, String lang) {
    if (cents == 0) return "de".equals(lang) ? "kostenlos" : "free of charge";
    return formatAmount(cents, lang);
  }

  /** 4000 → "40,00 €" / "€40.00"; 0 → "0,00 €" / "€0.00". */
  static String formatAmount(long cents, String lang) {
    String amount = String.format("de".equals(lang) ? Locale.GERMANY : Locale.UK, "%,.2f", cents / 100.0);
    return "de".equals(lang) ? amount + " €" : "€" + amount;
  }

  String formatTime(String iso, String lang) {
    Instant t = instant(iso);
    if (t == null) return iso;
    return ("de".equals(lang) ? TIME_DE : TIME_EN).format(t.atZone(zone));
  }

  /** The day of an instant, as in "14. Mai 2027" / "14 May 2027". */
  String formatDate(String iso, String lang) {
    Instant t = instant(iso);
    return t == null ? iso : dayFormat(lang).format(t.atZone(zone));
  }

  /** A calendar day ("2027-04-12"), as in "Montag, 12. April 2027" / "Monday, 12 April 2027". */
  static String formatDay(String iso, String lang) {
    try {
      return ("de".equals(lang) ? WEEKDAY_DATE_DE : WEEKDAY_DATE_EN).format(java.time.LocalDate.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static DateTimeFormatter dayFormat(String lang) {
    return "de".equals(lang) ? DATE_DE : DATE_EN;
  }

  /** A meeting with its weekday, as in "Montag, 12. April 2027, 17:30 Uhr" / "Monday, 12 April 2027, 17:30". */
  String formatMeeting(String iso, String lang) {
    Instant t = instant(iso);
    if (t == null) return iso;
    return ("de".equals(lang) ? MEETING_DE : MEETING_EN).format(t.atZone(zone));
  }

  private static Instant instant(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(iso);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Vert.x JSON into plain maps and lists, which FreeMarker understands. */
  private static Map<String, Object> toMap(JsonObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) m.put(e.getKey(), plain(e.getValue()));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Object plain(Object v) {
    if (v instanceof JsonObject o) return toMap(o);
    if (v instanceof Map<?, ?> map) return toMap(new JsonObject((Map<String, Object>) map));
    if (v instanceof JsonArray a) return plainList(a.getList());
    if (v instanceof List<?> l) return plainList(l);
    return v;
  }

  private static List<Object> plainList(List<?> l) {
    List<Object> out = new ArrayList<>(l.size());
    for (Object o : l) out.add(plain(o));
    return out;
  }
}
