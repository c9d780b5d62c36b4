package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheSubnetGroupRequest;

/** An emulator's limits are recognised only in exactly the state they produce. */
class EmulatorLimitsTest {

  private static final String OURS = "ecs-svc/658977709587909886";
  private static final RolloutExpectation EXPECT =
      new RolloutExpectation(OURS, "sha256:" + "a".repeat(64), 2);

  private static Service service(String status, int desired, int running) {
    return Service.builder()
        .serviceName("guestbook-gb-1")
        .desiredCount(desired)
        .deployments(Deployment.builder().id(OURS).status(status).runningCount(running).build())
        .build();
  }

  @Test
  void noTasksOnAPrimaryDeploymentIsTheEmulatorsLimit() {
    assertThat(
            EmulatorLimits.rolloutCannotComplete(
                EXPECT, service("PRIMARY", 2, 0), List.of(), Duration.ofSeconds(20)))
        .get()
        .asString()
        .contains("running 0/2 after 20 s", "the emulator runs no tasks", OURS);
  }

  @Test
  void anythingElseIsAFailureNotALimit() {
    Duration waited = Duration.ofSeconds(20);
    assertThat(
            EmulatorLimits.rolloutCannotComplete(
                EXPECT, service("ACTIVE", 2, 0), List.of(), waited))
        .as("rolled back")
        .isEmpty();
    assertThat(
            EmulatorLimits.rolloutCannotComplete(
                EXPECT, service("PRIMARY", 1, 0), List.of(), waited))
        .as("scaled to 1")
        .isEmpty();
    assertThat(
            EmulatorLimits.rolloutCannotComplete(
                EXPECT, service("PRIMARY", 2, 0), List.of(Task.builder().build()), waited))
        .as("a task exists: not the emulator's empty answer")
        .isEmpty();
    assertThat(
            EmulatorLimits.rolloutCannotComplete(
                new RolloutExpectation("ecs-svc/other", "sha256:" + "a".repeat(64), 2),
                service("PRIMARY", 2, 0),
                List.of(),
                waited))
        .as("our deployment is not there")
        .isEmpty();
  }

  @Test
  void aDestroyStoppedOnlyByElastiCacheIsRecognisedAndNothingElse() {
    String elastiCacheOnly =
        """
        aws_subnet.public[1]: Destruction complete after 0s
        aws_elasticache_cluster.redis: Still destroying... [id=guestbook-gb-1, 20s elapsed]

        Error: waiting for ElastiCache Cache Cluster (guestbook-gb-1) delete: timeout while waiting for resource to be gone (timeout: 20s)
        """;
    assertThat(EmulatorLimits.destroyStoppedOnlyByElastiCache(elastiCacheOnly)).isTrue();
    assertThat(
            EmulatorLimits.destroyStoppedOnlyByElastiCache(
                elastiCacheOnly
                    + "\nError: deleting EC2 VPC (vpc-1): DependencyViolation: has dependencies\n"))
        .isFalse();
    assertThat(EmulatorLimits.destroyStoppedOnlyByElastiCache("Destroy complete!")).isFalse();
    assertThat(
            EmulatorLimits.destroyStoppedOnlyByElastiCache(
                "Error: deleting ElastiCache Subnet Group (guestbook-gb-1): operation error"
                    + " ElastiCache: DeleteCacheSubnetGroup, https response error StatusCode: 500"))
        .isTrue();
  }

  @Test
  void onlyTheRunsSubnetGroupIsAnExpectedLeftover() {
    AwsSweep.Leftover group =
        new AwsSweep.Leftover("elasticache-subnet-group", "guestbook-gb-1", Map.of());
    assertThat(EmulatorLimits.expectedLeftover(group, "guestbook-gb-1", false)).isPresent();
    assertThat(EmulatorLimits.expectedLeftover(group, "guestbook-gb-2", false)).isEmpty();
    assertThat(
            EmulatorLimits.expectedLeftover(
                new AwsSweep.Leftover("vpc", "vpc-1", Map.of()), "guestbook-gb-1", false))
        .isEmpty();
  }

  @Test
  void anEndpointThatDeletesSubnetGroupsHasNoExpectedLeftover() {
    AwsSweep.Leftover group =
        new AwsSweep.Leftover("elasticache-subnet-group", "guestbook-gb-1", Map.of());
    // an endpoint that deletes subnet groups (AWS; the second emulator, not run here) left
    // it for a real reason
    assertThat(EmulatorLimits.expectedLeftover(group, "guestbook-gb-1", true)).isEmpty();
  }

  /** DeleteCacheSubnetGroup answered with {@code status} and {@code code}. */
  private static ElastiCacheClient answering(int status, String code, List<String> asked) {
    return StandInClients.client(
        ElastiCacheClient.class,
        (name, request) -> {
          DeleteCacheSubnetGroupRequest delete = (DeleteCacheSubnetGroupRequest) request;
          asked.add(delete.cacheSubnetGroupName());
          throw (AwsServiceException)
              AwsServiceException.builder()
                  .statusCode(status)
                  .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                  .message(code)
                  .build();
        });
  }

  @Test
  void whetherTheEndpointDeletesSubnetGroupsIsSeenFromItsAnswerForANameNoGroupHas() {
    List<String> asked = new ArrayList<>();
    // AWS (and an emulator that implements the call)
    assertThat(
            EmulatorLimits.deletesCacheSubnetGroups(
                answering(400, "CacheSubnetGroupNotFoundFault", asked), "guestbook"))
        .isTrue();
    // moto 5.2.4: not implemented
    assertThat(
            EmulatorLimits.deletesCacheSubnetGroups(
                answering(500, "InternalFailure", asked), "guestbook"))
        .isFalse();
    // refused: nothing is excused on a guess
    assertThat(
            EmulatorLimits.deletesCacheSubnetGroups(
                answering(403, "AccessDenied", asked), "guestbook"))
        .isTrue();
    assertThat(asked)
        .as("names no group has, inside the prefix the CI role may delete")
        .allMatch(n -> n.startsWith("guestbook-no-such-group-"))
        .doesNotHaveDuplicates();
  }
}
