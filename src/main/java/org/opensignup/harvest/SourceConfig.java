package org.opensignup.harvest;

import io.vertx.core.json.JsonObject;
import org.opensignup.jobs.CronExpression;
import org.opensignup.jobs.Schedule;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One import source from {@code harvest.sources}: where to fetch (or only uploads), when, and how
 * columns map. Secrets are references ({@code env:NAME}) resolved at start-up, never inlined in
 * the configuration, and never printed.
 */
public final class SourceConfig {
  public enum Kind { APPROVALS, REGISTRATIONS }

  public enum Format { CSV, JSON }

  public enum Mode { REPLACE, MERGE }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,59}");
  private static final Set<String> FIELDS = Set.of("name", "kind", "url", "format", "interval", "cron", "tagColumn",
    "pointsColumn", "maxColumn", "maxPoints", "mode", "delimiter", "charset", "authHeader", "authHeaderName",
    "basicUser", "basicPassword", "timeoutMs", "retries", "retryBackoffMs", "minRows");

  public final String name;
  public final Kind kind;
  /** null: the source takes only uploaded files. */
  public final URI url;
  public final Format format;
  public final Schedule schedule;
  public final String tagColumn;
  public final String pointsColumn;
  /** Either a column holding the maximum per row, or a fixed maximum. */
  public final String maxColumn;
  public final Double maxPoints;
  public final Mode mode;
  public final char delimiter;
  public final Charset charset;
  public final String authHeaderName;
  final String authHeaderValue;
  final String basicUser;
  final String basicPassword;
  public final int timeoutMs;
  public final int retries;
  public final int retryBackoffMs;
  public final int minRows;

  private SourceConfig(JsonObject j, ZoneId zone, Function<String, String> env) {
    for (String field : j.fieldNames()) {
      if (!FIELDS.contains(field)) throw problem(j, field, "unknown field; known fields are " + new java.util.TreeSet<>(FIELDS));
    }
    String n = text(j, "name", null);
    if (n == null || !NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("source " + (n == null ? "without a name" : "'" + n + "'")
        + ": field 'name' must be 1 to 60 characters a-z, 0-9, '.', '_' or '-' starting with a letter or digit");
    }
    name = n;
    kind = choice(j, "kind", Kind.class, null);
    format = choice(j, "format", Format.class, Format.CSV);
    String u = text(j, "url", null);
    url = u == null ? null : url(j, u);
    if (j.containsKey("interval") && j.containsKey("cron")) throw problem(j, "cron", "give either 'interval' or 'cron', not both");
    String when = j.containsKey("cron") ? text(j, "cron", null) : text(j, "interval", null);
    if (url != null && when == null) throw problem(j, "interval", "a source with a url needs an 'interval' (e.g. \"15m\") or a 'cron' expression");
    if (url == null && when != null) throw problem(j, j.containsKey("cron") ? "cron" : "interval", "a source without a url takes only uploads and has no schedule");
    try {
      schedule = j.containsKey("cron") ? new Schedule.Cron(CronExpression.parse(when), zone) : Schedule.parse(when, zone);
      if (j.containsKey("interval") && !(schedule instanceof Schedule.Every)) throw new IllegalArgumentException("expected an interval like 15m");
    } catch (IllegalArgumentException e) {
      throw problem(j, j.containsKey("cron") ? "cron" : "interval", e.getMessage());
    }
    tagColumn = text(j, "tagColumn", null);
    if (tagColumn == null) throw problem(j, "tagColumn", "required: the column holding the matriculation number or user id");
    if (kind == Kind.APPROVALS) {
      pointsColumn = text(j, "pointsColumn", null);
      if (pointsColumn == null) throw problem(j, "pointsColumn", "required for approvals");
      maxColumn = text(j, "maxColumn", null);
      if (j.containsKey("maxPoints")) {
        if (!(j.getValue("maxPoints") instanceof Number num) || num.doubleValue() <= 0) throw problem(j, "maxPoints", "must be a number above 0");
        maxPoints = num.doubleValue();
      } else {
        maxPoints = null;
      }
      if ((maxColumn == null) == (maxPoints == null)) throw problem(j, "maxColumn", "approvals need exactly one of 'maxColumn' or 'maxPoints'");
      mode = choice(j, "mode", Mode.class, Mode.REPLACE);
      if (mode != Mode.REPLACE) throw problem(j, "mode", "approvals are always replaced per source (sticky and priority ones stay)");
    } else {
      for (String f : new String[] {"pointsColumn", "maxColumn", "maxPoints"}) {
        if (j.containsKey(f)) throw problem(j, f, "only approvals have points");
      }
      pointsColumn = null;
      maxColumn = null;
      maxPoints = null;
      mode = choice(j, "mode", Mode.class, Mode.REPLACE);
    }
    String d = j.containsKey("delimiter") ? j.getValue("delimiter").toString() : ",";
    if (d.equalsIgnoreCase("tab")) d = "\t";
    if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r') {
      throw problem(j, "delimiter", "must be one character (or \"tab\"), not a quote or line break");
    }
    delimiter = d.charAt(0);
    try {
      charset = Charset.forName(text(j, "charset", "UTF-8"));
    } catch (RuntimeException e) {
      throw problem(j, "charset", "unknown character set '" + j.getValue("charset") + "'");
    }
    authHeaderName = text(j, "authHeaderName", "Authorization");
    authHeaderValue = secret(j, "authHeader", env);
    basicUser = j.containsKey("basicUser") ? maybeSecret(j, "basicUser", env) : null;
    basicPassword = secret(j, "basicPassword", env);
    if ((basicUser == null) != (basicPassword == null)) throw problem(j, "basicPassword", "basic auth needs both 'basicUser' and 'basicPassword'");
    if (basicUser != null && authHeaderValue != null) throw problem(j, "authHeader", "give either 'authHeader' or basic auth, not both");
    if ((authHeaderValue != null || basicUser != null) && url == null) throw problem(j, "authHeader", "credentials need a 'url'");
    timeoutMs = integer(j, "timeoutMs", 30_000, 100, 3_600_000);
    retries = integer(j, "retries", 2, 0, 10);
    retryBackoffMs = integer(j, "retryBackoffMs", 1000, 0, 600_000);
    minRows = integer(j, "minRows", 1, 0, 10_000_000);
  }

  /** Parses and checks one source; an IllegalArgumentException names the source and the field. */
  public static SourceConfig parse(JsonObject json, ZoneId zone, Function<String, String> env) {
    return new SourceConfig(json, zone, env);
  }

  public boolean fetched() {
    return url != null;
  }

  private static IllegalArgumentException problem(JsonObject j, String field, String what) {
    Object n = j.getValue("name");
    return new IllegalArgumentException("source '" + (n == null ? "?" : n) + "', field '" + field + "': " + what);
  }

  private static String text(JsonObject j, String field, String fallback) {
    Object v = j.getValue(field);
    if (v == null) return fallback;
    if (!(v instanceof String s)) throw problem(j, field, "expected a string, got " + v);
    s = s.strip();
    return s.isEmpty() ? fallback : s;
  }

  private static <E extends Enum<E>> E choice(JsonObject j, String field, Class<E> type, E fallback) {
    String v = text(j, field, null);
    if (v == null) {
      if (fallback == null) throw problem(j, field, "required: one of " + lower(type));
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw problem(j, field, "expected one of " + lower(type) + ", got '" + v + "'");
    }
  }

  private static String lower(Class<? extends Enum<?>> type) {
    StringBuilder b = new StringBuilder();
    for (Enum<?> e : type.getEnumConstants()) b.append(b.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    return b.toString();
  }

  private static URI url(JsonObject j, String u) {
    try {
      URI uri = new URI(u);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw problem(j, "url", "expected an http:// or https:// URL, got '" + u + "'");
      }
      if (uri.getUserInfo() != null) throw problem(j, "url", "put credentials in basicUser/basicPassword, not in the URL");
      return uri;
    } catch (URISyntaxException e) {
      throw problem(j, "url", "not a valid URL: " + e.getMessage());
    }
  }

  private static int integer(JsonObject j, String field, int fallback, int min, int max) {
    Object v = j.getValue(field);
    if (v == null) return fallback;
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
      throw problem(j, field, "expected a whole number from " + min + " to " + max + ", got " + v);
    }
    return n.intValue();
  }

  /** A secret must be a reference: "env:NAME" is read from the environment. */
  private static String secret(JsonObject j, String field, Function<String, String> env) {
    String v = text(j, field, null);
    if (v == null) return null;
    if (!v.startsWith("env:")) throw problem(j, field, "secrets are referenced, not written here: use \"env:VARIABLE\"");
    return resolve(j, field, v, env);
  }

  private static String maybeSecret(JsonObject j, String field, Function<String, String> env) {
    String v = text(j, field, null);
    return v != null && v.startsWith("env:") ? resolve(j, field, v, env) : v;
  }

  private static String resolve(JsonObject j, String field, String ref, Function<String, String> env) {
    String var = ref.substring(4);
    if (var.isEmpty()) throw problem(j, field, "env: needs a variable name");
    String value = env.apply(var);
    if (value == null || value.isEmpty()) throw problem(j, field, "environment variable " + var + " is not set");
    return value;
  }

  @Override
  public String toString() {
    return "source " + name + " (" + kind.name().toLowerCase(Locale.ROOT) + ", " + (url == null ? "uploads only" : url) + ", " + schedule + ")";
  }
}
