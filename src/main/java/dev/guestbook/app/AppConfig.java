package dev.guestbook.app;

import java.util.Map;

/**
 * The app's whole configuration, read once from the environment.
 *
 * @param redisHost where entries live ({@code REDISHOST}, required)
 * @param redisPort Redis port ({@code REDISPORT}, default 6379)
 * @param port HTTP port ({@code PORT}, default 3000)
 * @param instance this task's name in the {@code X-Served-By} header ({@code GUESTBOOK_INSTANCE},
 *     default the host name: the container id under Docker, the task's private DNS name on ECS)
 */
public record AppConfig(String redisHost, int redisPort, int port, String instance) {

  /** Thrown with a one-line, user-facing message when the environment is unusable. */
  public static final class InvalidConfigException extends RuntimeException {
    InvalidConfigException(String message) {
      super(message, null, false, false);
    }
  }

  public static AppConfig fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("REDISHOST", "").trim();
    if (host.isEmpty()) {
      throw new InvalidConfigException(
          "REDISHOST is not set: it must name the Redis host that stores the guestbook entries");
    }
    return new AppConfig(
        host, port(env, "REDISPORT", 6379), port(env, "PORT", 3000), instance(env));
  }

  private static String instance(Map<String, String> env) {
    String named = env.getOrDefault("GUESTBOOK_INSTANCE", "").trim();
    if (!named.isEmpty()) {
      return named;
    }
    String host = env.getOrDefault("HOSTNAME", "").trim();
    if (!host.isEmpty()) {
      return host;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  private static int port(Map<String, String> env, String key, int fallback) {
    String raw = env.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= 1 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the offending value
    }
    throw new InvalidConfigException(key + " must be a port number 1-65535, was '" + raw + "'");
  }
}
