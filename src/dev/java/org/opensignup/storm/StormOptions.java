package org.opensignup.storm;

import java.util.HashMap;
import java.util.Map;

/** The storm's knobs, from --name=value arguments; every one bounded so a run cannot run away. */
public record StormOptions(int applicants, int courses, int connections, double secondSignupShare, int maxRetries,
                           int serverHttpInstances, int serverSignupInstances, int dbPoolSize, int routeSeconds,
                           int baselineSignups, String serverHeap, long seed, int mailsPerSecond,
                           java.util.Map<String, String> serverSettings) {

  public static StormOptions defaults() {
    return parse(new String[0]);
  }

  public static StormOptions parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--set.") && arg.contains("=")) {
        a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        continue;
      }
      if (!arg.startsWith("--") || !arg.contains("=")) throw new IllegalArgumentException("expected --name=value, got " + arg);
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return new StormOptions(
      bounded(a, "applicants", 10_000, 10, 200_000),
      bounded(a, "courses", 40, 1, 1000),
      bounded(a, "connections", 1000, 1, 5000),
      Double.parseDouble(a.getOrDefault("second-signup-share", "0.5")),
      bounded(a, "max-retries", 20, 0, 100),
      bounded(a, "http-instances", 2, 1, 64),
      bounded(a, "signup-instances", 2, 1, 64),
      bounded(a, "db-pool-size", 16, 1, 200),
      bounded(a, "route-seconds", 5, 1, 60),
      bounded(a, "baseline-signups", 4000, 0, 100_000),
      a.getOrDefault("server-heap", "256m"),
      Long.parseLong(a.getOrDefault("seed", "1")),
      // the relay's pace for confirmations; 0 = as fast as the sink takes them
      bounded(a, "mails-per-second", 100, 0, 100_000),
      // --set.signup.batch-size=512 passes any server setting through (as OPENSIGNUP_SIGNUP_BATCH_SIZE)
      a.entrySet().stream().filter(e -> e.getKey().startsWith("set."))
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().substring(4), Map.Entry::getValue)));
  }

  private static int bounded(Map<String, String> a, String name, int def, int min, int max) {
    int v = Integer.parseInt(a.getOrDefault(name, String.valueOf(def)));
    if (v < min || v > max) throw new IllegalArgumentException("--" + name + " must be from " + min + " to " + max);
    return v;
  }

  /** Seats per course such that about half of the applicants get a place. */
  public int seatsPerCourse() {
    return Math.max(1, applicants / 2 / courses);
  }
}
