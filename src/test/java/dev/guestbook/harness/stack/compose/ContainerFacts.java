package dev.guestbook.harness.stack.compose;

import java.util.Map;

/**
 * What {@code docker inspect} says of one container, reduced to what the specs decide on.
 *
 * @param id container id
 * @param name container name (project-service-n)
 * @param hostname its host name, which the app answers in {@code X-Served-By}
 * @param state docker's state word: running, exited, restarting...
 * @param exitCode exit code when not running
 * @param health docker's health status: healthy, unhealthy, starting, or empty without a check
 * @param lastHealthOutput the newest health-check output
 * @param env the container's environment
 * @param ip its address on the project network, empty if none
 */
public record ContainerFacts(
    String id,
    String name,
    String hostname,
    String state,
    long exitCode,
    String health,
    String lastHealthOutput,
    Map<String, String> env,
    String ip) {

  public ContainerFacts {
    env = Map.copyOf(env);
  }

  boolean running() {
    return "running".equals(state);
  }
}
