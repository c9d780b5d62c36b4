package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The rules' logic on small readings built by hand (Terraform's own reading of real rewrites is
 * {@code TerraformEquivalenceIT}): every rule is green on a sound stack and red, with the cause, on
 * each way it can break — including the ones no rewrite there covers.
 */
class PromiseRulesTest {

  private static final String RUN = "bdiread7";

  /** A sound stack, as ids and values, one map per resource; tests change one thing. */
  private static Map<String, Map<String, Object>> sound() {
    Map<String, Map<String, Object>> r = new LinkedHashMap<>();
    r.put("aws_internet_gateway.main", map("id", "igw", "tags_all", tags(RUN)));
    r.put("aws_subnet.private[0]", map("id", "sn-priv", "vpc_id", "vpc"));
    r.put("aws_subnet.public[0]", map("id", "sn-pub", "vpc_id", "vpc"));
    r.put(
        "aws_route_table.public",
        map("id", "rt-pub", "route", List.of(map("cidr_block", "0.0.0.0/0", "gateway_id", "igw"))));
    r.put(
        "aws_route_table.private",
        map(
            "id",
            "rt-priv",
            "route",
            List.of(map("cidr_block", "0.0.0.0/0", "nat_gateway_id", "nat"))));
    r.put(
        "aws_route_table_association.private[0]",
        map("subnet_id", "sn-priv", "route_table_id", "rt-priv"));
    r.put(
        "aws_route_table_association.public[0]",
        map("subnet_id", "sn-pub", "route_table_id", "rt-pub"));
    r.put("aws_security_group.alb", map("id", "sg-alb", "name", "gb-" + RUN + "-alb"));
    r.put("aws_security_group.service", map("id", "sg-svc"));
    r.put("aws_security_group.redis", map("id", "sg-redis"));
    r.put(
        "aws_vpc_security_group_ingress_rule.alb_http",
        ingress("sg-alb", "0.0.0.0/0", null, 80, 80));
    r.put("aws_vpc_security_group_ingress_rule.svc", ingress("sg-svc", null, "sg-alb", 3000, 3000));
    r.put(
        "aws_vpc_security_group_ingress_rule.redis",
        ingress("sg-redis", null, "sg-svc", 6379, 6379));
    r.put(
        "aws_alb.main", map("id", "lb", "security_groups", List.of("sg-alb"), "name", "gb-" + RUN));
    r.put(
        "aws_alb_target_group.app",
        map(
            "name",
            "gb-" + RUN,
            "target_type",
            "ip",
            "deregistration_delay",
            "30",
            "arn",
            "arn:tg",
            "id",
            "arn:tg",
            "protocol",
            "HTTP",
            "port",
            3000,
            "health_check",
            List.of(map("path", "/healthz", "matcher", "200"))));
    r.put(
        "aws_ecs_service.app",
        map(
            "name",
            "gb-" + RUN,
            "desired_count",
            2,
            "launch_type",
            "FARGATE",
            "deployment_minimum_healthy_percent",
            100,
            "deployment_maximum_percent",
            200,
            "deployment_circuit_breaker",
            List.of(map("enable", true, "rollback", true)),
            "network_configuration",
            List.of(
                map(
                    "subnets", List.of("sn-priv"),
                    "security_groups", List.of("sg-svc"),
                    "assign_public_ip", false)),
            "task_definition",
            "arn:td",
            "load_balancer",
            List.of(
                map(
                    "target_group_arn", "arn:tg",
                    "container_name", "guestbook",
                    "container_port", 3000)),
            "tags_all",
            tags(RUN)));
    r.put(
        "aws_ecs_task_definition.app",
        map(
            "family", "gb-" + RUN,
            "arn", "arn:td",
            "container_definitions",
                "[{\"name\":\"guestbook\",\"user\":\"10001:10001\",\"environment\":"
                    + "[{\"name\":\"REDISHOST\",\"value\":\"node.cache\"}],"
                    + "\"portMappings\":[{\"containerPort\":3000}]}]"));
    r.put(
        "aws_elasticache_subnet_group.redis",
        map("name", "gb-sn-" + RUN, "id", "gb-sn-" + RUN, "subnet_ids", List.of("sn-priv")));
    r.put(
        "aws_elasticache_cluster.redis",
        map(
            "cluster_id",
            "gb-" + RUN,
            "security_group_ids",
            List.of("sg-redis"),
            "subnet_group_name",
            "gb-sn-" + RUN,
            "port",
            6379,
            "cache_nodes",
            List.of(map("address", "node.cache"))));
    return r;
  }

  private static TerraformReading reading(Map<String, Map<String, Object>> resources) {
    return reading(resources, Map.of());
  }

  private static TerraformReading reading(
      Map<String, Map<String, Object>> resources, Map<String, Object> unknownInPlan) {
    return reading(resources, unknownInPlan, Map.of());
  }

  private static TerraformReading reading(
      Map<String, Map<String, Object>> resources,
      Map<String, Object> unknownInPlan,
      Map<String, String> lookedUp) {
    List<Resource> out = new ArrayList<>();
    resources.forEach(
        (address, values) -> {
          String declared = address.substring(0, address.indexOf('.'));
          String name = address.substring(address.indexOf('.') + 1).replaceAll("\\[.*", "");
          out.add(
              new Resource(
                  address,
                  TerraformReading.ALIASES.getOrDefault(declared, declared),
                  declared,
                  values,
                  unknownInPlan.getOrDefault(address, Map.of()),
                  new Location(Path.of("terraform", "x.tf"), 7)));
          assertThat(name).isNotEmpty();
        });
    return new TerraformReading(Path.of("terraform"), RUN, out, lookedUp);
  }

  private static Map<String, Map<String, Object>> with(
      String address, UnaryOperator<Map<String, Object>> change) {
    Map<String, Map<String, Object>> r = sound();
    r.put(address, change.apply(new HashMap<>(r.getOrDefault(address, Map.of()))));
    return r;
  }

  private static Map<String, Object> set(Map<String, Object> values, Object... pairs) {
    values.putAll(map(pairs));
    return values;
  }

  @Test
  void aSoundStackKeepsEveryPromise() {
    TerraformReading ok = reading(sound());
    assertThat(ServiceRules.serviceRunsFargateTasksPrivately(ok, 2)).isEmpty();
    assertThat(ServiceRules.deploymentRollsBackSafely(ok)).isEmpty();
    assertThat(ExposureRules.redisOnlyFromService(ok)).isEmpty();
    assertThat(RedisRules.redisInPrivateSubnets(ok)).isEmpty();
    assertThat(LoadBalancerRules.loadBalancerReachesTheContainer(ok)).isEmpty();
    assertThat(ExposureRules.onlyLoadBalancerOpenToWorld(ok)).isEmpty();
    assertThat(ExposureRules.serviceOnlyFromLoadBalancer(ok)).isEmpty();
    assertThat(ServiceRules.containersRunUnprivileged(ok)).isEmpty();
    assertThat(RedisRules.redisHostFromElastiCache(ok)).isEmpty();
    assertThat(LoadBalancerRules.targetGroupHealthCheck(ok, "/healthz", 60)).isEmpty();
    assertThat(RunIdRules.everythingTaggedWithRunId(ok)).isEmpty();
    assertThat(RunIdRules.namesCarryRunId(ok)).isEmpty();
  }

  @Test
  void ec2InsteadOfFargateAndAPublicIp() {
    TerraformReading broken =
        reading(
            with(
                "aws_ecs_service.app",
                v ->
                    set(
                        v,
                        "launch_type",
                        "EC2",
                        "network_configuration",
                        List.of(
                            map(
                                "subnets", List.of("sn-priv"),
                                "security_groups", List.of("sg-svc"),
                                "assign_public_ip", true)))));
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(broken, 2)))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "terraform/x.tf:7: aws_ecs_service.app: launch_type: expected \"FARGATE\"",
                        "saw EC2"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("network_configuration.assign_public_ip: expected false, saw true"));
  }

  @Test
  void aSubnetWithPublicIpsOrNotDeclaredHereIsNotPrivate() {
    TerraformReading publicIps =
        reading(with("aws_subnet.private[0]", v -> set(v, "map_public_ip_on_launch", true)));
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(publicIps, 2)))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("saw aws_subnet.private[0] (map_public_ip_on_launch = true)"));
    TerraformReading foreign =
        reading(
            with(
                "aws_ecs_service.app",
                v ->
                    set(
                        v,
                        "network_configuration",
                        List.of(
                            map(
                                "subnets",
                                List.of("subnet-0abc"),
                                "security_groups",
                                List.of("sg-svc"))))));
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(foreign, 2)))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("subnet \"subnet-0abc\", not one this configuration declares"));
  }

  @Test
  void aSubnetRoutedToTheInternetThroughAnAwsRouteResourceIsNotPrivate() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_route.leak",
        map(
            "route_table_id",
            "rt-priv",
            "destination_cidr_block",
            "0.0.0.0/0",
            "gateway_id",
            "igw"));
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(reading(r), 2)))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "saw aws_subnet.private[0] (routes 0.0.0.0/0 to aws_internet_gateway.main through aws_route_table.private)"));
  }

  @Test
  void aDeploymentThatDropsHealthyTasks() {
    TerraformReading broken =
        reading(with("aws_ecs_service.app", v -> set(v, "deployment_minimum_healthy_percent", 50)));
    assertThat(lines(ServiceRules.deploymentRollsBackSafely(broken)))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_service.app: deployment_minimum_healthy_percent: expected 100, saw 50");
  }

  @Test
  void redisOpenToItselfOrWithoutAnyRule() {
    Map<String, Map<String, Object>> self = sound();
    self.put(
        "aws_security_group_rule.redis_self",
        map(
            "type",
            "ingress",
            "security_group_id",
            "sg-redis",
            "self",
            true,
            "protocol",
            "tcp",
            "from_port",
            6379,
            "to_port",
            6379));
    assertThat(lines(ExposureRules.redisOnlyFromService(reading(self))))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "aws_security_group_rule.redis_self", "saw aws_security_group.redis"));
    Map<String, Map<String, Object>> none = sound();
    none.remove("aws_vpc_security_group_ingress_rule.redis");
    assertThat(lines(ExposureRules.redisOnlyFromService(reading(none))))
        .containsExactly(
            "terraform: [aws_security_group.redis]: ingress: expected Redis open to the service's"
                + " security group [aws_security_group.service] on port 6379/tcp, saw no such"
                + " ingress rule");
  }

  @Test
  void theLoadBalancerOpenOnSshAndTheTasksOnEveryPort() {
    Map<String, Map<String, Object>> r = sound();
    r.put("aws_vpc_security_group_ingress_rule.ssh", ingress("sg-alb", "0.0.0.0/0", null, 22, 22));
    r.put(
        "aws_vpc_security_group_ingress_rule.svc",
        map(
            "security_group_id",
            "sg-svc",
            "referenced_security_group_id",
            "sg-alb",
            "ip_protocol",
            "-1"));
    TerraformReading broken = reading(r);
    assertThat(lines(ExposureRules.onlyLoadBalancerOpenToWorld(broken)))
        .containsExactly(
            "terraform/x.tf:7: aws_vpc_security_group_ingress_rule.ssh: expected port 80 or 443 only, saw ports 22/tcp");
    assertThat(lines(ExposureRules.serviceOnlyFromLoadBalancer(broken)))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("saw ports 0-65535 (all protocols) from aws_security_group.alb"))
        .anySatisfy(l -> assertThat(l).contains("saw no such ingress rule"));
  }

  @Test
  void anIpv6WorldRuleOnTheTasksIsSeen() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_security_group.service",
        map(
            "id",
            "sg-svc",
            "ingress",
            List.of(
                map(
                    "ipv6_cidr_blocks",
                    List.of("::/0"),
                    "protocol",
                    "tcp",
                    "from_port",
                    3000,
                    "to_port",
                    3000))));
    assertThat(lines(ExposureRules.onlyLoadBalancerOpenToWorld(reading(r))))
        .containsExactly(
            "terraform/x.tf:7: aws_security_group.service: ingress: expected only the load balancer's"
                + " security group [aws_security_group.alb] open to the internet, saw"
                + " aws_security_group.service open to [::/0]");
  }

  @Test
  void containersWithoutAUserOrAsRootOrUnreadable() {
    String noUser =
        "[{\"name\":\"guestbook\",\"environment\":[{\"name\":\"REDISHOST\",\"value\":\"node.cache\"}]}]";
    assertThat(
            lines(
                ServiceRules.containersRunUnprivileged(
                    reading(
                        with(
                            "aws_ecs_task_definition.app",
                            v -> set(v, "container_definitions", noUser))))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook].user:"
                + " expected a non-root user (e.g. \"10001:10001\"), saw none (the image's default,"
                + " root unless it says otherwise)");
    String root = "[{\"name\":\"guestbook\",\"user\":\"root\"}]";
    assertThat(
            lines(
                ServiceRules.containersRunUnprivileged(
                    reading(
                        with(
                            "aws_ecs_task_definition.app",
                            v -> set(v, "container_definitions", root))))))
        .anySatisfy(l -> assertThat(l).contains("saw \"root\""));
    assertThat(
            lines(
                ServiceRules.containersRunUnprivileged(
                    reading(
                        with(
                            "aws_ecs_task_definition.app",
                            v -> set(v, "container_definitions", "not json"))))))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "container_definitions: expected a JSON list of container definitions, saw not json"));
  }

  /** A read-only container with {@code mounts}, and the task's {@code volumes}. */
  private static TerraformReading readOnlyTask(String mounts, List<Map<String, Object>> volumes) {
    String containers =
        "[{\"name\":\"guestbook\",\"user\":\"10001:10001\",\"readonlyRootFilesystem\":true,"
            + "\"mountPoints\":"
            + mounts
            + "}]";
    return reading(
        with(
            "aws_ecs_task_definition.app",
            v -> set(v, "container_definitions", containers, "volume", volumes)));
  }

  private static final String TMP_MOUNT =
      "[{\"sourceVolume\":\"tmp\",\"containerPath\":\"/tmp\",\"readOnly\":false}]";

  @Test
  void theTempDirIsAWritableMountOfAPlainTaskVolumeAtExactlyTheImagesPath() {
    List<Map<String, Object>> plain =
        List.of(map("name", "tmp", "host_path", "", "efs_volume_configuration", List.of()));
    assertThat(SecurityRules.appCannotChangeItsFilesystem(readOnlyTask(TMP_MOUNT, plain)))
        .as("as built")
        .isEmpty();
    assertThat(
            lines(
                SecurityRules.appCannotChangeItsFilesystem(
                    readOnlyTask(TMP_MOUNT.replace("\"/tmp\"", "\"/var/tmp\""), plain))))
        .as("mounted elsewhere: /tmp is part of the read-only root")
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook]"
                + ".mountPoints: expected one mount at exactly /tmp (the image's VOLUME), saw"
                + " [/var/tmp]");
    assertThat(
            lines(
                SecurityRules.appCannotChangeItsFilesystem(
                    readOnlyTask(TMP_MOUNT.replace("\"/tmp\"", "\"/tmp/\""), plain))))
        .as("a trailing slash: whether Fargate copies the image's /tmp then is not documented")
        .hasSize(1);
    assertThat(lines(SecurityRules.appCannotChangeItsFilesystem(readOnlyTask("[]", plain))))
        .as("no mount")
        .anySatisfy(l -> assertThat(l).contains("expected one mount at exactly /tmp"));
    assertThat(
            lines(
                SecurityRules.appCannotChangeItsFilesystem(
                    readOnlyTask(TMP_MOUNT.replace("false", "true"), plain))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook]"
                + ".mountPoints[/tmp].readOnly: expected not read-only (the app's temp dir), saw"
                + " true");
    assertThat(
            lines(
                SecurityRules.appCannotChangeItsFilesystem(
                    readOnlyTask(TMP_MOUNT, List.of(map("name", "tmp", "host_path", "/x"))))))
        .as("a host path (Fargate refuses sourcePath)")
        .anySatisfy(l -> assertThat(l).contains("volume[tmp]: expected a task volume with no"));
    assertThat(
            lines(
                SecurityRules.appCannotChangeItsFilesystem(
                    readOnlyTask(
                        TMP_MOUNT,
                        List.of(
                            map(
                                "name",
                                "tmp",
                                "efs_volume_configuration",
                                List.of(map("file_system_id", "fs-1"))))))))
        .as("EFS: its root, not the image's /tmp")
        .anySatisfy(l -> assertThat(l).contains("volume[tmp]"));
    assertThat(
            lines(SecurityRules.appCannotChangeItsFilesystem(readOnlyTask(TMP_MOUNT, List.of()))))
        .as("a mount of a volume the task does not have")
        .anySatisfy(l -> assertThat(l).contains("saw no such volume"));
  }

  @Test
  void redisHostNotAnElastiCacheAddressOrNoElastiCacheAtAll() {
    String other =
        "[{\"name\":\"guestbook\",\"user\":\"1\",\"environment\":[{\"name\":\"REDISHOST\",\"value\":\"redis.example\"}]}]";
    assertThat(
            lines(
                RedisRules.redisHostFromElastiCache(
                    reading(
                        with(
                            "aws_ecs_task_definition.app",
                            v -> set(v, "container_definitions", other))))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook].environment.REDISHOST:"
                + " expected the ElastiCache endpoint (an address of aws_elasticache_cluster.redis.cache_nodes),"
                + " saw \"redis.example\"");
    Map<String, Map<String, Object>> none = sound();
    none.remove("aws_elasticache_cluster.redis");
    assertThat(lines(RedisRules.redisHostFromElastiCache(reading(none))))
        .anySatisfy(l -> assertThat(l).contains("this configuration declares none"));
  }

  @Test
  void aHealthCheckOnAnotherPathOrInstanceTargets() {
    TerraformReading broken =
        reading(
            with(
                "aws_alb_target_group.app",
                v -> set(v, "target_type", "instance", "health_check", List.of(map("path", "/")))));
    assertThat(lines(LoadBalancerRules.targetGroupHealthCheck(broken, "/healthz", 60)))
        .containsExactly(
            "terraform/x.tf:7: aws_alb_target_group.app: health_check.path: expected \"/healthz\", saw \"/\"",
            "terraform/x.tf:7: aws_alb_target_group.app: target_type: expected \"ip\" (Fargate tasks), saw instance");
  }

  @Test
  void aMissingRunIdTagIsRedButATagOnlyAwsKnowsIsNotJudged() {
    TerraformReading missing =
        reading(
            with(
                "aws_internet_gateway.main", v -> set(v, "tags_all", map("Project", "guestbook"))));
    assertThat(lines(RunIdRules.everythingTaggedWithRunId(missing)))
        .containsExactly(
            "terraform/x.tf:7: aws_internet_gateway.main: tags_all.RunId: expected the run id"
                + " (\"bdiread7\", given as var.run_id), saw no RunId tag");
    TerraformReading unknown =
        reading(
            with("aws_internet_gateway.main", v -> set(v, "tags_all", map("RunId", "mocked"))),
            Map.of("aws_internet_gateway.main", map("tags_all", true)));
    assertThat(RunIdRules.everythingTaggedWithRunId(unknown)).isEmpty();
  }

  @Test
  void aFixedNameIsRedButANameAwsChoosesIsNot() {
    TerraformReading fixed =
        reading(with("aws_security_group.service", v -> set(v, "name", "guestbook-service")));
    assertThat(lines(RunIdRules.namesCarryRunId(fixed)))
        .containsExactly(
            "terraform/x.tf:7: aws_security_group.service: name: expected a name containing the run"
                + " id (\"bdiread7\", given as var.run_id), saw \"guestbook-service\"");
    TerraformReading generated =
        reading(
            with("aws_security_group.service", v -> set(v, "name", "terraform-2026")),
            Map.of("aws_security_group.service", map("name", true)));
    assertThat(RunIdRules.namesCarryRunId(generated)).isEmpty();
  }

  @Test
  void noServiceAtAllIsNamed() {
    Map<String, Map<String, Object>> r = sound();
    r.remove("aws_ecs_service.app");
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(reading(r), 2)))
        .containsExactly(
            "terraform: aws_ecs_service: expected a aws_ecs_service resource, saw none");
  }

  @Test
  void theInternetInTwoHalvesOrOneHostOfItIsStillTheInternetButTheVpcIsNot() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_vpc_security_group_ingress_rule.low",
        ingress("sg-svc", "0.0.0.0/1", null, 3000, 3000));
    r.put(
        "aws_vpc_security_group_ingress_rule.high",
        ingress("sg-svc", "128.0.0.0/1", null, 3000, 3000));
    r.put(
        "aws_vpc_security_group_ingress_rule.office",
        ingress("sg-redis", "203.0.113.7/32", null, 6379, 6379));
    r.put(
        "aws_vpc_security_group_ingress_rule.vpc",
        ingress("sg-redis", "10.42.0.0/16", null, 6379, 6379));
    assertThat(lines(ExposureRules.onlyLoadBalancerOpenToWorld(reading(r))))
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).contains("aws_security_group.service open to [0.0.0.0/1]"))
        .anySatisfy(l -> assertThat(l).contains("aws_security_group.service open to [128.0.0.0/1]"))
        .anySatisfy(
            l -> assertThat(l).contains("aws_security_group.redis open to [203.0.113.7/32]"));
  }

  @Test
  void whatCountsAsTheInternet() {
    assertThat(Cidr.reachesTheInternet("0.0.0.0/0")).isTrue();
    assertThat(Cidr.reachesTheInternet("::/0")).isTrue();
    assertThat(Cidr.reachesTheInternet("2001:db8::/32")).isTrue();
    assertThat(Cidr.reachesTheInternet("172.32.0.0/16")).isTrue();
    assertThat(Cidr.reachesTheInternet("172.16.5.0/24")).isFalse();
    assertThat(Cidr.reachesTheInternet("fd00:1::/64")).isFalse();
    assertThat(Cidr.reachesTheInternet("pl-0123abcd")).isFalse();
    assertThat(Cidr.reachesTheInternet("cafe/8")).as("no name lookups").isFalse();
  }

  @Test
  void redisInThePublicSubnetsOrWithoutASubnetGroupOfItsOwn() {
    TerraformReading publicSubnets =
        reading(
            with(
                "aws_elasticache_subnet_group.redis",
                v -> set(v, "subnet_ids", List.of("sn-priv", "sn-pub"))));
    assertThat(lines(RedisRules.redisInPrivateSubnets(publicSubnets)))
        .containsExactly(
            "terraform/x.tf:7: aws_elasticache_subnet_group.redis: subnet_ids: expected private"
                + " subnets only, for aws_elasticache_cluster.redis, saw aws_subnet.public[0]"
                + " (routes 0.0.0.0/0 to aws_internet_gateway.main through"
                + " aws_route_table.public)");
    Map<String, Map<String, Object>> noGroup =
        with("aws_elasticache_cluster.redis", v -> set(v, "subnet_group_name", null));
    assertThat(lines(RedisRules.redisInPrivateSubnets(reading(noGroup))))
        .containsExactly(
            "terraform/x.tf:7: aws_elasticache_cluster.redis: subnet_group_name: expected a subnet"
                + " group of private subnets declared here, saw none (ElastiCache then uses the"
                + " default VPC's subnets)");
    Map<String, Map<String, Object>> group = sound();
    group.remove("aws_elasticache_cluster.redis");
    group.put(
        "aws_elasticache_replication_group.redis",
        map("subnet_group_name", "gb-sn-" + RUN, "security_group_ids", List.of("sg-redis")));
    group.put(
        "aws_elasticache_subnet_group.redis",
        map("name", "gb-sn-" + RUN, "subnet_ids", List.of("sn-pub")));
    assertThat(lines(RedisRules.redisInPrivateSubnets(reading(group))))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("for aws_elasticache_replication_group.redis, saw aws_subnet.public[0]");
  }

  @Test
  void redisOpenToTheServiceOnEveryPortOrProtocol() {
    Map<String, Map<String, Object>> r =
        with("aws_vpc_security_group_ingress_rule.redis", v -> set(v, "ip_protocol", "-1"));
    assertThat(lines(ExposureRules.redisOnlyFromService(reading(r))))
        .containsExactly(
            "terraform/x.tf:7: aws_vpc_security_group_ingress_rule.redis: expected ingress to Redis"
                + " on port 6379/tcp only, saw ports 0-65535 (all protocols)",
            "terraform: [aws_security_group.redis]: ingress: expected Redis open to the service's"
                + " security group [aws_security_group.service] on port 6379/tcp, saw no such"
                + " ingress rule");
    Map<String, Map<String, Object>> range =
        with(
            "aws_vpc_security_group_ingress_rule.redis",
            v -> set(v, "from_port", 6000, "to_port", 7000));
    assertThat(lines(ExposureRules.redisOnlyFromService(reading(range))))
        .anySatisfy(l -> assertThat(l).contains("saw ports 6000-7000/tcp"));
  }

  @Test
  void aHealthCheckThatCountsErrorsAsHealthy() {
    TerraformReading broken =
        reading(
            with(
                "aws_alb_target_group.app",
                v ->
                    set(
                        v,
                        "health_check",
                        List.of(map("path", "/healthz", "matcher", "200-499")))));
    assertThat(lines(LoadBalancerRules.targetGroupHealthCheck(broken, "/healthz", 60)))
        .containsExactly(
            "terraform/x.tf:7: aws_alb_target_group.app: health_check.matcher: expected \"200\""
                + " only (what /healthz answers when healthy; no 4xx or 5xx), saw \"200-499\"");
    TerraformReading unset =
        reading(
            with(
                "aws_alb_target_group.app",
                v -> set(v, "health_check", List.of(map("path", "/healthz")))));
    assertThat(LoadBalancerRules.targetGroupHealthCheck(unset, "/healthz", 60))
        .as("unset is AWS's default, 200")
        .isEmpty();
  }

  @Test
  void theLoadBalancerSendsToAPortOrContainerTheTaskDoesNotHave() {
    Map<String, Map<String, Object>> port =
        with(
            "aws_ecs_service.app",
            v ->
                set(
                    v,
                    "load_balancer",
                    List.of(
                        map(
                            "target_group_arn", "arn:tg",
                            "container_name", "guestbook",
                            "container_port", 8080))));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(port))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_service.app: load_balancer.container_port: expected a port"
                + " container \"guestbook\" maps [3000], saw 8080");
    Map<String, Map<String, Object>> otherGroupPort =
        with("aws_alb_target_group.app", v -> set(v, "port", 80));
    assertThat(LoadBalancerRules.loadBalancerReachesTheContainer(reading(otherGroupPort)))
        .as("the group's own port is a default ECS overrides for the IPs it registers")
        .isEmpty();
    Map<String, Map<String, Object>> checkedElsewhere =
        with(
            "aws_alb_target_group.app",
            v ->
                set(
                    v,
                    "health_check",
                    List.of(map("path", "/healthz", "matcher", "200", "port", "8080"))));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(checkedElsewhere))))
        .containsExactly(
            "terraform/x.tf:7: aws_alb_target_group.app: health_check.port: expected"
                + " \"traffic-port\" or the container port 3000, saw \"8080\"");
    Map<String, Map<String, Object>> name =
        with(
            "aws_ecs_service.app",
            v ->
                set(
                    v,
                    "load_balancer",
                    List.of(
                        map(
                            "target_group_arn", "arn:tg",
                            "container_name", "web",
                            "container_port", 3000))));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(name))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_service.app: load_balancer.container_name: expected a"
                + " container of aws_ecs_task_definition.app [\"guestbook\"], saw \"web\"");
    Map<String, Map<String, Object>> https =
        with("aws_alb_target_group.app", v -> set(v, "protocol", "HTTPS"));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(https))))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("protocol: expected \"HTTP\" (the app speaks plain HTTP), saw HTTPS");
  }

  @Test
  void aSubnetLookedUpInTheAccountCannotBeJudgedOffline() {
    Map<String, Map<String, Object>> r =
        with(
            "aws_ecs_service.app",
            v ->
                set(
                    v,
                    "network_configuration",
                    List.of(
                        map(
                            "subnets", List.of("subnet-0abc"),
                            "security_groups", List.of("sg-svc"),
                            "assign_public_ip", false))));
    List<Finding> findings =
        ServiceRules.serviceRunsFargateTasksPrivately(
            reading(r, Map.of(), Map.of("subnet-0abc", "data.aws_subnets.private")), 2);
    assertThat(findings).singleElement().extracting(Finding::judgeable).isEqualTo(false);
    assertThat(lines(findings))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_service.app: network_configuration.subnets: cannot be"
                + " judged offline: private subnets (no route to an internet gateway, no public IP"
                + " on launch) depends on subnet \"subnet-0abc\" from data.aws_subnets.private,"
                + " whose routes only the account knows");
    assertThat(ServiceRules.serviceRunsFargateTasksPrivately(reading(r), 2))
        .as("not looked up and not declared: a finding")
        .singleElement()
        .extracting(Finding::judgeable)
        .isEqualTo(true);
  }

  @Test
  void tagsWithoutDefaultTagsOrARunIdOnlyAwsKnows() {
    Map<String, Map<String, Object>> untagged = sound();
    untagged.values().forEach(v -> v.remove("tags_all"));
    untagged.put("aws_internet_gateway.main", map("id", "igw", "tags_all", map()));
    assertThat(
            lines(
                RunIdRules.everythingTaggedWithRunId(
                    reading(
                        untagged, Map.of("aws_internet_gateway.main", Map.of("tags_all", true))))))
        .as("no default_tags: tags_all is unknown when planning, and AWS gives it the tags")
        .containsExactly(
            "terraform/x.tf:7: aws_internet_gateway.main: tags.RunId: expected the run id"
                + " (\"bdiread7\", given as var.run_id), saw no RunId tag (and none in default_tags)");
    assertThat(
            lines(
                RunIdRules.everythingTaggedWithRunId(
                    reading(
                        sound(),
                        Map.of(
                            "aws_internet_gateway.main",
                            Map.of("tags_all", true, "tags", Map.of("RunId", true)))))))
        .containsExactly(
            "terraform/x.tf:7: aws_internet_gateway.main: tags.RunId: expected the run id"
                + " (\"bdiread7\", given as var.run_id), saw a value known only after apply");
  }

  @Test
  void aNameMadeOfAVariableWithoutADefaultIsNotJudged() {
    Map<String, Map<String, Object>> r =
        with("aws_security_group.alb", v -> set(v, "name", "sg-mocked1a2b-alb"));
    List<Finding> findings =
        RunIdRules.namesCarryRunId(reading(r, Map.of(), Map.of("mocked1a2b", "var.workload")));
    assertThat(findings).singleElement().extracting(Finding::judgeable).isEqualTo(false);
    assertThat(lines(findings).get(0)).contains("made of var.workload");
  }

  @Test
  void uidZeroWrittenAnotherWayIsStillRoot() {
    for (String user : List.of("00:00", "0000", "+0")) {
      Map<String, Map<String, Object>> r =
          with(
              "aws_ecs_task_definition.app",
              v ->
                  set(
                      v,
                      "container_definitions",
                      "[{\"name\":\"guestbook\",\"user\":\"" + user + "\"}]"));
      assertThat(ServiceRules.containersRunUnprivileged(reading(r))).as(user).hasSize(1);
    }
  }

  @Test
  void aSubnetWithoutAssociationUsesTheVpcsMainRouteTable() {
    Map<String, Map<String, Object>> r = sound();
    r.remove("aws_route_table_association.private[0]");
    r.put("aws_vpc.main", map("id", "vpc", "main_route_table_id", "rt-main"));
    r.put(
        "aws_route.main_to_igw",
        map(
            "route_table_id",
            "rt-main",
            "destination_cidr_block",
            "0.0.0.0/0",
            "gateway_id",
            "igw"));
    assertThat(lines(ServiceRules.serviceRunsFargateTasksPrivately(reading(r), 2)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("aws_subnet.private[0] (routes 0.0.0.0/0 to aws_internet_gateway.main");
  }

  @Test
  void aHealthCheckOverHttpsOfAPlainHttpApp() {
    TerraformReading broken =
        reading(
            with(
                "aws_alb_target_group.app",
                v ->
                    set(
                        v,
                        "health_check",
                        List.of(map("path", "/healthz", "matcher", "200", "protocol", "HTTPS")))));
    assertThat(lines(LoadBalancerRules.targetGroupHealthCheck(broken, "/healthz", 60)))
        .containsExactly(
            "terraform/x.tf:7: aws_alb_target_group.app: health_check.protocol: expected \"HTTP\""
                + " (the app serves plain HTTP), saw \"HTTPS\"");
  }

  @Test
  void anInternetSourceThatIsAVariableWithoutADefaultIsNotJudged() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_vpc_security_group_ingress_rule.admin",
        ingress("sg-svc", "203.0.113.10/32", null, 22, 22));
    List<Finding> findings =
        ExposureRules.onlyLoadBalancerOpenToWorld(
            reading(r, Map.of(), Map.of("203.0.113.10/32", "var.ip_admin")));
    assertThat(findings).singleElement().extracting(Finding::judgeable).isEqualTo(false);
  }

  @Test
  void theAppListeningOnAnotherPortThanTheLoadBalancerSendsTo() {
    Map<String, Map<String, Object>> r =
        with(
            "aws_ecs_task_definition.app",
            v ->
                set(
                    v,
                    "container_definitions",
                    "[{\"name\":\"guestbook\",\"user\":\"10001:10001\",\"environment\":"
                        + "[{\"name\":\"PORT\",\"value\":\"8080\"}],"
                        + "\"portMappings\":[{\"containerPort\":3000}]}]"));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(r))))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook]"
                + ".environment.PORT: expected the port the load balancer sends to, 3000, saw 8080");
  }

  @Test
  void anInternalLoadBalancerIsNoFrontDoor() {
    TerraformReading internal = reading(with("aws_alb.main", v -> set(v, "internal", true)));
    assertThat(lines(ExposureRules.onlyLoadBalancerOpenToWorld(internal)))
        .containsExactly(
            "terraform/x.tf:7: aws_alb.main: internal: expected false (the load balancer is the"
                + " front door visitors reach), saw true");
  }

  @Test
  void aBackgroundWorkerNeedsNoLoadBalancerButSomeServiceDoes() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_ecs_service.worker",
        map(
            "name",
            "gb-worker-" + RUN,
            "task_definition",
            "arn:td",
            "network_configuration",
            List.of(map("subnets", List.of("sn-priv"), "security_groups", List.of("sg-worker")))));
    assertThat(LoadBalancerRules.loadBalancerReachesTheContainer(reading(r))).isEmpty();
    assertThat(ExposureRules.serviceOnlyFromLoadBalancer(reading(r))).isEmpty();
    r.put(
        "aws_ecs_service.app",
        set(new HashMap<>(r.get("aws_ecs_service.app")), "load_balancer", List.of()));
    assertThat(lines(LoadBalancerRules.loadBalancerReachesTheContainer(reading(r))))
        .singleElement()
        .asString()
        .contains("load_balancer: expected a target group for the app on at least one service");
  }

  @Test
  void theAppsPortIsTheContainerPortItsServiceRegisters() {
    Map<String, Map<String, Object>> r = sound();
    r.put(
        "aws_ecs_service.app",
        set(
            new HashMap<>(r.get("aws_ecs_service.app")),
            "load_balancer",
            List.of(
                map(
                    "target_group_arn", "arn:tg",
                    "container_name", "guestbook",
                    "container_port", 8080))));
    r.put("aws_vpc_security_group_ingress_rule.svc", ingress("sg-svc", null, "sg-alb", 8080, 8080));
    assertThat(ExposureRules.serviceOnlyFromLoadBalancer(reading(r))).isEmpty();
    r.put("aws_vpc_security_group_ingress_rule.svc", ingress("sg-svc", null, "sg-alb", 3000, 3000));
    assertThat(lines(ExposureRules.serviceOnlyFromLoadBalancer(reading(r))))
        .containsExactly(
            "terraform/x.tf:7: aws_vpc_security_group_ingress_rule.svc: expected port 8080 only,"
                + " from the load balancer's security group [aws_security_group.alb], saw ports"
                + " 3000/tcp from aws_security_group.alb",
            "terraform: [aws_security_group.service]: ingress: expected port 8080 open to the load"
                + " balancer's security group [aws_security_group.alb], saw no such ingress rule");
  }

  @Test
  void aLimitNamedTokensIsNoSecretButAPasswordInAConnectionStringIs() {
    String definitions =
        "[{\"name\":\"guestbook\",\"environment\":[%s],"
            + "\"secrets\":[{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:ssm:us-east-1:"
            + "123456789012:parameter/db\"}]}]";
    TerraformReading limit =
        reading(
            with(
                "aws_ecs_task_definition.app",
                v ->
                    set(
                        v,
                        "container_definitions",
                        definitions.formatted(
                            "{\"name\":\"OPENAI_MAX_TOKENS\",\"value\":\"4096\"}"))));
    assertThat(SecurityRules.noSecretInPlainText(limit)).isEmpty();
    TerraformReading connection =
        reading(
            with(
                "aws_ecs_task_definition.app",
                v ->
                    set(
                        v,
                        "container_definitions",
                        definitions.formatted(
                            "{\"name\":\"DB_CONN\",\"value\":\"postgres://app:hunter2@db:5432/app\"}"))));
    assertThat(lines(SecurityRules.noSecretInPlainText(connection)))
        .containsExactly(
            "terraform/x.tf:7: aws_ecs_task_definition.app: container_definitions[guestbook]"
                + ".environment.DB_CONN: expected no secret in plain text (use \"secrets\" with"
                + " valueFrom Secrets Manager or SSM), saw a plain value that carries a password");
  }

  private static List<String> lines(List<Finding> findings) {
    return findings.stream().map(Finding::toString).toList();
  }

  private static Map<String, Object> ingress(
      String group, String cidr, String source, int from, int to) {
    Map<String, Object> v = new HashMap<>();
    v.put("security_group_id", group);
    v.put("cidr_ipv4", cidr);
    v.put("referenced_security_group_id", source);
    v.put("ip_protocol", "tcp");
    v.put("from_port", from);
    v.put("to_port", to);
    return v;
  }

  private static Map<String, Object> tags(String runId) {
    return map("RunId", runId, "Project", "guestbook");
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
