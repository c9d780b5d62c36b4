package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.text.Lists;
import dev.guestbook.harness.verdict.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  private static final int EVENTS_SHOWN = 5;

  private RolloutJudge() {}

  public static RolloutVerdict judge(
      RolloutExpectation expected,
      Service service,
      List<Task> tasks,
      List<TargetHealthDescription> targets) {
    return judge(expected, service, tasks, targets, Instant.now());
  }

  /** What one poll saw, and what this run expects. */
  private record Poll(
      RolloutExpectation expected,
      Service service,
      List<Task> tasks,
      List<TargetHealthDescription> targets,
      Instant now) {

    String where() {
      return "service "
          + service.serviceName()
          + " in cluster "
          + clusterName(service.clusterArn());
    }

    List<String> events() {
      return latestEvents(service);
    }

    Optional<Deployment> primary() {
      return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    String primaryText() {
      return primary().map(RolloutJudge::describeDeployment).orElse("none");
    }

    List<Task> running(Deployment d) {
      return tasks.stream()
          .filter(t -> "RUNNING".equals(t.lastStatus()) && d.id().equals(t.startedBy()))
          .toList();
    }

    /** Our deployment's stopped tasks, each as a line, by how they bear on the rollout. */
    List<Stop> stops(Deployment d) {
      return tasks.stream()
          .filter(t -> d.id().equals(t.startedBy()) && "STOPPED".equals(t.lastStatus()))
          .map(
              t ->
                  new Stop(
                      t.taskArn(),
                      "task "
                          + taskId(t.taskArn())
                          + " stopped: "
                          + t.stoppedReason()
                          + containerReasons(t),
                      StopReasons.of(t.stoppedReason())))
          .toList();
    }
  }

  private record Stop(String taskArn, String line, StopReasons.Kind kind) {}

  /** A state that decides the rollout now: failed. */
  private interface Terminal {
    Optional<RolloutVerdict> check(Poll poll, Deployment ours);
  }

  /** A state the rollout is still waiting on: what it waits for, none when done. */
  private interface Pending {
    List<String> check(Poll poll, Deployment ours);
  }

  private static final List<Terminal> TERMINAL =
      List.of(
          RolloutJudge::rolloutFailed,
          RolloutJudge::noLongerPrimary,
          RolloutJudge::wrongDesiredCount,
          RolloutJudge::stoppedForGood);

  private static final List<Pending> PENDING =
      List.of(
          RolloutJudge::stopsBeingReplaced,
          RolloutJudge::rolloutState,
          RolloutJudge::runningCount,
          RolloutJudge::olderTasks,
          RolloutJudge::imagesAndHealth,
          RolloutJudge::targetsAreTheTasks);

  /** The verdict as of {@code now} (which decides whether a not-yet-visible deployment is late). */
  public static RolloutVerdict judge(
      RolloutExpectation expected,
      Service service,
      List<Task> tasks,
      List<TargetHealthDescription> targets,
      Instant now) {
    Poll poll = new Poll(expected, service, tasks, targets, now);
    Optional<Deployment> ours =
        service.deployments().stream()
            .filter(d -> expected.deploymentId().equals(d.id()))
            .findFirst();
    if (ours.isEmpty()) {
      return notVisible(poll);
    }
    for (Terminal terminal : TERMINAL) {
      Optional<RolloutVerdict> verdict = terminal.check(poll, ours.get());
      if (verdict.isPresent()) {
        return verdict.get();
      }
    }
    List<String> waiting = new ArrayList<>();
    PENDING.forEach(pending -> waiting.addAll(pending.check(poll, ours.get())));
    String summary = summary(poll, ours.get());
    return waiting.isEmpty()
        ? new RolloutVerdict.Completed(summary + " (digest " + expected.imageDigest() + ")")
        : new RolloutVerdict.InProgress(summary, waiting);
  }

  /** Our deployment is not (or no longer) among the service's: too early, superseded, or gone. */
  private static RolloutVerdict notVisible(Poll poll) {
    RolloutExpectation expected = poll.expected();
    boolean newer =
        poll.primary()
            .map(d -> d.createdAt() != null && d.createdAt().isAfter(expected.forcedAt()))
            .orElse(false);
    String deployment = "deployment " + expected.deploymentId() + " of " + poll.where();
    if (expected.stillSettling(poll.now()) && !newer) {
      return new RolloutVerdict.InProgress(
          deployment
              + " is not visible yet (DescribeServices is eventually consistent; UpdateService"
              + " started it at "
              + expected.forcedAt()
              + ")",
          List.of("deployment " + expected.deploymentId() + " to appear in DescribeServices"));
    }
    Finding cause =
        newer
            ? new Finding(
                deployment,
                "the PRIMARY deployment",
                "this run's deployment",
                "superseded by a newer deployment "
                    + poll.primaryText()
                    + ": someone else deployed during this run")
            : new Finding(
                deployment,
                "the service's deployments",
                "this run's deployment among them",
                "it is gone: replaced or rolled back; PRIMARY is " + poll.primaryText());
    return failed(cause, poll.events(), List.of());
  }

  private static Optional<RolloutVerdict> rolloutFailed(Poll poll, Deployment ours) {
    if (ours.rolloutState() != DeploymentRolloutState.FAILED) {
      return Optional.empty();
    }
    return Optional.of(
        failed(
            new Finding(
                "deployment " + ours.id() + " of " + poll.where(),
                "rolloutState",
                "COMPLETED",
                "FAILED: " + ours.rolloutStateReason()),
            Lists.concat(poll.events(), targetProblems(poll.targets())),
            stoppedArns(poll.stops(ours))));
  }

  private static Optional<RolloutVerdict> noLongerPrimary(Poll poll, Deployment ours) {
    if ("PRIMARY".equals(ours.status())) {
      return Optional.empty();
    }
    return Optional.of(
        failed(
            new Finding(
                "deployment " + ours.id() + " of " + poll.where(),
                "status",
                "PRIMARY",
                ours.status()
                    + ", no longer PRIMARY: replaced by "
                    + poll.primaryText()
                    + " (a rollback by the circuit breaker, or another deployment)"),
            poll.events(),
            stoppedArns(poll.stops(ours))));
  }

  private static Optional<RolloutVerdict> wrongDesiredCount(Poll poll, Deployment ours) {
    int desired = Objects.requireNonNullElse(poll.service().desiredCount(), 0);
    if (desired == poll.expected().desiredCount()) {
      return Optional.empty();
    }
    return Optional.of(
        failed(
            new Finding(
                poll.where(),
                "desired tasks",
                Integer.toString(poll.expected().desiredCount()),
                String.valueOf(poll.service().desiredCount())),
            poll.events(),
            List.of()));
  }

  /**
   * A permanent stop, or more than {@link StopReasons#TOLERATED} stops of one replaceable kind
   * (health checks, transient pulls): ECS will not get the deployment healthy.
   */
  private static Optional<RolloutVerdict> stoppedForGood(Poll poll, Deployment ours) {
    List<Stop> stops = poll.stops(ours);
    List<Stop> fatal = new ArrayList<>();
    stops.stream().filter(s -> s.kind() == StopReasons.Kind.PERMANENT).forEach(fatal::add);
    for (StopReasons.Kind replaceable :
        List.of(StopReasons.Kind.HEALTH, StopReasons.Kind.TRANSIENT)) {
      List<Stop> ofKind = stops.stream().filter(s -> s.kind() == replaceable).toList();
      if (ofKind.size() > StopReasons.TOLERATED) {
        fatal.addAll(ofKind);
      }
    }
    if (fatal.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = fatal.stream().map(Stop::line).toList();
    return Optional.of(
        failed(
            new Finding(
                "tasks of deployment " + ours.id() + " of " + poll.where(),
                "stopped tasks",
                "none that cannot recover",
                "stopped and will not recover: " + lines.get(0)),
            Lists.concat(Lists.concat(lines, targetProblems(poll.targets())), poll.events()),
            stoppedArns(fatal)));
  }

  private static List<String> stopsBeingReplaced(Poll poll, Deployment ours) {
    return poll.stops(ours).stream()
        .filter(s -> s.kind() == StopReasons.Kind.HEALTH || s.kind() == StopReasons.Kind.TRANSIENT)
        .map(
            s ->
                s.line()
                    + " (ECS replaces it; "
                    + (StopReasons.TOLERATED + 1)
                    + " such stops fail the rollout)")
        .toList();
  }

  private static List<String> rolloutState(Poll poll, Deployment ours) {
    return ours.rolloutState() == DeploymentRolloutState.COMPLETED
        ? List.of()
        : List.of("rolloutState " + ours.rolloutStateAsString());
  }

  private static List<String> runningCount(Poll poll, Deployment ours) {
    int running = poll.running(ours).size();
    int desired = poll.expected().desiredCount();
    if (Objects.equals(ours.runningCount(), desired) && running == desired) {
      return List.of();
    }
    return List.of(
        "running "
            + running
            + "/"
            + desired
            + " tasks of this deployment (deployment says "
            + ours.runningCount()
            + ")");
  }

  private static List<String> olderTasks(Poll poll, Deployment ours) {
    long all = poll.tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())).count();
    long older = all - poll.running(ours).size();
    return older == 0 ? List.of() : List.of(older + " task(s) of older deployments still running");
  }

  private static List<String> imagesAndHealth(Poll poll, Deployment ours) {
    List<String> waiting = new ArrayList<>();
    String digest = poll.expected().imageDigest();
    for (Task task : poll.running(ours)) {
      for (var container : task.containers()) {
        if (!runsDigest(container.image(), container.imageDigest(), digest)) {
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
                  + digest);
        }
      }
      if (task.healthStatus() != HealthStatus.HEALTHY) {
        waiting.add("task " + taskId(task.taskArn()) + " health " + task.healthStatusAsString());
      }
    }
    return waiting;
  }

  private static List<String> targetsAreTheTasks(Poll poll, Deployment ours) {
    Set<String> taskIps = taskIps(poll, ours);
    Set<String> healthyIps = healthyIps(poll);
    if (healthyIps.equals(taskIps)) {
      return List.of();
    }
    return Lists.concat(
        List.of("healthy targets " + healthyIps + " are not exactly the task IPs " + taskIps),
        targetProblems(poll.targets()));
  }

  private static Set<String> taskIps(Poll poll, Deployment ours) {
    return poll.running(ours).stream()
        .map(RolloutJudge::privateIp)
        .flatMap(Optional::stream)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The addresses of the targets that serve: state {@code healthy} only. A target {@code initial}
   * (not yet passed its checks), {@code unhealthy}, {@code unused}, {@code draining} (deregistered:
   * an old task on its way out), {@code unavailable} or {@code unhealthy.draining} is not one of
   * ours serving, whichever task holds its address (RolloutJudgeTest holds each state).
   */
  private static Set<String> healthyIps(Poll poll) {
    return poll.targets().stream()
        .filter(t -> t.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
        .map(t -> t.target().id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String summary(Poll poll, Deployment ours) {
    int desired = poll.expected().desiredCount();
    return "deployment "
        + ours.id()
        + " of "
        + poll.where()
        + ": "
        + ours.rolloutStateAsString()
        + ", running "
        + poll.running(ours).size()
        + "/"
        + desired
        + ", healthy targets "
        + healthyIps(poll).size()
        + "/"
        + desired;
  }

  static boolean isFatal(String stoppedReason) {
    return StopReasons.of(stoppedReason) == StopReasons.Kind.PERMANENT;
  }

  static boolean failedHealthChecks(String stoppedReason) {
    return StopReasons.of(stoppedReason) == StopReasons.Kind.HEALTH;
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

  private static List<String> stoppedArns(List<Stop> stops) {
    return stops.stream().map(Stop::taskArn).toList();
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
        cause, Lists.concat(List.of(cause.toString()), reasons), stoppedArns);
  }
}
