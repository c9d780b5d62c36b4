package dev.guestbook.harness.stack.embedded;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary ships in the embedded-redis jar), bound to 127.0.0.1,
 * with an append-only file so a restart keeps every entry, as the compose stack's Redis does.
 */
final class EmbeddedRedis implements AutoCloseable {

  private final int port;
  private final Path dataDir;
  private final RedisServer server;
  private boolean closed;

  EmbeddedRedis(int port, Path dataDir) {
    this(port, dataDir, true);
  }

  /**
   * @param persistent an append-only file, fsync'd on every write, reloaded at start; without it
   *     Redis keeps entries in memory only (a broken stack for the durability spec)
   */
  EmbeddedRedis(int port, Path dataDir, boolean persistent) {
    this.port = port;
    this.dataDir = dataDir;
    try {
      Files.createDirectories(dataDir);
      this.server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting(persistent ? "appendonly yes" : "appendonly no")
              .setting("appendfsync always")
              .setting("save \"\"")
              .setting("dir " + dataDir.toAbsolutePath())
              .build();
    } catch (IOException e) {
      throw new StackStartException(
          "embedded target: cannot prepare Redis on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Starts redis-server and returns once it logs that it accepts connections. */
  synchronized void start() {
    if (closed) {
      // a scenario's fault restore racing the shutdown hook's teardown must not leave a
      // redis-server behind it
      throw new IllegalStateException(
          "embedded Redis on 127.0.0.1:"
              + port
              + " was closed (teardown began): not started again");
    }
    if (server.isActive()) {
      return;
    }
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      stopQuietly();
      // the library may have launched redis-server and failed after it (once the JVM shuts down,
      // its own shutdown hook is refused), leaving a process its stop() does not know
      int strays = killStrays(ProcessHandle.current());
      throw new StackStartException(
          "embedded target: Redis did not start on 127.0.0.1:"
              + port
              + ": "
              + Text.oneLine(String.valueOf(e.getMessage()), 400)
              + (strays > 0 ? " (its redis-server, left running, was killed)" : ""),
          e);
    }
  }

  /**
   * Kills every redis-server below {@code parent} and waits (bounded) for each to go: after a
   * failed start none of them is one this JVM still uses (at most one embedded stack runs in a JVM,
   * and a running one is never started again). Answers how many there were.
   */
  static int killStrays(ProcessHandle parent) {
    List<ProcessHandle> strays =
        parent
            .descendants()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().orElse("").contains("redis-server"))
            .toList();
    for (ProcessHandle stray : strays) {
      stray.destroyForcibly();
      try {
        stray.onExit().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // reported by the caller's failure; nothing more can be done from here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return strays.size();
  }

  synchronized void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new IllegalStateException(
          "embedded Redis on port " + port + " did not stop: " + e.getMessage(), e);
    }
  }

  /** After a failed start: make sure the redis-server process is gone and reaped. */
  private void stopQuietly() {
    try {
      server.stop();
    } catch (IOException | RuntimeException ignored) {
      // the start already failed; that failure is the one worth reporting
    }
  }

  boolean isRunning() {
    return server.isActive();
  }

  /**
   * The redis-server process this JVM started (the library does not say which; at most one embedded
   * stack runs in a JVM).
   */
  ProcessHandle process() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").contains("redis-server"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no redis-server process for port " + port));
  }

  /** {@code kill -SIGNAL} to redis-server (STOP and CONT: the hang fault). */
  void signal(String signal) {
    long pid = process().pid();
    CommandRunner.unlogged()
        .require(
            Command.of(Duration.ofSeconds(5), "kill", "-" + signal, Long.toString(pid)),
            "kill -" + signal + " redis-server (pid " + pid + ")");
  }

  /** SIGKILL, then a start from the append-only file, as after a crash. */
  synchronized void crash() {
    ProcessHandle victim = process();
    victim.destroyForcibly();
    try {
      victim.onExit().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "redis-server (pid " + victim.pid() + ") survived SIGKILL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing redis-server", e);
    }
    stopQuietly(); // the library still thinks it runs
    start();
  }

  RedisEndpoint endpoint() {
    return new RedisEndpoint("127.0.0.1", port);
  }

  /**
   * Stops Redis for good: a later {@link #start} refuses. A redis-server stopped by SIGSTOP (the
   * hang fault, when the run is interrupted in it) would never act on the library's SIGTERM, and
   * the library waits for it without bound: it gets SIGCONT first (harmless when it runs).
   */
  @Override
  public synchronized void close() {
    closed = true;
    try {
      if (server.isActive()) {
        signal("CONT");
      }
    } finally {
      stop(); // even when the process was already gone and the signal found nothing
    }
  }
}
