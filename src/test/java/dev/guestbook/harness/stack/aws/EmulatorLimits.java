package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What an AWS API emulator (moto) cannot do, recognised from what it answers, so that a rehearsal
 * reports it as an expected outcome that was checked, never as a pass. Pure functions: the state
 * that is expected is checked in full, and anything else is still a failure.
 */
public final class EmulatorLimits {

  private EmulatorLimits() {}

  /**
   * Why the rollout cannot complete on the emulator, when what it shows is exactly "our deployment
   * is PRIMARY, wants the expected count, and no task runs": the emulator starts no tasks. Empty
   * when the state is anything else (then the timeout is a real failure).
   */
  public static Optional<String> rolloutCannotComplete(
      RolloutExpectation expected, Service service, List<Task> tasks, Duration waited) {
    Optional<Deployment> ours =
        service.deployments().stream()
            .filter(d -> expected.deploymentId().equals(d.id()))
            .findFirst();
    boolean expectedState =
        ours.isPresent()
            && "PRIMARY".equals(ours.get().status())
            && Objects.equals(service.desiredCount(), expected.desiredCount())
            && Objects.requireNonNullElse(ours.get().runningCount(), 0) == 0
            && tasks.isEmpty();
    if (!expectedState) {
      return Optional.empty();
    }
    return Optional.of(
        "deployment "
            + expected.deploymentId()
            + " of service "
            + service.serviceName()
            + " is PRIMARY and wants "
            + expected.desiredCount()
            + " tasks; running 0/"
            + expected.desiredCount()
            + " after "
            + waited.toSeconds()
            + " s, as the emulator runs no tasks: the rollout, the tasks' health and the load"
            + " balancer's answers can only be checked on AWS");
  }

  /** terraform destroy gave up waiting for the ElastiCache cluster to go. */
  public static boolean elastiCacheDeleteTimedOut(String destroyOutput) {
    return destroyOutput.contains("aws_elasticache_cluster")
        && (destroyOutput.contains("timeout while waiting") || destroyOutput.contains("deleting"));
  }
}
