package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.number;
import static dev.guestbook.harness.terraform.Values.strings;

import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who can reach what: only the load balancer faces the internet (on 80 and 443), the tasks take
 * traffic only from it on the app's port, Redis only from the tasks on its own port.
 */
public final class ExposureRules {

  private ExposureRules() {}

  /**
   * Every ingress to Redis's security groups comes from the service's groups, on exactly the Redis
   * port over TCP, and there is one.
   */
  public static List<Finding> redisOnlyFromService(TerraformReading reading) {
    Findings found = new Findings(reading);
    Set<String> redisGroups = new LinkedHashSet<>();
    Set<Integer> redisPorts = new LinkedHashSet<>();
    redisGroupsAndPorts(reading, redisGroups, redisPorts);
    Set<String> serviceGroups = serviceGroups(reading);
    if (redisGroups.isEmpty()) {
      found.missing(
          "aws_elasticache_cluster",
          "security_group_ids",
          "Redis in a security group of its own",
          "none");
      return found.list();
    }
    int port = redisPorts.size() == 1 ? redisPorts.iterator().next() : 6379;
    boolean reachable = false;
    for (Ingress ingress : Ingress.all(reading)) {
      if (redisGroups.contains(ingress.target())) {
        reachable |= judgeRedisIngress(found, reading, ingress, serviceGroups, port);
      }
    }
    if (!reachable) {
      found.missing(
          found.groupNames(redisGroups).toString(),
          "ingress",
          "Redis open to the service's security group "
              + found.groupNames(serviceGroups)
              + " on port "
              + port
              + "/tcp",
          "no such ingress rule");
    }
    return found.list();
  }

  /**
   * One ingress to Redis: a finding unless it comes only from the service's groups on {@code
   * port}/tcp; true when it opens Redis to the service.
   */
  private static boolean judgeRedisIngress(
      Findings found,
      TerraformReading reading,
      Ingress ingress,
      Set<String> serviceGroups,
      int port) {
    boolean fromService =
        ingress.openTo().isEmpty()
            && !ingress.sourceGroups().isEmpty()
            && serviceGroups.containsAll(ingress.sourceGroups());
    if (!fromService) {
      found.add(
          Finding.inTerraform(
              ingress.place(),
              ingress.rule().address(),
              ingress.attribute(),
              "ingress to Redis only from the service's security group "
                  + found.groupNames(serviceGroups),
              ingress.describeSource(reading)));
    } else if (!ingress.onlyTcp(port)) {
      found.add(
          Finding.inTerraform(
              ingress.place(),
              ingress.rule().address(),
              ingress.attribute(),
              "ingress to Redis on port " + port + "/tcp only",
              "ports " + ingress.ports()));
    }
    return fromService && ingress.onlyTcp(port);
  }

  /** The security groups and ports of every Redis the configuration declares. */
  private static void redisGroupsAndPorts(
      TerraformReading reading, Set<String> groups, Set<Integer> ports) {
    for (String type : RedisRules.TYPES) {
      for (TerraformReading.Resource redis : reading.resources(type)) {
        groups.addAll(strings(redis.at("security_group_ids")));
        ports.add(number(redis.at("port")).map(Double::intValue).orElse(6379));
      }
    }
  }

  /** Nothing but the load balancer's group is open to the internet, and that only on 80 and 443. */
  public static List<Finding> onlyLoadBalancerOpenToWorld(TerraformReading reading) {
    Findings found = new Findings(reading);
    Set<String> albGroups = loadBalancerGroups(reading);
    for (TerraformReading.Resource lb : reading.resources("aws_lb")) {
      found.expect(
          lb,
          "internal",
          !Boolean.TRUE.equals(lb.at("internal")),
          "false (the load balancer is the front door visitors reach)",
          lb.at("internal"));
    }
    for (Ingress ingress : Ingress.all(reading)) {
      List<String> internet = internetSources(reading, ingress, found);
      if (internet.isEmpty()) {
        continue;
      }
      if (!albGroups.contains(ingress.target())) {
        found.add(
            Finding.inTerraform(
                ingress.place(),
                ingress.rule().address(),
                ingress.attribute(),
                "only the load balancer's security group "
                    + found.groupNames(albGroups)
                    + " open to the internet",
                reading.name(ingress.target(), Ingress.GROUP) + " open to " + internet));
      } else if (!(ingress.onlyTcp(80) || ingress.onlyTcp(443))) {
        found.add(
            Finding.inTerraform(
                ingress.place(),
                ingress.rule().address(),
                ingress.attribute(),
                "port 80 or 443 only",
                "ports " + ingress.ports()));
      }
    }
    return found.list();
  }

  /**
   * The internet sources an ingress admits that the configuration decided; one it took from a data
   * source or a variable without a default is not judgeable offline, said in {@code found}.
   */
  private static List<String> internetSources(
      TerraformReading reading, Ingress ingress, Findings found) {
    List<String> decided = new ArrayList<>();
    for (String cidr : ingress.openTo().stream().filter(Cidr::reachesTheInternet).toList()) {
      Optional<String> source = reading.lookedUp(cidr);
      if (source.isEmpty()) {
        decided.add(cidr);
      } else {
        found.add(
            Finding.notJudgeableOffline(
                ingress.place(),
                ingress.rule().address(),
                ingress.attribute(),
                "only the load balancer open to the internet",
                cidr + " from " + source.get() + " (ports " + ingress.ports() + ")"));
      }
    }
    return decided;
  }

  /**
   * The tasks of every service the load balancer sends to take traffic only from the load
   * balancer's groups, on the container port that service registers in its {@code load_balancer}
   * block, and there is such a rule for each of their security groups. A service without a load
   * balancer (a background worker) is not an app task: its groups are judged only if an app shares
   * them.
   */
  public static List<Finding> serviceOnlyFromLoadBalancer(TerraformReading reading) {
    Findings found = new Findings(reading);
    Set<String> albGroups = loadBalancerGroups(reading);
    Map<String, Set<Integer>> appPorts = appGroupPorts(reading);
    if (appPorts.isEmpty()) {
      found.missing(
          "aws_ecs_service",
          "load_balancer",
          "a service the load balancer sends to, in a security group",
          "none");
      return found.list();
    }
    Set<String> reachable = new LinkedHashSet<>();
    for (Ingress ingress : Ingress.all(reading)) {
      Set<Integer> ports = appPorts.get(ingress.target());
      if (ports == null) {
        continue;
      }
      boolean fromLoadBalancer =
          ingress.openTo().isEmpty()
              && !ingress.sourceGroups().isEmpty()
              && albGroups.containsAll(ingress.sourceGroups());
      boolean appPort = ports.stream().anyMatch(ingress::onlyTcp);
      if (fromLoadBalancer && appPort) {
        reachable.add(ingress.target());
      } else {
        found.add(
            Finding.inTerraform(
                ingress.place(),
                ingress.rule().address(),
                ingress.attribute(),
                "port "
                    + portsText(ports)
                    + " only, from the load balancer's security group "
                    + found.groupNames(albGroups),
                "ports " + ingress.ports() + " from " + ingress.describeSource(reading)));
      }
    }
    appPorts.forEach(
        (group, ports) -> {
          if (!reachable.contains(group)) {
            found.missing(
                found.groupNames(List.of(group)).toString(),
                "ingress",
                "port "
                    + portsText(ports)
                    + " open to the load balancer's security group "
                    + found.groupNames(albGroups),
                "no such ingress rule");
          }
        });
    return found.list();
  }

  /**
   * The security groups of the services that register a container with the load balancer → the
   * container ports they register.
   */
  static Map<String, Set<Integer>> appGroupPorts(TerraformReading reading) {
    Map<String, Set<Integer>> out = new LinkedHashMap<>();
    for (TerraformReading.Resource service : reading.resources("aws_ecs_service")) {
      Set<Integer> ports = new TreeSet<>();
      for (Object block : Values.list(service.at("load_balancer"))) {
        number(TerraformReading.at(block, "container_port"))
            .ifPresent(p -> ports.add(p.intValue()));
      }
      if (ports.isEmpty()) {
        continue;
      }
      for (String group : strings(service.at("network_configuration.security_groups"))) {
        out.computeIfAbsent(group, g -> new TreeSet<>()).addAll(ports);
      }
    }
    return out;
  }

  private static String portsText(Set<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(" or "));
  }

  /** The security groups the ECS services' tasks are in (ids). */
  static Set<String> serviceGroups(TerraformReading reading) {
    Set<String> groups = new LinkedHashSet<>();
    reading
        .resources("aws_ecs_service")
        .forEach(s -> groups.addAll(strings(s.at("network_configuration.security_groups"))));
    return groups;
  }

  /** The security groups of the load balancers (ids). */
  private static Set<String> loadBalancerGroups(TerraformReading reading) {
    Set<String> groups = new LinkedHashSet<>();
    reading.resources("aws_lb").forEach(lb -> groups.addAll(strings(lb.at("security_groups"))));
    return groups;
  }
}
