package dev.guestbook.harness.stack.embedded;

import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary ships in the embedded-redis jar), bound to 127.0.0.1,
 * with an append-only file so a restart keeps every entry, as the compose stack's Redis does.
 */
final class EmbeddedRedis implements AutoCloseable {

  private final int port;
  private final Path dataDir;
  private final RedisServer server;

  EmbeddedRedis(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
    try {
      Files.createDirectories(dataDir);
      this.server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("appendonly yes")
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
    if (server.isActive()) {
      return;
    }
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      stopQuietly();
      throw new StackStartException(
          "embedded target: Redis did not start on 127.0.0.1:"
              + port
              + ": "
              + Text.oneLine(e.getMessage(), 400),
          e);
    }
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

  RedisEndpoint endpoint() {
    return new RedisEndpoint("127.0.0.1", port);
  }

  @Override
  public void close() {
    stop();
  }
}
