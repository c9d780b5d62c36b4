package dev.guestbook.harness.stack;

/**
 * What a task's health check says right now.
 *
 * @param state healthy, unhealthy, or unknown (no check has answered yet)
 * @param detail the evidence: the check's answer or why there was none
 */
public record TaskHealth(State state, String detail) {

  public enum State {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN
  }

  public static TaskHealth healthy(String detail) {
    return new TaskHealth(State.HEALTHY, detail);
  }

  public static TaskHealth unhealthy(String detail) {
    return new TaskHealth(State.UNHEALTHY, detail);
  }

  public boolean isHealthy() {
    return state == State.HEALTHY;
  }
}
