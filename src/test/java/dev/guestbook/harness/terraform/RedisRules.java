package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.strings;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Where Redis lives and how the app finds it. */
public final class RedisRules {

  /** The ways Terraform declares Redis on ElastiCache. */
  static final List<String> TYPES =
      List.of("aws_elasticache_cluster", "aws_elasticache_replication_group");

  private RedisRules() {}

  /** The container's REDISHOST is the address of an ElastiCache node or endpoint of this stack. */
  public static List<Finding> redisHostFromElastiCache(TerraformReading reading) {
    Findings found = new Findings(reading);
    Set<String> endpoints = new LinkedHashSet<>();
    for (Resource cluster : reading.resources("aws_elasticache_cluster")) {
      for (Object node : list(cluster.at("cache_nodes"))) {
        Optional.ofNullable(TerraformReading.at(node, "address"))
            .map(String::valueOf)
            .ifPresent(endpoints::add);
      }
    }
    for (Resource group : reading.resources("aws_elasticache_replication_group")) {
      for (String attribute :
          List.of("primary_endpoint_address", "configuration_endpoint_address")) {
        Optional.ofNullable(group.at(attribute)).map(String::valueOf).ifPresent(endpoints::add);
      }
    }
    for (Resource task : found.requireSome("aws_ecs_task_definition")) {
      for (Map<String, Object> container :
          TaskDefinitions.containers(task, found).orElse(List.of())) {
        Object value = null;
        for (Object env : list(container.get("environment"))) {
          if ("REDISHOST".equals(TerraformReading.at(env, "name"))) {
            value = TerraformReading.at(env, "value");
          }
        }
        found.expect(
            task,
            "container_definitions[" + container.get("name") + "].environment.REDISHOST",
            value != null && endpoints.contains(String.valueOf(value)),
            endpoints.isEmpty()
                ? "the address of an ElastiCache node, but this configuration declares none"
                : "the ElastiCache endpoint (" + endpointsOf(reading) + ")",
            value == null ? null : "\"" + value + "\"");
      }
    }
    return found.list();
  }

  private static String endpointsOf(TerraformReading reading) {
    List<String> parts = new ArrayList<>();
    reading
        .resources("aws_elasticache_cluster")
        .forEach(r -> parts.add("an address of " + r.address() + ".cache_nodes"));
    reading
        .resources("aws_elasticache_replication_group")
        .forEach(r -> parts.add(r.address() + ".primary_endpoint_address"));
    return String.join(" or ", parts);
  }

  /**
   * Redis (a cluster or a replication group) lives only in private subnets: its subnet group's
   * subnets, read by the same route tables as the service's. Without a subnet group ElastiCache
   * places it in the default VPC's subnets, which route to the internet.
   */
  public static List<Finding> redisInPrivateSubnets(TerraformReading reading) {
    Findings found = new Findings(reading);
    boolean any = false;
    for (String type : TYPES) {
      for (Resource redis : reading.resources(type)) {
        if (type.equals("aws_elasticache_cluster") && redis.at("replication_group_id") != null) {
          continue; // a member of a replication group: the group's subnet group places it
        }
        any = true;
        judgeSubnetGroup(found, reading, redis);
      }
    }
    if (!any) {
      found.missing(
          "aws_elasticache_cluster",
          "",
          "Redis on ElastiCache (a cluster or replication group)",
          "none");
    }
    return found.list();
  }

  /** One Redis: its subnet group is declared here and holds only private subnets. */
  private static void judgeSubnetGroup(Findings found, TerraformReading reading, Resource redis) {
    Object name = redis.at("subnet_group_name");
    Optional<Resource> group =
        reading.resources("aws_elasticache_subnet_group").stream()
            .filter(
                g ->
                    name != null
                        && (Objects.equals(name, g.values().get("name"))
                            || Objects.equals(name, g.values().get("id"))))
            .findFirst();
    if (group.isEmpty()) {
      found.expect(
          redis,
          "subnet_group_name",
          false,
          "a subnet group of private subnets declared here",
          name == null
              ? "none (ElastiCache then uses the default VPC's subnets)"
              : reading
                  .lookedUp(name)
                  .map(d -> "\"" + name + "\" from " + d)
                  .orElse("\"" + name + "\" (not declared here)"));
      return;
    }
    List<String> subnets = strings(group.get().at("subnet_ids"));
    found.expect(group.get(), "subnet_ids", !subnets.isEmpty(), "private subnets", "none");
    for (String id : subnets) {
      found.privateSubnet(
          group.get(),
          "subnet_ids",
          Routing.place(reading, id),
          "private subnets only, for " + redis.address());
    }
  }
}
