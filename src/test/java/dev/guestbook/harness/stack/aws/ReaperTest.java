package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.aws.AwsSweep.Leftover;
import dev.guestbook.harness.stack.aws.ReapPlan.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The reaper carrying out its decisions over a made-up region and stand-in states: the order of
 * unlock, destroy and removal, removal pass after pass while AWS still deletes, a failed destroy
 * run once more, and decisions that leave a run alone touching nothing.
 */
class ReaperTest {

  private static final String RUN = "gb-old";

  /** The region: id → leftover of {@link #RUN}. */
  private final Map<String, Leftover> region = new LinkedHashMap<>();

  private final List<String> done = new ArrayList<>();
  private boolean destroyFails;

  private final Reaper.States states =
      new Reaper.States() {
        @Override
        public String unlock(String runId) {
          done.add("unlock " + runId);
          return "the lock of " + runId;
        }

        @Override
        public boolean destroy(String runId, Runnable beforeDestroy) {
          beforeDestroy.run();
          done.add("destroy " + runId);
          boolean ok = !destroyFails;
          destroyFails = false;
          return ok;
        }

        @Override
        public Set<String> idsInState(String runId) {
          return Set.of("vpc-1");
        }
      };

  private Leftover put(String kind, String id) {
    Leftover l = new Leftover(kind, id, Map.of("RunId", RUN));
    region.put(id, l);
    return l;
  }

  /**
   * AWS as it deletes: a load balancer is still listed by the next look after its delete and gone
   * by the one after, its target group in use until then; a VPC goes when deleted, but {@code
   * vpc-2}'s delete is refused for good.
   */
  private Reaper reaper() {
    int[] looksSinceDelete = {-1};
    BiFunction<String, Object, Object> elb =
        (name, request) -> {
          if (request instanceof DeleteLoadBalancerRequest) {
            done.add("delete load balancer");
            looksSinceDelete[0] = Math.max(looksSinceDelete[0], 0);
          } else if (request instanceof DeleteTargetGroupRequest) {
            if (region.containsKey("arn:lb")) {
              throw answer("ResourceInUse");
            }
            done.add("delete target group");
            region.remove("arn:tg");
          }
          return null;
        };
    BiFunction<String, Object, Object> ec2 =
        (name, request) -> {
          if (request instanceof DeleteVpcRequest delete) {
            if (delete.vpcId().equals("vpc-2")) {
              throw answer("UnauthorizedOperation");
            }
            region.remove(delete.vpcId());
          }
          return null;
        };
    LeftoverRemoval removal =
        new LeftoverRemoval(
            new AwsClients(
                Region.US_EAST_1,
                StandInClients.client(StsClient.class, (n, r) -> null),
                StandInClients.client(EcsClient.class, (n, r) -> null),
                StandInClients.client(ElasticLoadBalancingV2Client.class, elb),
                StandInClients.client(EcrClient.class, (n, r) -> null),
                StandInClients.client(CloudWatchLogsClient.class, (n, r) -> null),
                StandInClients.client(Ec2Client.class, ec2),
                StandInClients.client(ElastiCacheClient.class, (n, r) -> null)));
    return new Reaper(
        runId -> {
          if (looksSinceDelete[0] >= 0 && ++looksSinceDelete[0] >= 2) {
            region.remove("arn:lb");
          }
          return runId.equals(RUN) ? List.copyOf(region.values()) : List.of();
        },
        removal,
        states,
        (runId, l) ->
            l.kind().equals("elasticache-subnet-group")
                ? Optional.of("the emulator cannot delete it")
                : Optional.empty(),
        Duration.ofSeconds(20),
        Duration.ofMillis(10));
  }

  private static AwsServiceException answer(String code) {
    return AwsServiceException.builder()
        .statusCode(400)
        .message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
        .build();
  }

  private static ReapPlan.Run run(Action action) {
    return new ReapPlan.Run(RUN, action, "as the test says", List.of(), Optional.empty());
  }

  @Test
  void aKilledRunIsUnlockedDestroyedAndItsUntrackedResourcesRemovedUntilGone() {
    put("vpc", "vpc-1");
    put("load-balancer", "arn:lb");
    put("target-group", "arn:tg");

    List<String> still = reaper().reap(run(Action.UNLOCK_AND_DESTROY));

    assertThat(still).isEmpty();
    assertThat(region).isEmpty();
    assertThat(done)
        .as("what the reaper did, in order")
        .startsWith("unlock " + RUN, "delete load balancer", "destroy " + RUN)
        .endsWith("delete target group");
  }

  @Test
  void aFailedDestroyRunsOnceMoreAfterTheRemoval() {
    put("vpc", "vpc-1");
    put("load-balancer", "arn:lb");
    destroyFails = true;

    assertThat(reaper().reap(run(Action.DESTROY_FROM_STATE))).isEmpty();
    assertThat(done).filteredOn(d -> d.startsWith("destroy")).hasSize(2);
    assertThat(done).doesNotContain("unlock " + RUN);
  }

  @Test
  void whatIsExpectedToStayIsReportedNotWaitedForAndWhatIsLeftIsAnswered() {
    put("elasticache-subnet-group", "guestbook-gb-old");
    put("vpc", "vpc-2"); // its delete refused for good

    List<String> still = reaper().reap(run(Action.REMOVE_BY_TAG));

    assertThat(done).noneMatch(d -> d.startsWith("destroy") || d.startsWith("unlock"));
    assertThat(still).containsExactly(RUN + ": vpc vpc-2 {RunId=" + RUN + "}");
  }

  @Test
  void decisionsThatLeaveARunAloneTouchNothing() {
    put("load-balancer", "arn:lb");
    for (Action leave :
        List.of(Action.LEAVE_YOUNG, Action.LEAVE_LOCKED, Action.LEAVE_AGE_UNKNOWN)) {
      assertThat(reaper().reap(run(leave))).isEmpty();
    }
    assertThat(done).isEmpty();
    assertThat(region).containsKey("arn:lb");
  }
}
