package org.opensignup;

import org.junit.jupiter.api.Test;
import org.opensignup.support.TestApp;
import org.opensignup.support.TestDatabases;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Operators get one clear line and a non-zero exit, not a stack trace. Runs Main as its own process. */
class StartupFailureTest {

  record Result(int exit, String stderr) {}

  private static Result runMain(Map<String, String> env) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    pb.environment().keySet().removeIf(k -> k.startsWith("OPENSIGNUP_"));
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "Main did not exit");
    return new Result(p.exitValue(), err);
  }

  @Test
  void wrongConfigValueGivesOneLineAndExitCode2() throws Exception {
    Result r = runMain(Map.of("OPENSIGNUP_HTTP_PORT", "not-a-port"));
    assertEquals(2, r.exit());
    assertEquals("opensignup: configuration key 'http.port' (env OPENSIGNUP_HTTP_PORT): expected a whole number from 0 to 65535, got 'not-a-port'",
      r.stderr().strip());
  }

  @Test
  void portInUseGivesOneLineAndExitCode1() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Result r = runMain(Map.of(
        "OPENSIGNUP_HTTP_PORT", String.valueOf(busy.getLocalPort()),
        "OPENSIGNUP_DB_URL", TestDatabases.fresh(),
        "OPENSIGNUP_DB_USER", "postgres",
        "OPENSIGNUP_MAIL_SINK_PORT", "0",
        "OPENSIGNUP_LOG_LEVEL", "OFF"));
      assertEquals(1, r.exit());
      String lastLine = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
      assertEquals("opensignup: http.port " + busy.getLocalPort() + " on 127.0.0.1 is already in use (set OPENSIGNUP_HTTP_PORT)", lastLine);
      assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    }
  }

  @Test
  void unreachableDatabaseGivesOneLine() throws Exception {
    Result r = runMain(Map.of(
      "OPENSIGNUP_DB_URL", "postgresql://127.0.0.1:" + TestApp.freePort() + "/nothing",
      "OPENSIGNUP_MAIL_SINK_PORT", "0",
      "OPENSIGNUP_LOG_LEVEL", "OFF"));
    assertEquals(1, r.exit());
    assertTrue(r.stderr().strip().startsWith("opensignup: database postgresql://127.0.0.1:"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }
}
