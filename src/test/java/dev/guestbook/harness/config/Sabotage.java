package dev.guestbook.harness.config;

/**
 * A deliberately broken stack, to prove the specs go red when the stack is wrong. {@code NONE} is
 * the only value a real run uses; the others exist for the harness's own tests and for reviewers
 * who want to see a red run ({@code -Dbdi.sabotage=one-task}).
 */
public enum Sabotage {
  NONE("none", "the stack as built"),
  IN_MEMORY_APP("in-memory-app", "each task keeps entries in its own memory instead of Redis"),
  WRONG_REDISHOST("wrong-redishost", "every task's REDISHOST names a host where no Redis runs"),
  ONE_UNHEALTHY_TASK(
      "one-unhealthy-task", "the second task's REDISHOST is wrong, so it is unhealthy"),
  ONE_TASK("one-task", "one task runs instead of two"),
  FRONT_DOOR_ONE_TASK(
      "front-door-one-task", "the front door routes every request to the first task");

  private final String key;
  private final String description;

  Sabotage(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  public static Sabotage parse(String value) {
    return SettingValues.parse("bdi.sabotage", "value", value, values(), Sabotage::key);
  }
}
