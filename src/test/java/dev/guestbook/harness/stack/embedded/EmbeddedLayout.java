package dev.guestbook.harness.stack.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded target runs, as plain settings: how many tasks, what each task's environment
 * adds to or changes from the default (REDISHOST/REDISPORT of the stack's Redis), how a task's JVM
 * is launched, and how many of the tasks (the first ones) are in the front door's pool.
 *
 * @param tasks how many app tasks run
 * @param taskEnvironment task number (1-based) → variables set for that task only, after the
 *     defaults
 * @param launch how each task's JVM starts
 * @param frontDoorPool the front door routes to the first this-many tasks
 * @param redisPersistent whether Redis writes an append-only file (fsync always) and reloads it
 * @param frontDoorRetries whether the front door tries the next task when one refuses the
 *     connection (as a load balancer does)
 * @param deviation how this layout differs from the stack as built, for the run's description;
 *     empty for the stack as built
 */
public record EmbeddedLayout(
    int tasks,
    Map<Integer, Map<String, String>> taskEnvironment,
    AppLaunch launch,
    int frontDoorPool,
    boolean redisPersistent,
    boolean frontDoorRetries,
    Optional<String> deviation) {

  public EmbeddedLayout {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must be at least 1, was " + tasks);
    }
    if (frontDoorPool < 1 || frontDoorPool > tasks) {
      throw new IllegalArgumentException(
          "frontDoorPool must be between 1 and " + tasks + ", was " + frontDoorPool);
    }
    Map<Integer, Map<String, String>> copy = new HashMap<>();
    taskEnvironment.forEach((task, env) -> copy.put(task, Map.copyOf(env)));
    taskEnvironment = Map.copyOf(copy);
  }

  /** The stack as built: {@code tasks} tasks of the app jar, all of them behind the front door. */
  public static EmbeddedLayout asBuilt(int tasks, Path appJar) {
    return new EmbeddedLayout(
        tasks, Map.of(), AppLaunch.jar(appJar), tasks, true, true, Optional.empty());
  }

  /** Variables added to (or overriding) the given task's environment. */
  public Map<String, String> environmentOf(int task) {
    return taskEnvironment.getOrDefault(task, Map.of());
  }

  public EmbeddedLayout withTasks(int count) {
    return new EmbeddedLayout(
        count,
        taskEnvironment,
        launch,
        Math.min(frontDoorPool, count),
        redisPersistent,
        frontDoorRetries,
        deviation);
  }

  public EmbeddedLayout withTaskEnvironment(int task, String name, String value) {
    Map<Integer, Map<String, String>> changed = new HashMap<>(taskEnvironment);
    Map<String, String> env = new HashMap<>(environmentOf(task));
    env.put(name, value);
    changed.put(task, env);
    return new EmbeddedLayout(
        tasks, changed, launch, frontDoorPool, redisPersistent, frontDoorRetries, deviation);
  }

  public EmbeddedLayout withLaunch(AppLaunch changed) {
    return new EmbeddedLayout(
        tasks,
        taskEnvironment,
        changed,
        frontDoorPool,
        redisPersistent,
        frontDoorRetries,
        deviation);
  }

  public EmbeddedLayout withFrontDoorPool(int firstTasks) {
    return new EmbeddedLayout(
        tasks, taskEnvironment, launch, firstTasks, redisPersistent, frontDoorRetries, deviation);
  }

  public EmbeddedLayout deviating(String description) {
    return new EmbeddedLayout(
        tasks,
        taskEnvironment,
        launch,
        frontDoorPool,
        redisPersistent,
        frontDoorRetries,
        Optional.of(description));
  }

  public EmbeddedLayout withRedisPersistent(boolean persistent) {
    return new EmbeddedLayout(
        tasks, taskEnvironment, launch, frontDoorPool, persistent, frontDoorRetries, deviation);
  }

  public EmbeddedLayout withFrontDoorRetries(boolean retries) {
    return new EmbeddedLayout(
        tasks, taskEnvironment, launch, frontDoorPool, redisPersistent, retries, deviation);
  }
}
