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
  public static List<String> runningCount(List<TaskStatus> tasks, int expected) {
    List<TaskStatus> running = tasks.stream().filter(TaskStatus::running).toList();
    if (running.size() == expected) {
      return List.of();
    }
    return List.of(
        "expected exactly " + expected + " running tasks, saw " + running.size() + ": " + tasks);
  }

  /** Every running task's health check says healthy. */
  public static List<String> health(List<TaskStatus> tasks) {
    List<String> problems = new ArrayList<>();
    for (TaskStatus task : tasks) {
      if (task.running() && !task.health().isHealthy()) {
        problems.add(
            "task "
                + task.id()
                + " is "
                + task.health().state()
                + " ("
                + task.where()
                + "): "
                + task.health().detail());
      }
    }
    if (tasks.stream().noneMatch(TaskStatus::running)) {
      problems.add("no task is running: " + tasks);
    }
    return problems;
  }

  /** Every task's REDISHOST/REDISPORT names the Redis the stack provisioned. */
  public static List<String> redisSetting(List<TaskStatus> tasks, RedisEndpoint provisioned) {
    List<String> problems = new ArrayList<>();
    for (TaskStatus task : tasks) {
      if (!task.redisSetting().equals(provisioned)) {
        problems.add(
            "task "
                + task.id()
                + " has REDISHOST:REDISPORT "
                + task.redisSetting()
                + ", expected the provisioned Redis "
                + provisioned
                + " ("
                + task.where()
                + ")");
      }
    }
    return problems;
  }

  /**
   * Requests through the front door reached every running task (and nothing else). A task's name
   * matches an answer's host name with or without a domain ({@code ip-10-0-1-5} answers as {@code
   * ip-10-0-1-5.ec2.internal} on Fargate).
   */
  public static List<String> spread(Collection<String> servedBy, List<TaskStatus> tasks) {
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
    List<String> problems = new ArrayList<>();
    Set<String> missed = new TreeSet<>(expected);
    missed.removeAll(seen);
    if (!missed.isEmpty()) {
      problems.add(
          servedBy.size()
              + " requests through the front door never reached task(s) "
              + missed
              + "; served by "
              + seen);
    }
    Set<String> strangers = new TreeSet<>(seen);
    strangers.removeAll(expected);
    if (!strangers.isEmpty()) {
      problems.add(
          "the front door answered from "
              + strangers
              + ", which are not running tasks of this stack "
              + expected);
    }
    return problems;
  }
}
