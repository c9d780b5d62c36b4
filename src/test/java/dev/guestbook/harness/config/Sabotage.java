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
      "front-door-one-task", "the front door routes every request to the first task"),
  REDIS_NO_PERSISTENCE(
      "redis-no-persistence", "Redis keeps entries in memory only (no append-only file)"),
  KEEPS_LAST_ENTRIES("keeps-last-entries", "the app trims the guestbook to its newest 5 entries"),
  REORDERS_ENTRIES("reorders-entries", "the app prepends new entries instead of appending them"),
  PATIENT_REDIS_CLIENT(
      "patient-redis-client", "the app waits 4 s for Redis instead of 1 s before giving up"),
  LYING_HEALTH("lying-health", "/healthz answers 200 without asking Redis"),
  FRONT_DOOR_NO_RETRY(
      "front-door-no-retry",
      "the front door sends a request to a task that is gone instead of trying the next one"),
  REDIS_PUBLISHED("redis-published", "Redis's port is published on the host"),
  TASKS_AS_ROOT("tasks-as-root", "the app containers run as root"),
  WRITABLE_ROOT("writable-root", "the app containers' root filesystem is writable"),
  NO_TMP_VOLUME(
      "no-tmp-volume",
      "the app image declares no VOLUME /tmp, so the task's /tmp is Fargate's root-owned 0755 mount"),
  CUTS_LONG_ENTRIES("cuts-long-entries", "the app keeps only the first 200 characters of an entry"),
  FORM_STORES_NOTHING(
      "form-stores-nothing", "the page's form answers 303 as if signed and stores nothing"),
  FORM_SKIPS_CHECKS(
      "form-skips-checks",
      "the page's form stores whatever it holds, unchecked (an over-long or blank entry too)"),
  RACY_APPEND(
      "racy-append",
      "the app appends by reading the list, adding and writing it back (not atomically)"),
  PAGE_SHOWS_NEWEST(
      "page-shows-newest", "the page shows only the newest 10 entries; the JSON listing has all"),
  WHITE_ON_WHITE("white-on-white", "the page's entries are drawn white on the white page"),
  NO_DRAIN("no-drain", "the app ends at once on SIGTERM, dropping the requests it is serving"),
  SIGTERM_IGNORED(
      "sigterm-ignored",
      "SIGTERM never reaches the app (a shell entrypoint that does not pass it on)");

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
