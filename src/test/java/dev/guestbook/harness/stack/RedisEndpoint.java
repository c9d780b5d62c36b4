package dev.guestbook.harness.stack;

/** A Redis host and port, as a task's REDISHOST/REDISPORT or as the runner reaches it. */
public record RedisEndpoint(String host, int port) {
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
