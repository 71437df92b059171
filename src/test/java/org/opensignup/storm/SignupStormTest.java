package org.opensignup.storm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** The storm, small: its invariants must hold (speed is the benchmark's business, not a test's). */
class SignupStormTest {

  @Test
  void smallStormKeepsEveryInvariant() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int broken = SignupStorm.run(StormOptions.parse(new String[] {
      "--applicants=500", "--courses=5", "--connections=100", "--baseline-signups=200", "--route-seconds=1"}), out);
    String report = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertEquals(0, broken, report);
    assertTrue(report.contains("all invariants hold"), report);
    assertTrue(report.contains("(250 confirmed"), "every seat is taken (5 courses x 50 seats)\n" + report);
  }
}
