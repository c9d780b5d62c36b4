package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The AWS drivers' SDK calls against moto (5.2.4), a local AWS API emulator in a container this
 * test starts: the calls are well-formed and their answers parsed. moto never starts ECS tasks, so
 * the healthy and failing rollouts themselves are covered by {@link RolloutJudgeTest}.
 */
class AwsDriversMotoIT extends MotoBacked {

  AwsDriversMotoIT() {
    super("the moto-backed driver tests");
  }

  @Test
  void preflightIdentityComesFromSts() {
    var me = AwsPreflight.identity(clients);
    assertThat(me.account()).isEqualTo("123456789012");
    assertThat(me.arn()).startsWith("arn:aws:");
  }

  @Test
  void ecrLoginDecodesTheTokenAndNeverPrintsThePassword() {
    clients.ecr().createRepository(b -> b.repositoryName("guestbook-moto-1"));
    ImagePublisher.RegistryLogin login = ImagePublisher.ecrLogin(clients.ecr());
    assertThat(login.user()).isEqualTo("AWS");
    assertThat(login.password()).isNotBlank();
    assertThat(login.registry()).contains("dkr.ecr.us-east-1.amazonaws.com");
    assertThat(login.toString()).doesNotContain(login.password()).contains("password ****");
  }

  @Test
  void ecsServiceIsReadForcedAndJudgedAndItsTaskDefinitionEnvironmentRead() {
    String taskDefinition =
        fargateService(
            "guestbook-moto-2",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/guestbook@sha256:" + "a".repeat(64),
            KeyValuePair.builder()
                .name("REDISHOST")
                .value("guestbook-moto-2.abc.cache.amazonaws.com")
                .build(),
            KeyValuePair.builder().name("REDISPORT").value("6379").build());
    EcsDriver ecs = new EcsDriver(clients.ecs(), "guestbook-moto-2", "guestbook-moto-2");

    assertThat(ecs.describe().desiredCount()).isEqualTo(2);
    String deployment = ecs.forceNewDeployment().id();
    assertThat(deployment).startsWith("ecs-svc/");
    assertThat(ecs.containerEnvironment(taskDefinition, "guestbook"))
        .containsEntry("REDISHOST", "guestbook-moto-2.abc.cache.amazonaws.com")
        .containsEntry("REDISPORT", "6379");

    RolloutVerdict verdict =
        RolloutJudge.judge(
            new RolloutExpectation(deployment, "sha256:" + "a".repeat(64), 2),
            ecs.describe(),
            ecs.tasks(),
            List.of());
    assertThat(verdict)
        .as("moto starts no task, so the rollout cannot be complete: %s", verdict.summary())
        .isNotInstanceOf(RolloutVerdict.Completed.class);
    assertThatThrownBy(
            () -> new EcsDriver(clients.ecs(), "guestbook-moto-2", "no-such-service").describe())
        .hasMessageContaining("service no-such-service not found in cluster guestbook-moto-2");
  }

  @Test
  void aStuckRolloutTimesOutSayingWhatItWaitedFor() {
    fargateService("guestbook-moto-3", "guestbook@sha256:" + "b".repeat(64));
    String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
    String group =
        clients
            .elb()
            .createTargetGroup(
                b ->
                    b.name("guestbook-moto-3")
                        .targetType(TargetTypeEnum.IP)
                        .protocol("HTTP")
                        .port(3000)
                        .vpcId(vpc))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    EcsDriver ecs = new EcsDriver(clients.ecs(), "guestbook-moto-3", "guestbook-moto-3");
    String deployment = ecs.forceNewDeployment().id();
    List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    RolloutVerifier verifier =
        new RolloutVerifier(
            ecs,
            new TargetHealthDriver(clients.elb(), group),
            new LogTail(clients.logs(), "/ecs/guestbook-moto-3", "guestbook"),
            progress::add,
            false);

    assertThatThrownBy(
            () ->
                verifier.awaitCompletion(
                    new RolloutExpectation(deployment, "sha256:" + "b".repeat(64), 2),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(500),
                    () -> false))
        .isInstanceOf(RolloutTimeoutException.class)
        .hasMessageContaining("did not complete within")
        .hasMessageContaining("running 0/2 tasks of this deployment");
    assertThat(String.join("\n", progress)).contains("[rollout 0m0", deployment);
  }

  @Test
  void targetHealthIsReadForIpTargets() {
    String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
    String group =
        clients
            .elb()
            .createTargetGroup(
                b ->
                    b.name("guestbook-moto-4")
                        .targetType(TargetTypeEnum.IP)
                        .protocol("HTTP")
                        .port(3000)
                        .vpcId(vpc)
                        .healthCheckPath("/healthz"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    clients
        .elb()
        .registerTargets(
            b ->
                b.targetGroupArn(group)
                    .targets(
                        TargetDescription.builder().id("10.0.1.11").port(3000).build(),
                        TargetDescription.builder().id("10.0.2.12").port(3000).build()));
    var targets = new TargetHealthDriver(clients.elb(), group).targets();
    assertThat(targets)
        .extracting(t -> t.target().id())
        .containsExactlyInAnyOrder("10.0.1.11", "10.0.2.12");
    assertThat(targets)
        .allSatisfy(
            t -> assertThat(t.targetHealth().state()).isEqualTo(TargetHealthStateEnum.HEALTHY));
  }

  @Test
  void theLastLogLinesOfAStoppedTaskAreRead() {
    clients.logs().createLogGroup(b -> b.logGroupName("/ecs/guestbook-moto-5"));
    clients
        .logs()
        .createLogStream(
            b ->
                b.logGroupName("/ecs/guestbook-moto-5")
                    .logStreamName("guestbook/guestbook/abc123"));
    long now = System.currentTimeMillis();
    clients
        .logs()
        .putLogEvents(
            b ->
                b.logGroupName("/ecs/guestbook-moto-5")
                    .logStreamName("guestbook/guestbook/abc123")
                    .logEvents(
                        e -> e.timestamp(now).message("guestbook: listening on port 3000"),
                        e -> e.timestamp(now + 1).message("guestbook: REDISHOST is not set")));
    LogTail tail = new LogTail(clients.logs(), "/ecs/guestbook-moto-5", "guestbook");
    assertThat(tail.last("arn:aws:ecs:us-east-1:123456789012:task/c/abc123", "guestbook", 10))
        .contains("guestbook: REDISHOST is not set");
    assertThat(tail.last("arn:aws:ecs:us-east-1:123456789012:task/c/never", "guestbook", 10))
        .singleElement()
        .asString()
        .contains("no log stream", "the container never started");
  }

  @Test
  void theSweepFindsWhatARunLeftByItsTags() {
    clients
        .ecs()
        .createCluster(
            b ->
                b.clusterName("guestbook-gb-sweep-1")
                    .tags(
                        software.amazon.awssdk.services.ecs.model.Tag.builder()
                            .key("RunId")
                            .value("gb-sweep-1")
                            .build(),
                        software.amazon.awssdk.services.ecs.model.Tag.builder()
                            .key("Project")
                            .value("guestbook")
                            .build()));
    clients
        .ecr()
        .createRepository(
            b ->
                b.repositoryName("guestbook-gb-sweep-1")
                    .tags(
                        software.amazon.awssdk.services.ecr.model.Tag.builder()
                            .key("RunId")
                            .value("gb-sweep-1")
                            .build()));
    clients.ecr().createRepository(b -> b.repositoryName("someone-else"));
    clients
        .logs()
        .createLogGroup(
            b -> b.logGroupName("/ecs/guestbook-gb-sweep-1").tags(Map.of("RunId", "gb-sweep-1")));

    clients
        .logs()
        .createLogGroup(
            b ->
                b.logGroupName("/aws/ecs/containerinsights/guestbook-gb-sweep-1/performance")
                    .tags(Map.of("RunId", "gb-sweep-1")));
    // what costs and hits quotas: network, NAT, EIP, security group, target group, ElastiCache
    String vpc =
        ec2.createVpc(b -> b.cidrBlock("10.77.0.0/16").tagSpecifications(ec2Tags("vpc")))
            .vpc()
            .vpcId();
    String subnet =
        ec2.createSubnet(
                b -> b.vpcId(vpc).cidrBlock("10.77.1.0/24").tagSpecifications(ec2Tags("subnet")))
            .subnet()
            .subnetId();
    ec2.createSecurityGroup(
        b ->
            b.vpcId(vpc)
                .groupName("guestbook-gb-sweep-1-redis")
                .description("sweep test")
                .tagSpecifications(ec2Tags("security-group")));
    String eip =
        ec2.allocateAddress(b -> b.domain("vpc").tagSpecifications(ec2Tags("elastic-ip")))
            .allocationId();
    ec2.createNatGateway(
        b -> b.subnetId(subnet).allocationId(eip).tagSpecifications(ec2Tags("natgateway")));
    clients
        .elb()
        .createTargetGroup(
            b ->
                b.name("guestbook-gb-sweep-1")
                    .targetType(TargetTypeEnum.IP)
                    .protocol("HTTP")
                    .port(3000)
                    .vpcId(vpc)
                    .tags(
                        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                            .key("RunId")
                            .value("gb-sweep-1")
                            .build()));
    software.amazon.awssdk.services.elasticache.model.Tag cacheTag =
        software.amazon.awssdk.services.elasticache.model.Tag.builder()
            .key("RunId")
            .value("gb-sweep-1")
            .build();
    clients
        .elastiCache()
        .createCacheSubnetGroup(
            b ->
                b.cacheSubnetGroupName("guestbook-gb-sweep-1")
                    .cacheSubnetGroupDescription("sweep test")
                    .subnetIds(subnet)
                    .tags(cacheTag));
    clients
        .elastiCache()
        .createCacheCluster(
            b ->
                b.cacheClusterId("guestbook-gb-sweep-1")
                    .engine("redis")
                    .cacheNodeType("cache.t4g.micro")
                    .numCacheNodes(1)
                    .tags(cacheTag));
    // what AWS is already removing is not a leftover: an INACTIVE cluster keeps its tags a while,
    // a deleting ElastiCache cluster goes by itself
    clients
        .ecs()
        .createCluster(
            b ->
                b.clusterName("guestbook-gb-sweep-1-old")
                    .tags(
                        software.amazon.awssdk.services.ecs.model.Tag.builder()
                            .key("RunId")
                            .value("gb-sweep-1")
                            .build()));
    clients.ecs().deleteCluster(b -> b.cluster("guestbook-gb-sweep-1-old"));
    clients
        .elastiCache()
        .createCacheCluster(
            b ->
                b.cacheClusterId("guestbook-gb-sweep-1-old")
                    .engine("redis")
                    .cacheNodeType("cache.t4g.micro")
                    .numCacheNodes(1)
                    .tags(cacheTag));
    clients.elastiCache().deleteCacheCluster(b -> b.cacheClusterId("guestbook-gb-sweep-1-old"));

    List<AwsSweep.Leftover> found = new AwsSweep(clients, "guestbook").find("gb-sweep-1");
    assertThat(found)
        .extracting(AwsSweep.Leftover::kind)
        .containsExactlyInAnyOrder(
            "ecs-cluster",
            "ecr-repository",
            "log-group",
            "log-group",
            "vpc",
            "subnet",
            "security-group",
            "elastic-ip",
            "natgateway",
            "target-group",
            "elasticache-subnet-group",
            "elasticache-cluster");
    assertThat(found)
        .extracting(AwsSweep.Leftover::id)
        .noneMatch(id -> id.contains("someone-else"))
        .noneMatch(id -> id.endsWith("-old"));
    assertThat(new AwsSweep(clients, "guestbook").find("gb-sweep-other")).isEmpty();
  }

  @Test
  void whatTheStateDoesNotHoldIsRemovedDependentsFirst() {
    var tags =
        software.amazon.awssdk.services.ec2.model.TagSpecification.builder()
            .tags(
                software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key("RunId")
                    .value("gb-untracked-1")
                    .build());
    String vpc =
        ec2.createVpc(
                b ->
                    b.cidrBlock("10.78.0.0/16").tagSpecifications(tags.resourceType("vpc").build()))
            .vpc()
            .vpcId();
    // what an interrupted apply leaves: the subnet and security group exist, the state knows only
    // the VPC
    ec2.createSubnet(
        b ->
            b.vpcId(vpc)
                .cidrBlock("10.78.1.0/24")
                .tagSpecifications(tags.resourceType("subnet").build()));
    ec2.createSecurityGroup(
        b ->
            b.vpcId(vpc)
                .groupName("guestbook-gb-untracked-1-alb")
                .description("untracked")
                .tagSpecifications(tags.resourceType("security-group").build()));
    AwsSweep sweep = new AwsSweep(clients, "guestbook");
    List<AwsSweep.Leftover> untracked =
        AwsSweep.untracked(sweep.find("gb-untracked-1"), Set.of(vpc));
    assertThat(untracked)
        .extracting(AwsSweep.Leftover::kind)
        .containsExactlyInAnyOrder("subnet", "security-group");

    assertThat(sweep.remove(untracked)).as("what could not be removed").isEmpty();
    assertThat(sweep.find("gb-untracked-1")).extracting(AwsSweep.Leftover::id).containsExactly(vpc);
    assertThat(sweep.remove(sweep.find("gb-untracked-1"))).isEmpty();
    assertThat(sweep.find("gb-untracked-1")).isEmpty();
  }

  private static software.amazon.awssdk.services.ec2.model.TagSpecification ec2Tags(String type) {
    return software.amazon.awssdk.services.ec2.model.TagSpecification.builder()
        .resourceType(type)
        .tags(
            software.amazon.awssdk.services.ec2.model.Tag.builder()
                .key("RunId")
                .value("gb-sweep-1")
                .build())
        .build();
  }

  /**
   * A cluster, a task definition and a 2-task FARGATE service of one name; answers the task
   * definition ARN.
   */
  private String fargateService(String name, String image, KeyValuePair... environment) {
    clients.ecs().createCluster(b -> b.clusterName(name));
    String taskDefinition =
        clients
            .ecs()
            .registerTaskDefinition(
                b ->
                    b.family(name)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(
                            c ->
                                c.name("guestbook")
                                    .image(image)
                                    .essential(true)
                                    .environment(environment)))
            .taskDefinition()
            .taskDefinitionArn();
    clients
        .ecs()
        .createService(
            b ->
                b.cluster(name)
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(2)
                    .launchType(LaunchType.FARGATE));
    return taskDefinition;
  }
}
