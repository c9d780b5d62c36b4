package dev.guestbook.harness.stack.embedded;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.TaskHealth;
import dev.guestbook.harness.stack.TaskStatus;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One guestbook task on the embedded target: a JVM running the app jar with REDISHOST, REDISPORT
 * and PORT in its environment, its output in a log file, stopped with SIGTERM like ECS does.
 */
final class AppProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

  private final String id;
  private final int port;
  private final Map<String, String> environment;
  private final RedisEndpoint redisSetting;
  private final Path log;
  private final AppLaunch launch;
  private final GuestbookClient client;
  private Process process;
  private boolean closed;

  /**
   * @param environment the task's variables; REDISHOST and REDISPORT among them
   */
  AppProcess(String id, int port, Map<String, String> environment, Path log, AppLaunch launch) {
    this.id = id;
    this.port = port;
    this.environment = Map.copyOf(environment);
    this.redisSetting =
        new RedisEndpoint(
            environment.getOrDefault("REDISHOST", ""),
            Integer.parseInt(environment.getOrDefault("REDISPORT", "6379")));
    this.log = log;
    this.launch = launch;
    this.client = new GuestbookClient(url(), HEALTH_TIMEOUT);
  }

  /** Starts the JVM; does not wait. */
  synchronized void start() {
    if (closed) {
      // a scenario's restart racing the shutdown hook's teardown must not leave a task behind it
      throw new IllegalStateException(
          "embedded task " + id + " was closed (teardown began): not started again");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A task is small and short-lived here: quick JIT and a small heap start it in well under a
    // second.
    command.addAll(
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xshare:auto"));
    command.addAll(launch.javaArguments());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.putAll(environment);
    env.put("PORT", Integer.toString(port));
    env.put("GUESTBOOK_INSTANCE", id);
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new StackStartException(
          "embedded target: cannot start task " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the task answers HTTP as itself ({@code X-Served-By} is its id, whatever the health
   * status: Redis may be down on purpose); fails at once, with its last log line, if it exits.
   */
  void awaitListening(Duration atMost) {
    try {
      await(id + " listening on 127.0.0.1:" + port)
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .failFast(id + " exited", () -> !isRunning())
          .until(this::answersAsItself);
    } catch (TerminalFailureException e) {
      throw new StackStartException(
          "embedded target: task "
              + id
              + " exited with code "
              + exitCode()
              + " before listening on port "
              + port
              + ": "
              + lastLogLine(),
          e);
    } catch (ConditionTimeoutException e) {
      throw new StackStartException(
          "embedded target: task "
              + id
              + " did not listen on port "
              + port
              + " within "
              + atMost.toSeconds()
              + " s; log "
              + log
              + ": "
              + lastLogLine(),
          e);
    }
  }

  private boolean answersAsItself() {
    try {
      return id.equals(client.health().servedBy());
    } catch (Exception noAnswer) {
      return false;
    }
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Reads the task's health the way the container health check does: {@code GET /healthz}. */
  TaskStatus status() {
    boolean running = isRunning();
    TaskHealth health =
        running
            ? probeHealth()
            : TaskHealth.unhealthy("process exited with code " + exitCode() + ": " + lastLogLine());
    return new TaskStatus(id, running, health, Optional.of(url()), redisSetting, where());
  }

  private TaskHealth probeHealth() {
    URI healthz = url().resolve("/healthz");
    HttpResult answer;
    try {
      answer = client.health();
    } catch (Exception noAnswer) {
      return TaskHealth.unhealthy("GET " + healthz + " got no answer: " + noAnswer);
    }
    String detail = "GET " + healthz + " answered " + answer.status() + " " + answer.body();
    return answer.status() == 200 ? TaskHealth.healthy(detail) : TaskHealth.unhealthy(detail);
  }

  String where() {
    Process p = process;
    return "pid " + (p == null ? "-" : p.pid()) + ", port " + port + ", log " + log;
  }

  String id() {
    return id;
  }

  /** SIGTERM, then up to 15 s for in-flight requests to finish, then SIGKILL. */
  synchronized void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: the task dies at once, its in-flight requests with it. */
  /** SIGTERM, without waiting: the task drains and exits by itself, or does not. */
  synchronized void terminate() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
    }
  }

  /** Its exit code once it exited within {@code bound}; empty while it still runs. */
  OptionalInt awaitExit(Duration bound) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null) {
      return OptionalInt.empty();
    }
    try {
      return p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)
          ? OptionalInt.of(p.exitValue())
          : OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  synchronized void kill() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    try {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the task for good: a later {@link #start} refuses. */
  @Override
  public synchronized void close() {
    closed = true;
    stop();
  }

  private String exitCode() {
    Process p = process;
    if (p == null) {
      return "-";
    }
    try {
      return Integer.toString(p.exitValue());
    } catch (IllegalThreadStateException e) {
      return "(still running)";
    }
  }

  String lastLogLine() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.isBlank() ? "(log " + log + " is empty)" : Text.lastLine(text);
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
