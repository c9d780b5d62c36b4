package dev.guestbook.harness.stack;

import java.net.URI;
import java.util.Optional;

/**
 * One running copy of the app, as the stack reports it.
 *
 * @param id the task's name, as the app answers it in {@code X-Served-By}
 * @param running whether the task's process or container is running
 * @param health what its health check says
 * @param directUrl the task's own address when the runner can reach it (not behind the front door)
 * @param redisSetting the Redis endpoint the task was configured with (REDISHOST, REDISPORT)
 * @param where how to find it: pid and log file, container id, or task ARN
 */
public record TaskStatus(
    String id,
    boolean running,
    TaskHealth health,
    Optional<URI> directUrl,
    RedisEndpoint redisSetting,
    String where) {

  @Override
  public String toString() {
    return id
        + " ["
        + (running ? "running" : "stopped")
        + ", "
        + health.state()
        + ", "
        + where
        + "]";
  }
}
