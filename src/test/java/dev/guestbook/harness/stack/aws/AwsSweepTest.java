package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The sweep over a region that holds other runs, other projects and resources that vanish between
 * the listing and the per-item call, against stand-in clients (every call not answered here gets an
 * empty answer).
 */
class AwsSweepTest {

  private final List<String> askedForTags = new ArrayList<>();

  private AwsSweep sweep() {
    return sweep(null);
  }

  private AwsSweep sweep(ElastiCacheClient caches) {
    return sweep(caches, null);
  }

  private AwsSweep sweep(ElastiCacheClient caches, CloudWatchLogsClient logGroups) {
    ElasticLoadBalancingV2Client elb =
        StandInClients.client(
            ElasticLoadBalancingV2Client.class,
            (name, request) ->
                switch (name) {
                  case "describeLoadBalancers" ->
                      DescribeLoadBalancersResponse.builder()
                          .loadBalancers(
                              lb("guestbook-gb-a"),
                              lb("guestbook-gb-gone"),
                              lb("payments-prod"),
                              // another run of this project, same prefix: RunId gb-b
                              lb("guestbook-gb-b"))
                          .build();
                  case "describeTags" ->
                      elbTags(((DescribeTagsRequest) request).resourceArns().get(0));
                  default -> null;
                });
    ElastiCacheClient cache =
        StandInClients.client(
            ElastiCacheClient.class,
            (name, request) ->
                switch (name) {
                  case "describeCacheClusters" ->
                      DescribeCacheClustersResponse.builder()
                          .cacheClusters(
                              CacheCluster.builder()
                                  .cacheClusterId("guestbook-gb-b")
                                  .arn("arn:cache:guestbook-gb-b")
                                  .cacheClusterStatus("available")
                                  .build())
                          .build();
                  case "listTagsForResource" -> {
                    askedForTags.add(((ListTagsForResourceRequest) request).resourceName());
                    throw CacheClusterNotFoundException.builder()
                        .message("CacheCluster not found: guestbook-gb-b")
                        .build();
                  }
                  default -> null;
                });
    CloudWatchLogsClient logs =
        StandInClients.client(
            CloudWatchLogsClient.class,
            (name, request) ->
                switch (name) {
                  case "describeLogGroups" -> {
                    String prefix = ((DescribeLogGroupsRequest) request).logGroupNamePrefix();
                    yield DescribeLogGroupsResponse.builder()
                        .logGroups(
                            prefix.startsWith("/aws/ecs/containerinsights/")
                                ? List.of(
                                    LogGroup.builder()
                                        .logGroupName(prefix + "gb-a/performance")
                                        .build(),
                                    LogGroup.builder()
                                        .logGroupName(prefix + "gb-b/performance")
                                        .build())
                                : List.of())
                        .build();
                  }
                  case "listTagsLogGroup" ->
                      ListTagsLogGroupResponse.builder()
                          .tags(Map.of())
                          .build(); // recreated untagged
                  default -> null;
                });
    AwsClients clients =
        new AwsClients(
            Region.US_EAST_1,
            StandInClients.client(StsClient.class, (n, r) -> null),
            StandInClients.client(EcsClient.class, (n, r) -> null),
            elb,
            StandInClients.client(EcrClient.class, (n, r) -> null),
            logGroups != null ? logGroups : logs,
            StandInClients.client(Ec2Client.class, (n, r) -> null),
            caches != null ? caches : cache);
    return new AwsSweep(clients, "guestbook");
  }

  private static LoadBalancer lb(String name) {
    return LoadBalancer.builder().loadBalancerName(name).loadBalancerArn("arn:lb:" + name).build();
  }

  private DescribeTagsResponse elbTags(String arn) {
    askedForTags.add(arn);
    if (arn.endsWith("gone")) {
      throw LoadBalancerNotFoundException.builder()
          .message("One or more load balancers not found")
          .build();
    }
    String run = arn.substring(arn.lastIndexOf('-') + 1);
    return DescribeTagsResponse.builder()
        .tagDescriptions(
            TagDescription.builder()
                .resourceArn(arn)
                .tags(
                    Tag.builder().key("RunId").value("gb-" + run).build(),
                    Tag.builder().key("Project").value("guestbook").build())
                .build())
        .build();
  }

  @Test
  void oneResourceThatVanishedIsReportedAndTheSweepGoesOn() {
    AwsSweep.Survey survey = sweep().survey("gb-a");

    assertThat(survey.found())
        .extracting(AwsSweep.Leftover::id)
        .containsExactly(
            "arn:lb:guestbook-gb-a", "/aws/ecs/containerinsights/guestbook-gb-a/performance");
    assertThat(survey.unreadable())
        .containsExactly(
            "load balancer guestbook-gb-gone: One or more load balancers not found",
            "cache cluster guestbook-gb-b: CacheCluster not found: guestbook-gb-b");
  }

  @Test
  void onlyThisProjectsNamesAreAskedForTagsAndOtherRunsAreNotFound() {
    AwsSweep.Survey survey = sweep().survey("gb-a");

    assertThat(askedForTags).doesNotContain("arn:lb:payments-prod");
    assertThat(askedForTags)
        .as("another run's load balancer is read")
        .contains("arn:lb:guestbook-gb-b");
    assertThat(survey.found())
        .extracting(AwsSweep.Leftover::id)
        .as("run gb-a's leftovers, beside run gb-b's load balancer (same project and prefix)")
        .noneMatch(id -> id.contains("gb-b"));
  }

  @Test
  void containerInsightsGroupsAreFoundByNameForEveryRunWhenAllAreSwept() {
    assertThat(sweep().survey("all").found())
        .extracting(AwsSweep.Leftover::id)
        .contains(
            "/aws/ecs/containerinsights/guestbook-gb-a/performance",
            "/aws/ecs/containerinsights/guestbook-gb-b/performance");
  }

  @Test
  void onlyThisRunsClustersThatAreStillCreatingOrModifyingHoldUpTeardown() {
    ElastiCacheClient caches =
        StandInClients.client(
            ElastiCacheClient.class,
            (name, request) ->
                switch (name) {
                  case "describeCacheClusters" ->
                      DescribeCacheClustersResponse.builder()
                          .cacheClusters(
                              cluster("guestbook-gb-a", "creating"),
                              cluster("guestbook-gb-a2", "available"),
                              cluster("guestbook-gb-b", "modifying"),
                              cluster("payments-prod", "creating"))
                          .build();
                  case "listTagsForResource" -> {
                    String arn = ((ListTagsForResourceRequest) request).resourceName();
                    askedForTags.add(arn);
                    String run = arn.substring("arn:cache:guestbook-".length()).replace("a2", "a");
                    yield software.amazon.awssdk.services.elasticache.model
                        .ListTagsForResourceResponse.builder()
                        .tagList(
                            software.amazon.awssdk.services.elasticache.model.Tag.builder()
                                .key("RunId")
                                .value(run)
                                .build())
                        .build();
                  }
                  default -> null;
                });

    assertThat(sweep(caches).cachesSettling("gb-a")).containsExactly("guestbook-gb-a creating");
    assertThat(askedForTags).doesNotContain("arn:cache:payments-prod");
  }

  private static CacheCluster cluster(String id, String status) {
    return CacheCluster.builder()
        .cacheClusterId(id)
        .arn("arn:cache:" + id)
        .cacheClusterStatus(status)
        .build();
  }

  @Test
  void afterDestroyContainerInsightsGroupThatEcsWroteAgainIsDeletedAndNoLeftover() {
    String insights = "/aws/ecs/containerinsights/guestbook-gb-a/performance";
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    // ECS's late events after the cluster's deletion recreate the group, without Terraform's tags
    groups.put(insights, Map.of());
    groups.put("/aws/ecs/containerinsights/guestbook-gb-b/performance", Map.of());
    List<String> deleted = new ArrayList<>();
    CloudWatchLogsClient logs =
        StandInClients.client(
            CloudWatchLogsClient.class,
            (name, request) ->
                switch (name) {
                  case "describeLogGroups" -> {
                    String prefix = ((DescribeLogGroupsRequest) request).logGroupNamePrefix();
                    yield DescribeLogGroupsResponse.builder()
                        .logGroups(
                            groups.keySet().stream()
                                .filter(g -> g.startsWith(prefix))
                                .map(g -> LogGroup.builder().logGroupName(g).build())
                                .toList())
                        .build();
                  }
                  case "listTagsLogGroup" ->
                      ListTagsLogGroupResponse.builder()
                          .tags(groups.get(((ListTagsLogGroupRequest) request).logGroupName()))
                          .build();
                  case "deleteLogGroup" -> {
                    String group = ((DeleteLogGroupRequest) request).logGroupName();
                    deleted.add(group);
                    groups.remove(group);
                    yield null;
                  }
                  default -> null;
                });
    ElastiCacheClient noCaches = StandInClients.client(ElastiCacheClient.class, (n, r) -> null);

    List<AwsSweep.Leftover> left = sweep(noCaches, logs).afterDestroy("gb-a");

    assertThat(left).extracting(AwsSweep.Leftover::id).doesNotContain(insights);
    assertThat(deleted).as("only this run's group").containsExactly(insights);
  }

  @Test
  void afterDestroyTerraformsOwnTaggedInsightsGroupIsStillALeftover() {
    String insights = "/aws/ecs/containerinsights/guestbook-gb-a/performance";
    List<String> deleted = new ArrayList<>();
    CloudWatchLogsClient logs =
        StandInClients.client(
            CloudWatchLogsClient.class,
            (name, request) ->
                switch (name) {
                  case "describeLogGroups" ->
                      DescribeLogGroupsResponse.builder()
                          .logGroups(
                              ((DescribeLogGroupsRequest) request)
                                      .logGroupNamePrefix()
                                      .startsWith("/aws/ecs/containerinsights/")
                                  ? List.of(LogGroup.builder().logGroupName(insights).build())
                                  : List.of())
                          .build();
                  case "listTagsLogGroup" ->
                      ListTagsLogGroupResponse.builder().tags(Map.of("RunId", "gb-a")).build();
                  case "deleteLogGroup" -> {
                    deleted.add(((DeleteLogGroupRequest) request).logGroupName());
                    yield null;
                  }
                  default -> null;
                });
    ElastiCacheClient noCaches = StandInClients.client(ElastiCacheClient.class, (n, r) -> null);

    assertThat(sweep(noCaches, logs).afterDestroy("gb-a"))
        .extracting(AwsSweep.Leftover::id)
        .contains(insights);
    assertThat(deleted).as("what destroy left is reported, not removed here").isEmpty();
  }
}
