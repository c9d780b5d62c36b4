package dev.guestbook.harness.verdict;

import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Pure pass/fail decisions over the tasks a stack reports. Each returns the problems found. */
public final class TaskFleetVerdict {

  private TaskFleetVerdict() {}

  /** Exactly {@code expected} tasks running. */
  public static List<Finding> runningCount(List<TaskStatus> tasks, int expected) {
    List<TaskStatus> running = tasks.stream().filter(TaskStatus::running).toList();
    if (running.size() == expected) {
      return List.of();
    }
    return List.of(
        new Finding(
            "the stack's tasks",
            "running tasks",
            "exactly " + expected,
            running.size() + ": " + tasks));
  }

  /** Every running task's health check says healthy. */
  public static List<Finding> health(List<TaskStatus> tasks) {
    List<Finding> problems = new ArrayList<>();
    for (TaskStatus task : tasks) {
      if (task.running() && !task.health().isHealthy()) {
        problems.add(
            new Finding(
                "task " + task.id(),
                "health",
                "HEALTHY",
                task.health().state() + " (" + task.where() + "): " + task.health().detail()));
      }
    }
    if (tasks.stream().noneMatch(TaskStatus::running)) {
      problems.add(
          new Finding("the stack's tasks", "running tasks", "at least one", "none: " + tasks));
    }
    return problems;
  }

  /** Every task's REDISHOST/REDISPORT names the Redis the stack provisioned. */
  public static List<Finding> redisSetting(List<TaskStatus> tasks, RedisEndpoint provisioned) {
    List<Finding> problems = new ArrayList<>();
    for (TaskStatus task : tasks) {
      if (!task.redisSetting().equals(provisioned)) {
        problems.add(
            new Finding(
                "task " + task.id(),
                "REDISHOST:REDISPORT",
                "the provisioned Redis " + provisioned,
                task.redisSetting() + " (" + task.where() + ")"));
      }
    }
    return problems;
  }

  /**
   * Requests through the front door reached every running task (and nothing else). A task's name
   * matches an answer's host name with or without a domain ({@code ip-10-0-1-5} answers as {@code
   * ip-10-0-1-5.ec2.internal} on Fargate).
   */
  public static List<Finding> spread(Collection<String> servedBy, List<TaskStatus> tasks) {
    Set<String> expected =
        tasks.stream()
            .filter(TaskStatus::running)
            .map(TaskStatus::id)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> seen =
        servedBy.stream()
            .map(
                host ->
                    expected.stream()
                        .filter(id -> host.equals(id) || host.startsWith(id + "."))
                        .findFirst()
                        .orElse(host))
            .collect(Collectors.toCollection(TreeSet::new));
    List<Finding> problems = new ArrayList<>();
    Set<String> missed = new TreeSet<>(expected);
    missed.removeAll(seen);
    if (!missed.isEmpty()) {
      problems.add(
          new Finding(
              "the front door",
              "tasks reached",
              "every running task " + expected,
              "task(s) "
                  + missed
                  + " never reached by "
                  + servedBy.size()
                  + " requests through the front door; served by "
                  + seen));
    }
    Set<String> strangers = new TreeSet<>(seen);
    strangers.removeAll(expected);
    if (!strangers.isEmpty()) {
      problems.add(
          new Finding(
              "the front door",
              "who answered",
              "only running tasks of this stack " + expected,
              "answers from " + strangers + ", which are not running tasks"));
    }
    return problems;
  }
}
