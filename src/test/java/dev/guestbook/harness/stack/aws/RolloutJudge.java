package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Decides a rollout from what ECS and ELBv2 report, as pure functions over the SDK's model objects.
 *
 * <p>It does not trust the SDK's {@code services-stable} waiter, which is satisfied by {@code
 * runningCount == desiredCount} with one deployment: true for a service scaled to 0, and true again
 * after the circuit breaker rolled back to the previous task definition.
 */
public final class RolloutJudge {

  /** stoppedReason texts after which ECS will not recover by itself. */
  static final List<Pattern> FATAL_STOP_REASONS =
      List.of(
          Pattern.compile("CannotPullContainerError"),
          Pattern.compile("ResourceInitializationError"),
          Pattern.compile("Essential container in task exited"),
          Pattern.compile("CannotStartContainerError"));

  /**
   * stoppedReason texts that ECS answers by starting a replacement: one such stop is in progress, a
   * repeat (or rolloutState FAILED) is fatal.
   */
  static final List<Pattern> HEALTH_STOP_REASONS =
      List.of(
          Pattern.compile("Task failed ELB health checks"),
          Pattern.compile("Task failed container health checks"));

  /** How many health-check stops of our deployment's tasks ECS gets to replace before we fail. */
  static final int HEALTH_STOPS_TOLERATED = 1;

  private static final int EVENTS_SHOWN = 5;

  private RolloutJudge() {}

  public static RolloutVerdict judge(
      RolloutExpectation expected,
      Service service,
      List<Task> tasks,
      List<TargetHealthDescription> targets) {
    return judge(expected, service, tasks, targets, Instant.now());
  }

  /** The verdict as of {@code now} (which decides whether a not-yet-visible deployment is late). */
  public static RolloutVerdict judge(
      RolloutExpectation expected,
      Service service,
      List<Task> tasks,
      List<TargetHealthDescription> targets,
      Instant now) {
    String where =
        "service " + service.serviceName() + " in cluster " + clusterName(service.clusterArn());
    Optional<Deployment> ours =
        service.deployments().stream()
            .filter(d -> expected.deploymentId().equals(d.id()))
            .findFirst();
    List<String> events = latestEvents(service);

    Optional<Deployment> primaryNow =
        service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    String primary = primaryNow.map(RolloutJudge::describeDeployment).orElse("none");
    if (ours.isEmpty()) {
      boolean newer =
          primaryNow
              .map(d -> d.createdAt() != null && d.createdAt().isAfter(expected.forcedAt()))
              .orElse(false);
      if (expected.stillSettling(now) && !newer) {
        return new RolloutVerdict.InProgress(
            "deployment "
                + expected.deploymentId()
                + " of "
                + where
                + " is not visible yet (DescribeServices is eventually consistent; UpdateService"
                + " started it at "
                + expected.forcedAt()
                + ")",
            List.of("deployment " + expected.deploymentId() + " to appear in DescribeServices"));
      }
      if (newer) {
        return failed(
            new Finding(
                "deployment " + expected.deploymentId() + " of " + where,
                "the PRIMARY deployment",
                "this run's deployment",
                "superseded by a newer deployment "
                    + primary
                    + ": someone else deployed during this run"),
            events,
            List.of());
      }
      return failed(
          new Finding(
              "deployment " + expected.deploymentId() + " of " + where,
              "the service's deployments",
              "this run's deployment among them",
              "it is gone: replaced or rolled back; PRIMARY is " + primary),
          events,
          List.of());
    }
    Deployment deployment = ours.get();
    if (deployment.rolloutState() == DeploymentRolloutState.FAILED) {
      return failed(
          new Finding(
              "deployment " + deployment.id() + " of " + where,
              "rolloutState",
              "COMPLETED",
              "FAILED: " + deployment.rolloutStateReason()),
          concat(events, targetProblems(targets)),
          stoppedTasks(tasks, deployment.id()));
    }
    if (!"PRIMARY".equals(deployment.status())) {
      return failed(
          new Finding(
              "deployment " + deployment.id() + " of " + where,
              "status",
              "PRIMARY",
              deployment.status()
                  + ", no longer PRIMARY: replaced by "
                  + primary
                  + " (a rollback by the circuit breaker, or another deployment)"),
          events,
          stoppedTasks(tasks, deployment.id()));
    }
    if (Objects.requireNonNullElse(service.desiredCount(), 0) != expected.desiredCount()) {
      return failed(
          new Finding(
              where,
              "desired tasks",
              Integer.toString(expected.desiredCount()),
              String.valueOf(service.desiredCount())),
          events,
          List.of());
    }
    List<String> fatalStops = new ArrayList<>();
    List<String> healthStops = new ArrayList<>();
    List<String> stoppedArns = new ArrayList<>();
    List<String> healthStoppedArns = new ArrayList<>();
    for (Task task : tasks) {
      if (!deployment.id().equals(task.startedBy()) || !"STOPPED".equals(task.lastStatus())) {
        continue;
      }
      String line =
          "task "
              + taskId(task.taskArn())
              + " stopped: "
              + task.stoppedReason()
              + containerReasons(task);
      if (isFatal(task.stoppedReason())) {
        fatalStops.add(line);
        stoppedArns.add(task.taskArn());
      } else if (failedHealthChecks(task.stoppedReason())) {
        healthStops.add(line);
        healthStoppedArns.add(task.taskArn());
      }
    }
    if (healthStops.size() > HEALTH_STOPS_TOLERATED) {
      fatalStops.addAll(healthStops);
      stoppedArns.addAll(healthStoppedArns);
    }
    if (!fatalStops.isEmpty()) {
      return failed(
          new Finding(
              "tasks of deployment " + deployment.id() + " of " + where,
              "stopped tasks",
              "none that cannot recover",
              "stopped and will not recover: " + fatalStops.get(0)),
          concat(concat(fatalStops, targetProblems(targets)), events),
          stoppedArns);
    }

    List<Task> running = tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus())).toList();
    List<String> waiting = new ArrayList<>();
    healthStops.forEach(
        stop ->
            waiting.add(
                stop
                    + " (ECS replaces it; "
                    + (HEALTH_STOPS_TOLERATED + 1)
                    + " such stops fail the rollout)"));
    int ourRunning =
        (int) running.stream().filter(t -> deployment.id().equals(t.startedBy())).count();
    if (deployment.rolloutState() != DeploymentRolloutState.COMPLETED) {
      waiting.add("rolloutState " + deployment.rolloutStateAsString());
    }
    if (!Objects.equals(deployment.runningCount(), expected.desiredCount())
        || ourRunning != expected.desiredCount()) {
      waiting.add(
          "running "
              + ourRunning
              + "/"
              + expected.desiredCount()
              + " tasks of this deployment (deployment says "
              + deployment.runningCount()
              + ")");
    }
    if (running.size() != ourRunning) {
      waiting.add((running.size() - ourRunning) + " task(s) of older deployments still running");
    }
    for (Task task : running) {
      if (!deployment.id().equals(task.startedBy())) {
        continue;
      }
      for (var container : task.containers()) {
        if (!runsDigest(container.image(), container.imageDigest(), expected.imageDigest())) {
          waiting.add(
              "task "
                  + taskId(task.taskArn())
                  + " container "
                  + container.name()
                  + " runs "
                  + container.image()
                  + " "
                  + container.imageDigest()
                  + ", expected "
                  + expected.imageDigest());
        }
      }
      if (task.healthStatus() != HealthStatus.HEALTHY) {
        waiting.add("task " + taskId(task.taskArn()) + " health " + task.healthStatusAsString());
      }
    }
    Set<String> taskIps =
        running.stream()
            .filter(t -> deployment.id().equals(t.startedBy()))
            .map(RolloutJudge::privateIp)
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> healthyIps =
        targets.stream()
            .filter(t -> t.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
            .map(t -> t.target().id())
            .collect(Collectors.toCollection(TreeSet::new));
    if (!healthyIps.equals(taskIps)) {
      waiting.add("healthy targets " + healthyIps + " are not exactly the task IPs " + taskIps);
      waiting.addAll(targetProblems(targets));
    }
    String summary =
        "deployment "
            + deployment.id()
            + " of "
            + where
            + ": "
            + deployment.rolloutStateAsString()
            + ", running "
            + ourRunning
            + "/"
            + expected.desiredCount()
            + ", healthy targets "
            + healthyIps.size()
            + "/"
            + expected.desiredCount();
    if (waiting.isEmpty()) {
      return new RolloutVerdict.Completed(summary + " (digest " + expected.imageDigest() + ")");
    }
    return new RolloutVerdict.InProgress(summary, waiting);
  }

  static boolean isFatal(String stoppedReason) {
    return stoppedReason != null
        && FATAL_STOP_REASONS.stream().anyMatch(p -> p.matcher(stoppedReason).find());
  }

  static boolean failedHealthChecks(String stoppedReason) {
    return stoppedReason != null
        && HEALTH_STOP_REASONS.stream().anyMatch(p -> p.matcher(stoppedReason).find());
  }

  private static String describeDeployment(Deployment d) {
    return d.id()
        + " ("
        + d.taskDefinition()
        + (d.createdAt() == null ? "" : ", created " + d.createdAt())
        + ")";
  }

  static boolean runsDigest(String image, String imageDigest, String expected) {
    return expected.equals(imageDigest) || (image != null && image.endsWith("@" + expected));
  }

  /**
   * Unhealthy, draining or initial targets with their reason codes
   * (Target.ResponseCodeMismatch...).
   */
  static List<String> targetProblems(List<TargetHealthDescription> targets) {
    return targets.stream()
        .filter(t -> t.targetHealth().state() != TargetHealthStateEnum.HEALTHY)
        .map(
            t ->
                "target "
                    + t.target().id()
                    + ":"
                    + t.target().port()
                    + " "
                    + t.targetHealth().stateAsString()
                    + (t.targetHealth().reason() == null
                        ? ""
                        : " " + t.targetHealth().reasonAsString())
                    + (t.targetHealth().description() == null
                        ? ""
                        : " (" + t.targetHealth().description() + ")"))
        .toList();
  }

  static List<String> latestEvents(Service service) {
    return service.events().stream()
        .sorted(
            Comparator.comparing(
                ServiceEvent::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(EVENTS_SHOWN)
        .map(e -> "event " + e.createdAt() + ": " + e.message())
        .toList();
  }

  private static List<String> stoppedTasks(List<Task> tasks, String deploymentId) {
    return tasks.stream()
        .filter(t -> deploymentId.equals(t.startedBy()) && "STOPPED".equals(t.lastStatus()))
        .map(Task::taskArn)
        .toList();
  }

  private static String containerReasons(Task task) {
    String reasons =
        task.containers().stream()
            .filter(c -> c.reason() != null || c.exitCode() != null)
            .map(
                c ->
                    c.name()
                        + (c.exitCode() == null ? "" : " exit " + c.exitCode())
                        + (c.reason() == null ? "" : " " + c.reason()))
            .collect(Collectors.joining(", "));
    return reasons.isEmpty() ? "" : " [" + reasons + "]";
  }

  static Optional<String> privateIp(Task task) {
    return task.attachments().stream()
        .flatMap(a -> a.details().stream())
        .filter(d -> "privateIPv4Address".equals(d.name()))
        .map(KeyValuePair::value)
        .findFirst();
  }

  static String taskId(String arn) {
    return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static String clusterName(String arn) {
    return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static RolloutVerdict failed(
      Finding cause, List<String> reasons, List<String> stoppedArns) {
    return new RolloutVerdict.Failed(
        cause, concat(List.of(cause.toString()), reasons), stoppedArns);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
