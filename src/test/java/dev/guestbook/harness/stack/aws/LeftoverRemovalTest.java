package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.aws.AwsSweep.Leftover;
import dev.guestbook.harness.stack.aws.LeftoverRemoval.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Removal by tag over a region that answers as AWS does while it deletes asynchronously: what
 * depends on a resource is refused "in use" until it is gone, refusals for good end the passes at
 * once, a bound ends them otherwise — against stand-in clients and a made-up region.
 */
class LeftoverRemovalTest {

  private static final Duration POLL = Duration.ofMillis(10);

  /** The region: id → leftover; deletes take effect as the stand-ins below say. */
  private final Map<String, Leftover> region = new LinkedHashMap<>();

  private final List<String> calls = new ArrayList<>();

  private Leftover put(String kind, String id) {
    Leftover l = new Leftover(kind, id, Map.of("RunId", "gb-r"));
    region.put(id, l);
    return l;
  }

  private List<Leftover> find() {
    return List.copyOf(region.values());
  }

  private static AwsServiceException answer(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message(code + ": as AWS says it")
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(code + ": as AWS says it")
                .build())
        .build();
  }

  private LeftoverRemoval removal(
      BiFunction<String, Object, Object> elb,
      BiFunction<String, Object, Object> ec2,
      BiFunction<String, Object, Object> ecs) {
    return new LeftoverRemoval(
        new AwsClients(
            Region.US_EAST_1,
            StandInClients.client(StsClient.class, (n, r) -> null),
            StandInClients.client(EcsClient.class, ecs),
            StandInClients.client(ElasticLoadBalancingV2Client.class, elb),
            StandInClients.client(EcrClient.class, (n, r) -> null),
            StandInClients.client(CloudWatchLogsClient.class, (n, r) -> null),
            StandInClients.client(Ec2Client.class, ec2),
            StandInClients.client(ElastiCacheClient.class, (n, r) -> null)));
  }

  @Test
  void whatIsInUseUntilItsDependentIsGoneIsRemovedByALaterPass() {
    put("target-group", "arn:tg");
    put("load-balancer", "arn:lb");
    int[] lbDeletes = {0};
    BiFunction<String, Object, Object> elb =
        (name, request) -> {
          if (request instanceof DeleteLoadBalancerRequest) {
            // accepted; the load balancer is gone only after the next look, as AWS's takes time
            if (++lbDeletes[0] == 2) {
              region.remove("arn:lb");
            }
          } else if (request instanceof DeleteTargetGroupRequest) {
            if (region.containsKey("arn:lb")) {
              throw answer(400, "ResourceInUse");
            }
            region.remove("arn:tg");
          }
          return null;
        };

    LeftoverRemoval.Report report =
        removal(elb, (n, r) -> null, (n, r) -> null)
            .untilGone("gb-r", this::find, Duration.ofSeconds(20), POLL);

    assertThat(region).isEmpty();
    assertThat(report.notRemoved()).isEmpty();
    assertThat(report.passes()).as("passes that found something to delete").isEqualTo(2);
    assertThat(report.removed())
        .extracting(Leftover::id)
        .containsExactlyInAnyOrder("arn:lb", "arn:tg");
  }

  @Test
  void refusalsForGoodEndThePassesAtOnceWithAwsAnswer() {
    put("vpc", "vpc-1");
    BiFunction<String, Object, Object> ec2 =
        (name, request) -> {
          calls.add(name);
          throw answer(403, "UnauthorizedOperation");
        };

    LeftoverRemoval.Report report =
        removal((n, r) -> null, ec2, (n, r) -> null)
            .untilGone("gb-r", this::find, Duration.ofMinutes(5), POLL);

    assertThat(report.passes()).isEqualTo(1);
    assertThat(calls).containsExactly("deleteVpc");
    assertThat(report.notRemoved())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(Outcome.REFUSED);
              assertThat(a.toString()).contains("vpc-1", "UnauthorizedOperation");
            });
  }

  @Test
  void aDependentThatNeverGoesIsReportedWhenTheBoundEnds() {
    put("vpc", "vpc-1");
    put("security-group", "sg-shared"); // an interface of another account uses it: for good
    BiFunction<String, Object, Object> ec2 =
        (name, request) -> {
          if (request instanceof DeleteVpcRequest) {
            throw answer(400, "DependencyViolation");
          }
          throw answer(400, "InvalidGroup.InUse.ByAnotherAccount");
        };

    LeftoverRemoval.Report report =
        removal((n, r) -> null, ec2, (n, r) -> null)
            .untilGone("gb-r", this::find, Duration.ofMillis(300), POLL);

    assertThat(report.passes()).isGreaterThan(1);
    assertThat(report.notRemoved())
        .extracting(a -> a.leftover().id() + " " + a.outcome() + " " + a.answer())
        .satisfiesExactly(
            a -> assertThat(a).startsWith("sg-shared REFUSED InvalidGroup.InUse.ByAnotherAccount"),
            a -> assertThat(a).startsWith("vpc-1 WAIT DependencyViolation: as AWS says it"));
  }

  @Test
  void anEcsClustersServicesAreDeletedForcedBeforeTheCluster() {
    put("ecs-cluster", "arn:cluster");
    BiFunction<String, Object, Object> ecs =
        (name, request) -> {
          calls.add(name);
          return switch (name) {
            case "listServices" ->
                ListServicesResponse.builder().serviceArns("arn:svc-1", "arn:svc-draining").build();
            case "deleteService" -> {
              DeleteServiceRequest delete = (DeleteServiceRequest) request;
              assertThat(delete.force()).isTrue();
              assertThat(delete.cluster())
                  .as("the cluster of the service")
                  .isEqualTo("arn:cluster");
              if (delete.service().endsWith("draining")) {
                throw ServiceNotActiveException.builder().message("Service was not ACTIVE").build();
              }
              yield null;
            }
            case "deleteCluster" -> {
              region.remove("arn:cluster");
              yield null;
            }
            default -> null;
          };
        };

    LeftoverRemoval.Report report =
        removal((n, r) -> null, (n, r) -> null, ecs)
            .untilGone("gb-r", this::find, Duration.ofSeconds(20), POLL);

    assertThat(calls)
        .containsExactly("listServices", "deleteService", "deleteService", "deleteCluster");
    assertThat(report.removed()).extracting(Leftover::id).containsExactly("arn:cluster");
  }

  @Test
  void securityGroupsThatNameEachOtherLoseTheirRulesFirstAndBothGo() {
    put("security-group", "sg-alb");
    put("security-group", "sg-service");
    // each group's rules name the other; a group some rule still names cannot be deleted
    Map<String, String> names =
        new LinkedHashMap<>(Map.of("sg-alb", "sg-service", "sg-service", "sg-alb"));
    BiFunction<String, Object, Object> ec2 =
        (name, request) -> {
          calls.add(name);
          return switch (name) {
            case "describeSecurityGroups" -> {
              String id = ((DescribeSecurityGroupsRequest) request).groupIds().get(0);
              var group = SecurityGroup.builder().groupId(id);
              if (names.containsKey(id)) {
                group.ipPermissions(
                    IpPermission.builder()
                        .ipProtocol("tcp")
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(names.get(id)).build())
                        .build());
              }
              yield DescribeSecurityGroupsResponse.builder().securityGroups(group.build()).build();
            }
            case "revokeSecurityGroupIngress" -> {
              names.remove(((RevokeSecurityGroupIngressRequest) request).groupId());
              yield null;
            }
            case "deleteSecurityGroup" -> {
              String id = ((DeleteSecurityGroupRequest) request).groupId();
              if (names.containsValue(id)) {
                throw answer(400, "DependencyViolation");
              }
              region.remove(id);
              yield null;
            }
            default -> null;
          };
        };

    LeftoverRemoval.Report report =
        removal((n, r) -> null, ec2, (n, r) -> null)
            .untilGone("gb-r", this::find, Duration.ofSeconds(20), POLL);

    assertThat(region).isEmpty();
    assertThat(report.notRemoved()).isEmpty();
    assertThat(report.passes()).isLessThanOrEqualTo(2);
    assertThat(calls).doesNotContain("revokeSecurityGroupEgress");
  }

  @Test
  void anAddressWhoseNatGatewayIsStillDeletingIsWaitedFor() {
    put("elastic-ip", "eipalloc-1");
    int[] tries = {0};
    BiFunction<String, Object, Object> ec2 =
        (name, request) -> {
          if (request instanceof ReleaseAddressRequest) {
            if (++tries[0] < 3) {
              throw answer(400, "AuthFailure"); // what EC2 answers while the NAT gateway goes
            }
            region.remove("eipalloc-1");
          }
          return null;
        };

    LeftoverRemoval.Report report =
        removal((n, r) -> null, ec2, (n, r) -> null)
            .untilGone("gb-r", this::find, Duration.ofSeconds(20), POLL);

    assertThat(region).isEmpty();
    assertThat(report.passes()).isEqualTo(3);
  }

  @Test
  void everyInUseOrInProgressAnswerIsWaitedFor() {
    for (String code : LeftoverRemoval.LATER) {
      assertThat(LeftoverRemoval.outcome(answer(400, code))).as(code).isEqualTo(Outcome.WAIT);
    }
    assertThat(LeftoverRemoval.outcome("elastic-ip", answer(400, "AuthFailure")))
        .isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome("vpc", answer(400, "AuthFailure")))
        .isEqualTo(Outcome.REFUSED);
  }

  @Test
  void answersAreTakenAsGoneForNowOrForGood() {
    assertThat(LeftoverRemoval.outcome(answer(400, "InvalidVpcID.NotFound")))
        .isEqualTo(Outcome.GONE);
    assertThat(LeftoverRemoval.outcome(answer(404, "CacheClusterNotFound")))
        .isEqualTo(Outcome.GONE);
    assertThat(LeftoverRemoval.outcome(answer(400, "CacheSubnetGroupInUse")))
        .isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(answer(400, "InvalidCacheClusterState")))
        .isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(answer(400, "ClusterContainsTasksException")))
        .isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(answer(503, "ServiceUnavailable"))).isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(answer(400, "Throttling"))).isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(SdkClientException.create("connection reset")))
        .isEqualTo(Outcome.WAIT);
    assertThat(LeftoverRemoval.outcome(answer(400, "AccessDenied"))).isEqualTo(Outcome.REFUSED);
    assertThat(LeftoverRemoval.outcome(answer(400, "UnauthorizedOperation")))
        .isEqualTo(Outcome.REFUSED);
  }
}
