package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stack's promises as pure checks over a {@link TerraformReading}: values Terraform computed,
 * relations as equal ids — never the spelling of the configuration.
 */
public final class TerraformRules {

  private static final Set<String> GROUP =
      Set.of("aws_security_group", "aws_default_security_group");
  private static final Set<String> SUBNET = Set.of("aws_subnet", "aws_default_subnet");
  private static final List<String> NAME_ATTRIBUTES =
      List.of(
          "name",
          "name_prefix",
          "family",
          "cluster_id",
          "replication_group_id",
          "identifier",
          "bucket");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TerraformRules() {}

  /** The ECS service: {@code expected} tasks on FARGATE, in private subnets, no public IP. */
  public static List<Finding> serviceRunsFargateTasksPrivately(
      TerraformReading reading, int expected) {
    List<Finding> out = new ArrayList<>();
    for (Resource service : requireSome(reading, "aws_ecs_service", out)) {
      Object count = service.at("desired_count");
      expect(
          out,
          service,
          "desired_count",
          number(count).filter(n -> n == expected).isPresent(),
          expected,
          count);
      expect(
          out,
          service,
          "launch_type",
          runsOnFargate(service),
          "\"FARGATE\" (or a FARGATE capacity provider)",
          service.at("launch_type"));
      Object publicIp = service.at("network_configuration.assign_public_ip");
      expect(
          out,
          service,
          "network_configuration.assign_public_ip",
          !Boolean.TRUE.equals(publicIp),
          false,
          publicIp);
      List<String> subnets = strings(service.at("network_configuration.subnets"));
      if (subnets.isEmpty()) {
        expect(out, service, "network_configuration.subnets", false, "private subnets", "none");
      }
      for (String id : subnets) {
        Optional<String> why = publicReason(reading, id);
        expect(
            out,
            service,
            "network_configuration.subnets",
            why.isEmpty(),
            "private subnets (no route to an internet gateway, no public IP on launch)",
            why.orElse(""));
      }
    }
    return out;
  }

  private static boolean runsOnFargate(Resource service) {
    if ("FARGATE".equals(service.at("launch_type"))) {
      return true;
    }
    List<Object> strategy = list(service.at("capacity_provider_strategy"));
    return !strategy.isEmpty()
        && strategy.stream()
            .allMatch(
                s ->
                    String.valueOf(TerraformReading.at(s, "capacity_provider"))
                        .startsWith("FARGATE"));
  }

  /** Why a subnet is not private, or empty when it is. */
  static Optional<String> publicReason(TerraformReading reading, String subnetId) {
    Optional<Resource> found = reading.byId(subnetId, SUBNET);
    if (found.isEmpty()) {
      return Optional.of("subnet \"" + subnetId + "\", not one this configuration declares");
    }
    Resource subnet = found.get();
    if (Boolean.TRUE.equals(subnet.at("map_public_ip_on_launch"))) {
      return Optional.of(subnet.address() + " (map_public_ip_on_launch = true)");
    }
    Optional<String> table = routeTable(reading, subnet);
    Set<Object> gateways =
        reading.resources("aws_internet_gateway").stream()
            .map(g -> g.values().get("id"))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    for (Route route : routes(reading)) {
      if (table.isPresent()
          && table.get().equals(route.table())
          && route.gateway().filter(gateways::contains).isPresent()) {
        return Optional.of(
            subnet.address()
                + " (routes "
                + route.destination()
                + " to "
                + reading.name(route.gateway().get(), Set.of("aws_internet_gateway"))
                + " through "
                + reading.name(route.table(), Set.of("aws_route_table", "aws_default_route_table"))
                + ")");
      }
    }
    return Optional.empty();
  }

  /** The route table of a subnet: its association, else the VPC's main route table. */
  private static Optional<String> routeTable(TerraformReading reading, Resource subnet) {
    Object id = subnet.values().get("id");
    for (Resource association : reading.resources("aws_route_table_association")) {
      if (Objects.equals(id, association.values().get("subnet_id"))) {
        return Optional.ofNullable(association.values().get("route_table_id")).map(String::valueOf);
      }
    }
    Object vpc = subnet.values().get("vpc_id");
    for (Resource main : reading.resources("aws_main_route_table_association")) {
      if (Objects.equals(vpc, main.values().get("vpc_id"))) {
        return Optional.ofNullable(main.values().get("route_table_id")).map(String::valueOf);
      }
    }
    for (Resource main : reading.resources("aws_default_route_table")) {
      if (Objects.equals(vpc, main.values().get("vpc_id"))) {
        return Optional.ofNullable(main.values().get("id")).map(String::valueOf);
      }
    }
    return Optional.empty();
  }

  record Route(String table, String destination, Optional<Object> gateway) {}

  private static List<Route> routes(TerraformReading reading) {
    List<Route> out = new ArrayList<>();
    for (String type : List.of("aws_route_table", "aws_default_route_table")) {
      for (Resource table : reading.resources(type)) {
        for (Object inline : list(table.at("route"))) {
          out.add(route(String.valueOf(table.values().get("id")), inline));
        }
      }
    }
    for (Resource route : reading.resources("aws_route")) {
      out.add(route(String.valueOf(route.values().get("route_table_id")), route.values()));
    }
    return out;
  }

  private static Route route(String table, Object route) {
    Object destination = TerraformReading.at(route, "destination_cidr_block");
    if (destination == null) {
      destination = TerraformReading.at(route, "cidr_block");
    }
    if (destination == null) {
      destination = TerraformReading.at(route, "ipv6_cidr_block");
    }
    if (destination == null) {
      destination = TerraformReading.at(route, "destination_ipv6_cidr_block");
    }
    return new Route(
        table,
        String.valueOf(destination),
        Optional.ofNullable(TerraformReading.at(route, "gateway_id")));
  }

  /** Deployment circuit breaker with rollback, 100 % minimum healthy, 200 % maximum. */
  public static List<Finding> deploymentRollsBackSafely(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    for (Resource service : requireSome(reading, "aws_ecs_service", out)) {
      Object enable = service.at("deployment_circuit_breaker.enable");
      Object rollback = service.at("deployment_circuit_breaker.rollback");
      expect(
          out,
          service,
          "deployment_circuit_breaker.enable",
          Boolean.TRUE.equals(enable),
          true,
          enable);
      expect(
          out,
          service,
          "deployment_circuit_breaker.rollback",
          Boolean.TRUE.equals(rollback),
          true,
          rollback);
      Object min = service.at("deployment_minimum_healthy_percent");
      Object max = service.at("deployment_maximum_percent");
      expect(
          out,
          service,
          "deployment_minimum_healthy_percent",
          number(min).filter(n -> n == 100).isPresent(),
          100,
          min);
      expect(
          out,
          service,
          "deployment_maximum_percent",
          number(max).filter(n -> n == 200).isPresent(),
          200,
          max);
    }
    return out;
  }

  /** Every ingress to Redis's security groups comes from the service's groups, and there is one. */
  public static List<Finding> redisOnlyFromService(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    Set<String> redisGroups = new LinkedHashSet<>();
    for (String type : List.of("aws_elasticache_cluster", "aws_elasticache_replication_group")) {
      reading.resources(type).forEach(r -> redisGroups.addAll(strings(r.at("security_group_ids"))));
    }
    Set<String> serviceGroups = serviceGroups(reading);
    if (redisGroups.isEmpty()) {
      out.add(
          Finding.inTerraform(
              reading.dir().toString(),
              "aws_elasticache_cluster",
              "security_group_ids",
              "Redis in a security group of its own",
              "none"));
      return out;
    }
    boolean reachable = false;
    for (Ingress ingress : Ingress.all(reading)) {
      if (!redisGroups.contains(ingress.target())) {
        continue;
      }
      boolean fromService =
          ingress.openTo().isEmpty()
              && !ingress.sourceGroups().isEmpty()
              && serviceGroups.containsAll(ingress.sourceGroups());
      reachable |= fromService;
      if (!fromService) {
        out.add(
            Finding.inTerraform(
                ingress.rule().declared().toString(),
                ingress.rule().address(),
                ingress.attribute(),
                "ingress to Redis only from the service's security group "
                    + names(reading, serviceGroups),
                ingress.describeSource(reading)));
      }
    }
    if (!reachable) {
      out.add(
          Finding.inTerraform(
              reading.dir().toString(),
              names(reading, redisGroups).toString(),
              "ingress",
              "Redis open to the service's security group " + names(reading, serviceGroups),
              "no such ingress rule"));
    }
    return out;
  }

  /** Nothing but the load balancer's group is open to the internet, and that only on 80 and 443. */
  public static List<Finding> onlyLoadBalancerOpenToWorld(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    Set<String> albGroups = loadBalancerGroups(reading);
    for (Ingress ingress : Ingress.all(reading)) {
      List<String> internet =
          ingress.openTo().stream().filter(TerraformRules::reachesTheInternet).toList();
      if (internet.isEmpty()) {
        continue;
      }
      if (!albGroups.contains(ingress.target())) {
        out.add(
            Finding.inTerraform(
                ingress.rule().declared().toString(),
                ingress.rule().address(),
                ingress.attribute(),
                "only the load balancer's security group "
                    + names(reading, albGroups)
                    + " open to the internet",
                reading.name(ingress.target(), GROUP) + " open to " + internet));
        continue;
      }
      boolean webPort =
          ingress.from() == ingress.to() && (ingress.from() == 80 || ingress.from() == 443);
      if (!webPort) {
        out.add(
            Finding.inTerraform(
                ingress.rule().declared().toString(),
                ingress.rule().address(),
                ingress.attribute(),
                "port 80 or 443 only",
                "ports " + ingress.ports()));
      }
    }
    return out;
  }

  /**
   * The service's security groups take traffic only from the load balancer's groups, on the
   * container port, and there is such a rule.
   */
  public static List<Finding> serviceOnlyFromLoadBalancer(TerraformReading reading, int port) {
    List<Finding> out = new ArrayList<>();
    Set<String> albGroups = loadBalancerGroups(reading);
    Set<String> serviceGroups = serviceGroups(reading);
    boolean reachable = false;
    for (Ingress ingress : Ingress.all(reading)) {
      if (!serviceGroups.contains(ingress.target())) {
        continue;
      }
      boolean fromLoadBalancer =
          ingress.openTo().isEmpty()
              && !ingress.sourceGroups().isEmpty()
              && albGroups.containsAll(ingress.sourceGroups());
      boolean appPort = ingress.from() == port && ingress.to() == port;
      reachable |= fromLoadBalancer && appPort;
      if (!fromLoadBalancer || !appPort) {
        out.add(
            Finding.inTerraform(
                ingress.rule().declared().toString(),
                ingress.rule().address(),
                ingress.attribute(),
                "port "
                    + port
                    + " only, from the load balancer's security group "
                    + names(reading, albGroups),
                "ports " + ingress.ports() + " from " + ingress.describeSource(reading)));
      }
    }
    if (!reachable) {
      out.add(
          Finding.inTerraform(
              reading.dir().toString(),
              names(reading, serviceGroups).toString(),
              "ingress",
              "port "
                  + port
                  + " open to the load balancer's security group "
                  + names(reading, albGroups),
              "no such ingress rule"));
    }
    return out;
  }

  /** Private, shared, link-local and loopback ranges: a source inside them is not the internet. */
  private static final List<String> NOT_INTERNET =
      List.of(
          "10.0.0.0/8",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "100.64.0.0/10",
          "169.254.0.0/16",
          "127.0.0.0/8",
          "fc00::/7",
          "fe80::/10",
          "::1/128");

  /**
   * A source CIDR reaches the internet unless it lies wholly inside a private range: {@code
   * 0.0.0.0/1} is half the internet, {@code 203.0.113.7/32} one host of it. A prefix list (or
   * anything that is no CIDR) cannot be judged here and does not count.
   */
  static boolean reachesTheInternet(String source) {
    Optional<Cidr> cidr = Cidr.parse(source);
    return cidr.isPresent()
        && NOT_INTERNET.stream()
            .map(Cidr::parse)
            .flatMap(Optional::stream)
            .noneMatch(range -> range.contains(cidr.get()));
  }

  /** An IPv4 or IPv6 block: its address bits and prefix length. */
  record Cidr(byte[] address, int prefix) {

    static Optional<Cidr> parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0
          || !text.matches("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*)/\\d{1,3}")) {
        return Optional.empty();
      }
      try {
        // a literal address only (the pattern above): no name is ever looked up
        byte[] address = java.net.InetAddress.getByName(text.substring(0, slash)).getAddress();
        int prefix = Integer.parseInt(text.substring(slash + 1));
        return prefix <= address.length * 8
            ? Optional.of(new Cidr(address, prefix))
            : Optional.empty();
      } catch (java.net.UnknownHostException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** {@code other} lies wholly inside this block. */
    boolean contains(Cidr other) {
      if (other.address.length != address.length || other.prefix < prefix) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (other.address[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The security groups the ECS services' tasks are in (ids). */
  private static Set<String> serviceGroups(TerraformReading reading) {
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

  private static List<String> names(TerraformReading reading, Collection<String> ids) {
    return ids.stream().map(id -> reading.name(id, GROUP)).toList();
  }

  /** Every container of every task definition names a user, and not root. */
  public static List<Finding> containersRunUnprivileged(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    for (Resource task : requireSome(reading, "aws_ecs_task_definition", out)) {
      Optional<List<Map<String, Object>>> containers = containers(task, out);
      for (Map<String, Object> container : containers.orElse(List.of())) {
        Object user = container.get("user");
        String text = user == null ? "" : String.valueOf(user).strip();
        String uid = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        expect(
            out,
            task,
            "container_definitions[" + container.get("name") + "].user",
            !uid.isEmpty() && !"0".equals(uid) && !"root".equals(uid),
            "a non-root user (e.g. \"10001:10001\")",
            user == null
                ? "none (the image's default, root unless it says otherwise)"
                : "\"" + user + "\"");
      }
    }
    return out;
  }

  /** The container's REDISHOST is the address of an ElastiCache node or endpoint of this stack. */
  public static List<Finding> redisHostFromElastiCache(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
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
    for (Resource task : requireSome(reading, "aws_ecs_task_definition", out)) {
      for (Map<String, Object> container : containers(task, out).orElse(List.of())) {
        Object value = null;
        for (Object env : list(container.get("environment"))) {
          if ("REDISHOST".equals(TerraformReading.at(env, "name"))) {
            value = TerraformReading.at(env, "value");
          }
        }
        expect(
            out,
            task,
            "container_definitions[" + container.get("name") + "].environment.REDISHOST",
            value != null && endpoints.contains(String.valueOf(value)),
            endpoints.isEmpty()
                ? "the address of an ElastiCache node, but this configuration declares none"
                : "the ElastiCache endpoint (an address of "
                    + reading.resources("aws_elasticache_cluster").stream()
                        .map(r -> r.address() + ".cache_nodes")
                        .collect(Collectors.joining(", "))
                    + (reading.resources("aws_elasticache_replication_group").isEmpty()
                        ? ""
                        : " or a replication group's endpoint")
                    + ")",
            value == null ? null : "\"" + value + "\"");
      }
    }
    return out;
  }

  private static Optional<List<Map<String, Object>>> containers(Resource task, List<Finding> out) {
    Object definitions = task.at("container_definitions");
    try {
      List<Map<String, Object>> parsed =
          JSON.readValue(String.valueOf(definitions), new TypeReference<>() {});
      return Optional.of(parsed);
    } catch (IOException e) {
      out.add(
          Finding.inTerraform(
              task.declared().toString(),
              task.address(),
              "container_definitions",
              "a JSON list of container definitions",
              Text.abbreviate(String.valueOf(definitions), 120)));
      return Optional.empty();
    }
  }

  /** The target group checks {@code path} and lets targets go within {@code maxDelaySeconds}. */
  public static List<Finding> targetGroupHealthCheck(
      TerraformReading reading, String path, int maxDelaySeconds) {
    List<Finding> out = new ArrayList<>();
    for (Resource group : requireSome(reading, "aws_lb_target_group", out)) {
      Object actual = group.at("health_check.path");
      expect(
          out,
          group,
          "health_check.path",
          path.equals(actual),
          "\"" + path + "\"",
          actual == null ? null : "\"" + actual + "\"");
      expect(
          out,
          group,
          "target_type",
          "ip".equals(group.at("target_type")),
          "\"ip\" (Fargate tasks)",
          group.at("target_type"));
      Object delay = group.at("deregistration_delay");
      expect(
          out,
          group,
          "deregistration_delay",
          number(delay).filter(d -> d <= maxDelaySeconds).isPresent(),
          "at most " + maxDelaySeconds + " s (the default 300 s dominates deploys)",
          delay);
    }
    return out;
  }

  /**
   * Every resource that takes tags carries {@code RunId = <the run id>} in its {@code tags_all}
   * (the provider's {@code default_tags} merged with its own), as the AWS provider plans it.
   */
  public static List<Finding> everythingTaggedWithRunId(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    for (Resource resource : reading.resources()) {
      if (!resource.values().containsKey("tags_all") || !resource.knownInPlan("tags_all")) {
        continue;
      }
      Object runId = resource.at("tags_all.RunId");
      expect(
          out,
          resource,
          "tags_all.RunId",
          reading.runId().equals(runId),
          "the run id (\"" + reading.runId() + "\", given as var.run_id)",
          runId == null ? "no RunId tag" : "\"" + runId + "\"");
    }
    return out;
  }

  /**
   * Every name the configuration gives a resource carries the run id, so parallel runs never
   * collide. Names AWS or the provider choose (unknown when planning) are unique already.
   */
  public static List<Finding> namesCarryRunId(TerraformReading reading) {
    List<Finding> out = new ArrayList<>();
    for (Resource resource : reading.resources()) {
      for (String attribute : NAME_ATTRIBUTES) {
        if (resource.values().get(attribute) instanceof String name
            && resource.knownInPlan(attribute)
            && !name.contains(reading.runId())) {
          out.add(
              Finding.inTerraform(
                  resource.declared().toString(),
                  resource.address(),
                  attribute,
                  "a name containing the run id (\"" + reading.runId() + "\", given as var.run_id)",
                  "\"" + name + "\""));
        }
      }
    }
    return out;
  }

  private static List<Resource> requireSome(
      TerraformReading reading, String type, List<Finding> out) {
    List<Resource> found = reading.resources(type);
    if (found.isEmpty()) {
      out.add(
          Finding.inTerraform(
              reading.dir().toString(), type, "", "a " + type + " resource", "none"));
    }
    return found;
  }

  private static void expect(
      List<Finding> out,
      Resource resource,
      String attribute,
      boolean ok,
      Object expected,
      Object actual) {
    if (!ok) {
      out.add(
          Finding.inTerraform(
              resource.declared().toString(),
              resource.address(),
              attribute,
              String.valueOf(expected),
              actual == null ? "unset" : String.valueOf(actual)));
    }
  }

  static Optional<Double> number(Object value) {
    if (value instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    if (value instanceof String s) {
      try {
        return Optional.of(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static List<Object> list(Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return value == null ? List.of() : List.of(value);
  }

  static List<String> strings(Object value) {
    return list(value).stream().filter(Objects::nonNull).map(String::valueOf).toList();
  }

  /**
   * One way into a security group, from any of the three ways Terraform can write it: an {@code
   * aws_vpc_security_group_ingress_rule}, an {@code aws_security_group_rule} of type ingress, or an
   * inline {@code ingress} block.
   *
   * @param rule the resource that declares it
   * @param attribute {@code ingress} for an inline block, else empty
   * @param target the id of the group it opens
   * @param openTo CIDR blocks and prefix lists it admits
   * @param sourceGroups ids of the groups it admits
   * @param from first port (0 for all traffic)
   * @param to last port (65535 for all traffic)
   */
  record Ingress(
      Resource rule,
      String attribute,
      String target,
      Set<String> openTo,
      Set<String> sourceGroups,
      int from,
      int to) {

    String ports() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }

    String describeSource(TerraformReading reading) {
      List<String> parts = new ArrayList<>(openTo);
      sourceGroups.forEach(g -> parts.add(reading.name(g, GROUP)));
      return parts.isEmpty() ? "no source" : String.join(", ", parts);
    }

    static List<Ingress> all(TerraformReading reading) {
      List<Ingress> all = new ArrayList<>();
      for (Resource rule : reading.resources("aws_vpc_security_group_ingress_rule")) {
        Map<String, Object> v = rule.values();
        all.add(
            of(
                rule,
                "",
                v.get("security_group_id"),
                set(v.get("cidr_ipv4"), v.get("cidr_ipv6"), v.get("prefix_list_id")),
                set(v.get("referenced_security_group_id")),
                v.get("ip_protocol"),
                v.get("from_port"),
                v.get("to_port")));
      }
      for (Resource rule : reading.resources("aws_security_group_rule")) {
        Map<String, Object> v = rule.values();
        if ("ingress".equals(v.get("type"))) {
          Set<String> sources = set(v.get("source_security_group_id"));
          if (Boolean.TRUE.equals(v.get("self"))) {
            sources.add(String.valueOf(v.get("security_group_id")));
          }
          all.add(
              of(
                  rule,
                  "",
                  v.get("security_group_id"),
                  set(v.get("cidr_blocks"), v.get("ipv6_cidr_blocks"), v.get("prefix_list_ids")),
                  sources,
                  v.get("protocol"),
                  v.get("from_port"),
                  v.get("to_port")));
        }
      }
      List<Resource> groups = new ArrayList<>(reading.resources("aws_security_group"));
      groups.addAll(reading.resources("aws_default_security_group"));
      for (Resource group : groups) {
        for (Object inline : list(group.at("ingress"))) {
          Set<String> sources = set(TerraformReading.at(inline, "security_groups"));
          if (Boolean.TRUE.equals(TerraformReading.at(inline, "self"))) {
            sources.add(String.valueOf(group.values().get("id")));
          }
          all.add(
              of(
                  group,
                  "ingress",
                  group.values().get("id"),
                  set(
                      TerraformReading.at(inline, "cidr_blocks"),
                      TerraformReading.at(inline, "ipv6_cidr_blocks"),
                      TerraformReading.at(inline, "prefix_list_ids")),
                  sources,
                  TerraformReading.at(inline, "protocol"),
                  TerraformReading.at(inline, "from_port"),
                  TerraformReading.at(inline, "to_port")));
        }
      }
      return all;
    }

    private static Ingress of(
        Resource rule,
        String attribute,
        Object target,
        Set<String> openTo,
        Set<String> sources,
        Object protocol,
        Object from,
        Object to) {
      boolean everything = "-1".equals(String.valueOf(protocol)) || "all".equals(protocol);
      return new Ingress(
          rule,
          attribute,
          String.valueOf(target),
          openTo,
          sources,
          everything ? 0 : number(from).map(Double::intValue).orElse(0),
          everything ? 65535 : number(to).map(Double::intValue).orElse(65535));
    }

    private static Set<String> set(Object... values) {
      Set<String> out = new LinkedHashSet<>();
      for (Object value : values) {
        strings(value).stream().filter(s -> !s.isEmpty()).forEach(out::add);
      }
      return out;
    }
  }
}
