package dev.guestbook.harness.stack.embedded;

import dev.guestbook.harness.stack.FreePorts;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For {@link EmbeddedRedisTest}: starts embedded Redis, stops it, then starts it again from a
 * shutdown hook, as a fault's restore does when SIGTERM arrives; says what the start answered.
 */
final class StartsRedisWhileShuttingDown {

  private static final Logger LOG = LoggerFactory.getLogger(StartsRedisWhileShuttingDown.class);

  private StartsRedisWhileShuttingDown() {}

  public static void main(String[] args) {
    int port = FreePorts.pick();
    EmbeddedRedis redis = new EmbeddedRedis(port, Path.of(args[0]));
    redis.start();
    redis.stop();
    LOG.info("port {}", port);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    redis.start();
                    LOG.info("start during shutdown: started");
                  } catch (RuntimeException e) {
                    LOG.info("start during shutdown: {}", e.getMessage());
                  }
                }));
    System.exit(0);
  }
}
