package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

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

  /**
   * The ElastiCache resources the emulator cannot delete: it leaves a deleted cluster "deleting"
   * for ever, and answers DeleteCacheSubnetGroup with HTTP 500 (not implemented in moto 5.2.4).
   */
  public static final List<String> UNDELETABLE =
      List.of("aws_elasticache_cluster.redis", "aws_elasticache_subnet_group.redis");

  /**
   * terraform destroy failed on the emulator only where the emulator cannot delete: every error it
   * reports names one of the {@link #UNDELETABLE} resources.
   */
  public static boolean destroyStoppedOnlyByElastiCache(String destroyOutput) {
    List<String> errors =
        destroyOutput.lines().map(String::strip).filter(l -> l.startsWith("Error:")).toList();
    // the cluster that never finishes deleting, the subnet group the emulator answers 500 for
    // (alone
    // when the cluster was removed by tag first, after an apply that was killed)
    return !errors.isEmpty()
        && errors.stream()
            .allMatch(
                l -> l.contains("ElastiCache Cache") || l.contains("ElastiCache Subnet Group"));
  }

  /**
   * A sweep finding the endpoint cannot avoid: the run's ElastiCache subnet group, when this
   * endpoint {@linkplain #deletesCacheSubnetGroups does not carry out} DeleteCacheSubnetGroup.
   * Empty for anything else, and for an endpoint that deletes subnet groups: then it is a real
   * leftover.
   */
  public static Optional<String> expectedLeftover(
      AwsSweep.Leftover leftover, String clusterName, boolean endpointDeletesSubnetGroups) {
    if (!endpointDeletesSubnetGroups
        && "elasticache-subnet-group".equals(leftover.kind())
        && clusterName.equals(leftover.id())) {
      return Optional.of(
          "this endpoint does not carry out DeleteCacheSubnetGroup (it answered HTTP 5xx for a"
              + " group that does not exist, where AWS answers CacheSubnetGroupNotFoundFault); on"
              + " AWS terraform destroy removes it");
    }
    return Optional.empty();
  }

  /**
   * Whether the endpoint carries out DeleteCacheSubnetGroup, asked with a name no group has (within
   * the name prefix the CI role may delete): AWS, and an emulator that implements the call, answer
   * {@code CacheSubnetGroupNotFoundFault}; moto 5.2.4 answers HTTP 500 (not implemented). Anything
   * else (a refusal, no answer) is taken as "it deletes", so nothing is excused on a guess.
   */
  public static boolean deletesCacheSubnetGroups(ElastiCacheClient elastiCache, String namePrefix) {
    String nobody = namePrefix + "-no-such-group-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      elastiCache.deleteCacheSubnetGroup(b -> b.cacheSubnetGroupName(nobody));
      return true;
    } catch (AwsServiceException answer) {
      // 500/501: not implemented; a 503 or any other answer is no proof of that
      return answer.statusCode() != 500 && answer.statusCode() != 501;
    } catch (SdkException noAnswer) {
      return true;
    }
  }
}
