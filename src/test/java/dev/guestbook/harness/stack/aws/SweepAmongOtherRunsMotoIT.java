package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Proof (c) of the unattended runs: removal by tag of one run, in a region that also holds another
 * run of this project half deleted (its teardown cut short: load balancer, ECS service and cluster,
 * NAT gateway and cache cluster deleted or deleting; its network, target group, subnet group,
 * repository, log groups and address still there) and another project's resources, against moto.
 * The run's own resources go, dependents first, an ECS service before its cluster; nothing of the
 * other run or the other project changes, read through the services' own listings, not the sweep.
 * The sweep and the removal run under the CI role's policy, IAM enforced ({@link
 * MotoBacked#enforce}); {@code BDI_POLICY_WITHOUT=ecs:DeleteService} turns it red naming the
 * action.
 */
class SweepAmongOtherRunsMotoIT extends MotoBacked {

  private static final String MINE = "gb-mine";
  private static final String HALF = "gb-half";
  private static final String LIVE = "gb-live";

  SweepAmongOtherRunsMotoIT() {
    super("the sweep among other runs");
  }

  @Test
  void aRunIsRemovedByTagAndAnotherRunsHalfDeletedResourcesAreNotTouched() {
    Run mineRun = createRun(MINE, 81);
    Run half = createRun(HALF, 82);
    halfDelete(half);
    // another run going on now, same project and prefix: its load balancer and all else are live
    createRun(LIVE, 83);
    // another project in the same account: never asked for, never touched
    String payments =
        ec2.createVpc(b -> b.cidrBlock("10.90.0.0/16").tagSpecifications(tags("vpc", "payments")))
            .vpc()
            .vpcId();
    ec2.createSecurityGroup(
        b -> b.vpcId(payments).groupName("payments-prod").description("another project"));
    clients.ecs().createCluster(b -> b.clusterName("payments-prod"));
    clients
        .ecs()
        .createService(
            b ->
                b.cluster("payments-prod")
                    .serviceName("payments-prod")
                    .taskDefinition(taskDefinition("payments-prod"))
                    .desiredCount(2)
                    .launchType(LaunchType.FARGATE));

    // from here IAM is enforced: the sweep and the removal run as the CI role's policy allows,
    // the test's own look at the region is the account owner's (the auditor)
    AwsClients ci = enforce();
    AwsSweep sweep = new AwsSweep(ci, "guestbook");
    // this run's resources as the test made them, not as the sweep finds them
    Set<String> mine = mineRun.made();
    Set<String> othersBefore = without(region(), mine);
    assertThat(sweep.find(MINE))
        .as("this run's resources, found by tag: only what the test made for it")
        .hasSizeGreaterThanOrEqualTo(15)
        .allMatch(l -> mine.stream().anyMatch(l.id()::contains));
    assertThat(othersBefore)
        .as("the other run's half-deleted resources, seen by the services' own listings")
        .anyMatch(r -> r.contains("guestbook-gb-half") && r.contains("deleting"))
        .anyMatch(r -> r.startsWith("ecs-cluster") && r.contains("INACTIVE"))
        .anyMatch(r -> r.startsWith("target-group") && r.contains("gb-half"))
        .anyMatch(r -> r.startsWith("load-balancer") && r.contains("guestbook-gb-live"));

    boolean deletesSubnetGroups =
        EmulatorLimits.deletesCacheSubnetGroups(ci.elastiCache(), "guestbook");
    assertThat(deletesSubnetGroups)
        .as("moto 5.2.4 seen not to carry out DeleteCacheSubnetGroup (HTTP 500)")
        .isFalse();
    Predicate<AwsSweep.Leftover> stays =
        l ->
            EmulatorLimits.expectedLeftover(l, "guestbook-" + MINE, deletesSubnetGroups)
                .isPresent();
    LeftoverRemoval.Report report =
        new LeftoverRemoval(ci)
            .untilGone(
                MINE,
                () -> sweep.find(MINE).stream().filter(stays.negate()).toList(),
                Duration.ofSeconds(60),
                Duration.ofMillis(250));

    assertThat(report.notRemoved())
        .as("what the removal could not delete (the emulator's refusals: %s)", denials())
        .isEmpty();
    assertThat(denials()).as("calls the CI role's policy refused").isEmpty();
    assertThat(report.passes())
        .as("passes: dependents first, so at most one to wait")
        .isLessThanOrEqualTo(2);
    assertThat(sweep.find(MINE))
        .as("this run's resources after the removal (the emulator's known limits aside)")
        .allMatch(stays);
    assertThat(without(region(), mine))
        .as("everything that is not this run's, before and after its removal")
        .isEqualTo(othersBefore);
    assertThat(region())
        .as(
            "this run's resources still in the region: what AWS is removing by itself (a deleted"
                + " cluster's and service's echo, caches and NAT gateways deleting), and the"
                + " emulator's known limit")
        .filteredOn(r -> mine.stream().anyMatch(r::contains))
        .allMatch(
            r ->
                r.startsWith("elasticache-subnet-group guestbook-" + MINE)
                    || r.endsWith(" INACTIVE")
                    || r.endsWith(" deleting")
                    || r.endsWith(" deleted")
                    || r.endsWith(" DRAINING"));
  }

  /**
   * What one run creates: its network, front door, service, cache, repository and logs; {@code
   * made} holds their EC2 ids and the name every other resource carries ({@code guestbook-<id>}).
   */
  private record Run(
      String runId, String lb, String cluster, String nat, String name, Set<String> made) {}

  private Run createRun(String runId, int octet) {
    String name = "guestbook-" + runId;
    String vpc =
        ec2.createVpc(
                b -> b.cidrBlock("10." + octet + ".0.0/16").tagSpecifications(tags("vpc", runId)))
            .vpc()
            .vpcId();
    String subnetA = subnet(runId, vpc, "10." + octet + ".1.0/24", "us-east-1a");
    String subnetB = subnet(runId, vpc, "10." + octet + ".2.0/24", "us-east-1b");
    String group =
        ec2.createSecurityGroup(
                b ->
                    b.vpcId(vpc)
                        .groupName(name + "-alb")
                        .description("front door")
                        .tagSpecifications(tags("security-group", runId)))
            .groupId();
    String service =
        ec2.createSecurityGroup(
                b ->
                    b.vpcId(vpc)
                        .groupName(name + "-service")
                        .description("app tasks")
                        .tagSpecifications(tags("security-group", runId)))
            .groupId();
    // the groups name each other, as Terraform's alb and service groups do
    ec2.authorizeSecurityGroupIngress(
        b ->
            b.groupId(service)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(3000)
                            .toPort(3000)
                            .userIdGroupPairs(g -> g.groupId(group))));
    ec2.authorizeSecurityGroupEgress(
        b ->
            b.groupId(group)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(3000)
                            .toPort(3000)
                            .userIdGroupPairs(g -> g.groupId(service))));
    String gateway =
        ec2.createInternetGateway(b -> b.tagSpecifications(tags("internet-gateway", runId)))
            .internetGateway()
            .internetGatewayId();
    ec2.attachInternetGateway(b -> b.internetGatewayId(gateway).vpcId(vpc));
    String table =
        ec2.createRouteTable(b -> b.vpcId(vpc).tagSpecifications(tags("route-table", runId)))
            .routeTable()
            .routeTableId();
    // associated with a subnet, as Terraform's public table is: removed only once disassociated
    ec2.associateRouteTable(b -> b.routeTableId(table).subnetId(subnetA));
    String address =
        ec2.allocateAddress(b -> b.domain("vpc").tagSpecifications(tags("elastic-ip", runId)))
            .allocationId();
    String nat =
        ec2.createNatGateway(
                b ->
                    b.subnetId(subnetA)
                        .allocationId(address)
                        .tagSpecifications(tags("natgateway", runId)))
            .natGateway()
            .natGatewayId();
    var elbTag =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
            .key("RunId")
            .value(runId)
            .build();
    var elbProject =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
            .key("Project")
            .value("guestbook")
            .build();
    String lb =
        clients
            .elb()
            .createLoadBalancer(
                b ->
                    b.name(name)
                        .subnets(subnetA, subnetB)
                        .securityGroups(group)
                        .tags(elbTag, elbProject))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    clients
        .elb()
        .createTargetGroup(
            b ->
                b.name(name)
                    .targetType(TargetTypeEnum.IP)
                    .protocol("HTTP")
                    .port(3000)
                    .vpcId(vpc)
                    .tags(elbTag));
    String cluster =
        clients
            .ecs()
            .createCluster(
                b ->
                    b.clusterName(name)
                        .tags(
                            software.amazon.awssdk.services.ecs.model.Tag.builder()
                                .key("RunId")
                                .value(runId)
                                .build()))
            .cluster()
            .clusterArn();
    String taskDefinition = taskDefinition(name);
    clients
        .ecs()
        .createService(
            b ->
                b.cluster(name)
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(2)
                    .launchType(LaunchType.FARGATE));
    var cacheTag =
        software.amazon.awssdk.services.elasticache.model.Tag.builder()
            .key("RunId")
            .value(runId)
            .build();
    clients
        .elastiCache()
        .createCacheSubnetGroup(
            b ->
                b.cacheSubnetGroupName(name)
                    .cacheSubnetGroupDescription("cache")
                    .subnetIds(subnetA, subnetB)
                    .tags(cacheTag));
    clients
        .elastiCache()
        .createCacheCluster(
            b ->
                b.cacheClusterId(name)
                    .engine("redis")
                    .cacheNodeType("cache.t4g.micro")
                    .numCacheNodes(1)
                    .cacheSubnetGroupName(name)
                    .tags(cacheTag));
    clients
        .ecr()
        .createRepository(
            b ->
                b.repositoryName(name)
                    .tags(
                        software.amazon.awssdk.services.ecr.model.Tag.builder()
                            .key("RunId")
                            .value(runId)
                            .build()));
    clients.logs().createLogGroup(b -> b.logGroupName("/ecs/" + name).tags(Map.of("RunId", runId)));
    // Container Insights' group, as ECS recreates it: untagged
    clients
        .logs()
        .createLogGroup(b -> b.logGroupName("/aws/ecs/containerinsights/" + name + "/performance"));
    return new Run(
        runId,
        lb,
        cluster,
        nat,
        name,
        Set.of(name, vpc, subnetA, subnetB, group, service, gateway, table, address, nat));
  }

  /** A teardown cut short: what AWS deletes asynchronously is deleted, or deleting. */
  private void halfDelete(Run run) {
    clients.elb().deleteLoadBalancer(b -> b.loadBalancerArn(run.lb()));
    clients.ecs().deleteService(b -> b.cluster(run.cluster()).service(run.name()).force(true));
    clients.ecs().deleteCluster(b -> b.cluster(run.cluster()));
    ec2.deleteNatGateway(b -> b.natGatewayId(run.nat()));
    clients.elastiCache().deleteCacheCluster(b -> b.cacheClusterId(run.name()));
  }

  private String taskDefinition(String family) {
    return clients
        .ecs()
        .registerTaskDefinition(
            b ->
                b.family(family)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c -> c.name("guestbook").image("guestbook:1").essential(true)))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private String subnet(String runId, String vpc, String cidr, String zone) {
    return ec2.createSubnet(
            b ->
                b.vpcId(vpc)
                    .cidrBlock(cidr)
                    .availabilityZone(zone)
                    .tagSpecifications(tags("subnet", runId)))
        .subnet()
        .subnetId();
  }

  private static TagSpecification tags(String type, String runId) {
    return TagSpecification.builder()
        .resourceType(ResourceType.fromValue(type))
        .tags(
            Tag.builder().key("RunId").value(runId).build(),
            Tag.builder()
                .key("Project")
                .value(runId.startsWith("gb-") ? "guestbook" : runId)
                .build())
        .build();
  }

  private static Set<String> without(Set<String> region, Set<String> ids) {
    Set<String> out = new TreeSet<>(region);
    out.removeIf(r -> ids.stream().anyMatch(r::contains));
    return out;
  }

  /**
   * Every resource of the kinds the sweep knows, as each service lists it ({@code kind id state},
   * with its VPC: a VPC's default security group and main route table go with it), read without the
   * sweep.
   */
  private Set<String> region() {
    Set<String> seen = new TreeSet<>();
    ec2.describeVpcs().vpcs().forEach(v -> seen.add("vpc " + v.vpcId() + " " + v.state()));
    ec2.describeSubnets()
        .subnets()
        .forEach(v -> seen.add("subnet " + v.subnetId() + " in " + v.vpcId()));
    ec2.describeSecurityGroups()
        .securityGroups()
        .forEach(
            v ->
                seen.add(
                    "security-group "
                        + v.groupId()
                        + " "
                        + v.groupName()
                        + " in "
                        + v.vpcId()
                        + " rules "
                        + v.ipPermissions()
                        + " "
                        + v.ipPermissionsEgress()));
    ec2.describeInternetGateways()
        .internetGateways()
        .forEach(
            v -> seen.add("internet-gateway " + v.internetGatewayId() + " " + v.attachments()));
    ec2.describeRouteTables()
        .routeTables()
        .forEach(
            v ->
                seen.add(
                    "route-table "
                        + v.routeTableId()
                        + " in "
                        + v.vpcId()
                        + " for "
                        + v.associations().stream()
                            .map(a -> a.routeTableAssociationId() + ":" + a.subnetId())
                            .sorted()
                            .toList()));
    ec2.describeAddresses()
        .addresses()
        .forEach(v -> seen.add("elastic-ip " + v.allocationId() + " " + v.associationId()));
    ec2.describeNatGateways()
        .natGateways()
        .forEach(v -> seen.add("natgateway " + v.natGatewayId() + " " + v.stateAsString()));
    clients
        .elb()
        .describeLoadBalancers()
        .loadBalancers()
        .forEach(v -> seen.add("load-balancer " + v.loadBalancerArn()));
    clients
        .elb()
        .describeTargetGroups()
        .targetGroups()
        .forEach(v -> seen.add("target-group " + v.targetGroupArn()));
    var arns = clients.ecs().listClusters().clusterArns();
    clients
        .ecs()
        .describeClusters(b -> b.clusters(arns))
        .clusters()
        .forEach(v -> seen.add("ecs-cluster " + v.clusterArn() + " " + v.status()));
    for (String cluster : arns) {
      clients
          .ecs()
          .listServices(b -> b.cluster(cluster))
          .serviceArns()
          .forEach(
              service ->
                  clients
                      .ecs()
                      .describeServices(b -> b.cluster(cluster).services(service))
                      .services()
                      .forEach(
                          v ->
                              seen.add(
                                  "ecs-service "
                                      + v.serviceArn()
                                      + " in "
                                      + cluster
                                      + " "
                                      + v.status())));
    }
    clients
        .elastiCache()
        .describeCacheClusters()
        .cacheClusters()
        .forEach(
            v ->
                seen.add(
                    "elasticache-cluster " + v.cacheClusterId() + " " + v.cacheClusterStatus()));
    clients
        .elastiCache()
        .describeCacheSubnetGroups()
        .cacheSubnetGroups()
        .forEach(v -> seen.add("elasticache-subnet-group " + v.cacheSubnetGroupName()));
    clients
        .ecr()
        .describeRepositories()
        .repositories()
        .forEach(v -> seen.add("ecr-repository " + v.repositoryArn()));
    clients.logs().describeLogGroups().logGroups().stream()
        .map(LogGroup::logGroupName)
        .forEach(name -> seen.add("log-group " + name));
    return seen;
  }
}
