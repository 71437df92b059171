package org.opensignup.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenSignup as its own process (a jar, or a main class on this test's classpath), its output in a
 * file, stopped by SIGTERM the way an operator or a container runtime stops it.
 */
public final class ServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path output;
  public final int port;

  private ServerProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** {@code java -jar jar}, or {@code java -cp <test classpath> mainClass} when jar is null. */
  public static ServerProcess start(Path jar, String mainClass, Map<String, String> env, Path workDir, int port) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
    if (jar != null) cmd.addAll(List.of("-jar", jar.toString()));
    else cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OPENSIGNUP_"));
    pb.environment().putAll(env);
    Path output = Files.createTempFile("opensignup-process", ".log");
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    return new ServerProcess(pb.start(), output, port);
  }

  /** Status of GET path, or -1 when nothing answers. */
  public int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Waits until /health/ready answers 200; fails with the process output if it exits or takes too long. */
  public void awaitReady(long timeoutMs) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (status("/health/ready") != 200) {
      if (!process.isAlive()) throw new AssertionError("server exited with " + process.exitValue() + ":\n" + output());
      if (System.currentTimeMillis() > end) throw new AssertionError("server not ready after " + timeoutMs + " ms:\n" + output());
      Thread.sleep(100);
    }
  }

  /** SIGTERM (not kill -9): the shutdown hook runs. Returns the exit code. */
  public int terminate(long timeoutMs) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("server did not stop within " + timeoutMs + " ms after SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
