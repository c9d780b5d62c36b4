package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.TerraformModule.at;
import static dev.guestbook.harness.terraform.TerraformModule.blocks;

import dev.guestbook.harness.verdict.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stack's promises as pure checks over a parsed {@link TerraformModule}. */
public final class TerraformRules {

  static final Set<String> WORLD = Set.of("0.0.0.0/0", "::/0");
  private static final Pattern SG_REFERENCE =
      Pattern.compile("(aws_security_group\\.[A-Za-z0-9_-]+)\\.id");
  private static final List<String> NAME_ATTRIBUTES =
      List.of("name", "name_prefix", "family", "cluster_id", "identifier");

  private TerraformRules() {}

  /** The ECS service: {@code expected} tasks on FARGATE, in the private subnets, no public IP. */
  public static List<Finding> serviceRunsFargateTasksPrivately(
      TerraformModule module, int expected) {
    List<Finding> out = new ArrayList<>();
    List<TfResource> services = requireSome(module, "aws_ecs_service", out);
    for (TfResource service : services) {
      Object count = module.resolve(service.body().get("desired_count"));
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
          "FARGATE".equals(service.body().get("launch_type")),
          "\"FARGATE\"",
          service.body().get("launch_type"));
      Object publicIp = at(service.body(), "network_configuration.assign_public_ip");
      expect(
          out,
          service,
          "network_configuration.assign_public_ip",
          Boolean.FALSE.equals(publicIp),
          false,
          publicIp);
      Object subnets = at(service.body(), "network_configuration.subnets");
      expect(
          out,
          service,
          "network_configuration.subnets",
          references(subnets).stream().allMatch(r -> r.startsWith("aws_subnet.private"))
              && !references(subnets).isEmpty(),
          "the private subnets (aws_subnet.private)",
          subnets);
    }
    return out;
  }

  /** Deployment circuit breaker with rollback, 100 % minimum healthy, 200 % maximum. */
  public static List<Finding> deploymentRollsBackSafely(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    for (TfResource service : requireSome(module, "aws_ecs_service", out)) {
      Object enable = at(service.body(), "deployment_circuit_breaker.enable");
      Object rollback = at(service.body(), "deployment_circuit_breaker.rollback");
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
      Object min = module.resolve(service.body().get("deployment_minimum_healthy_percent"));
      Object max = module.resolve(service.body().get("deployment_maximum_percent"));
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

  /** Every ingress to Redis's security group comes from the service's group, and there is one. */
  public static List<Finding> redisOnlyFromService(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    Set<String> redisGroups = new LinkedHashSet<>();
    for (String type : List.of("aws_elasticache_cluster", "aws_elasticache_replication_group")) {
      module
          .resources(type)
          .forEach(r -> redisGroups.addAll(securityGroups(r.body().get("security_group_ids"))));
    }
    Set<String> serviceGroups = serviceGroups(module);
    if (redisGroups.isEmpty()) {
      out.add(
          Finding.inTerraform(
              module.dir(),
              "aws_elasticache_cluster",
              "security_group_ids",
              "Redis in a security group of its own",
              "none"));
      return out;
    }
    boolean reachable = false;
    for (Ingress ingress : Ingress.all(module)) {
      if (!redisGroups.contains(ingress.target())) {
        continue;
      }
      boolean fromService =
          ingress.sourceGroup().filter(serviceGroups::contains).isPresent()
              && ingress.cidrs().isEmpty();
      reachable |= fromService;
      if (!fromService) {
        out.add(
            Finding.inTerraform(
                ingress.file(),
                ingress.address(),
                ingress.attribute(),
                "ingress to Redis only from the service's security group " + serviceGroups,
                ingress.describeSource()));
      }
    }
    if (!reachable) {
      out.add(
          Finding.inTerraform(
              module.dir(),
              String.join(",", redisGroups),
              "ingress",
              "port 6379 open to the service's security group " + serviceGroups,
              "no such ingress rule"));
    }
    return out;
  }

  /** Nothing but the load balancer's group is open to the internet, and that only on 80 and 443. */
  public static List<Finding> onlyLoadBalancerOpenToWorld(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    Set<String> albGroups = loadBalancerGroups(module);
    for (Ingress ingress : Ingress.all(module)) {
      if (ingress.cidrs().stream().noneMatch(WORLD::contains)) {
        continue;
      }
      if (!albGroups.contains(ingress.target())) {
        out.add(
            Finding.inTerraform(
                ingress.file(),
                ingress.address(),
                ingress.attribute(),
                "only the load balancer's security group " + albGroups + " open to " + WORLD,
                ingress.target() + " open to " + ingress.cidrs()));
        continue;
      }
      Optional<Double> from = number(module.resolve(ingress.from()));
      Optional<Double> to = number(module.resolve(ingress.to()));
      boolean webPort =
          from.isPresent() && from.equals(to) && (from.get() == 80 || from.get() == 443);
      if (!webPort) {
        out.add(
            Finding.inTerraform(
                ingress.file(),
                ingress.address(),
                ingress.attribute(),
                "port 80 or 443 only",
                "ports " + ingress.from() + "-" + ingress.to()));
      }
    }
    return out;
  }

  /**
   * The service's security groups take traffic only from the load balancer's group, on the
   * container port, and there is such a rule.
   */
  public static List<Finding> serviceOnlyFromLoadBalancer(TerraformModule module, int port) {
    List<Finding> out = new ArrayList<>();
    Set<String> albGroups = loadBalancerGroups(module);
    Set<String> serviceGroups = serviceGroups(module);
    boolean reachable = false;
    for (Ingress ingress : Ingress.all(module)) {
      if (!serviceGroups.contains(ingress.target())) {
        continue;
      }
      Optional<Double> from = number(module.resolve(ingress.from()));
      Optional<Double> to = number(module.resolve(ingress.to()));
      boolean fromLoadBalancer =
          ingress.sourceGroup().filter(albGroups::contains).isPresent()
              && ingress.cidrs().isEmpty();
      boolean appPort = from.isPresent() && from.equals(to) && from.get() == port;
      reachable |= fromLoadBalancer && appPort;
      if (!fromLoadBalancer || !appPort) {
        out.add(
            Finding.inTerraform(
                ingress.file(),
                ingress.address(),
                ingress.attribute(),
                "port " + port + " only, from the load balancer's security group " + albGroups,
                "ports "
                    + portText(from, ingress.from())
                    + "-"
                    + portText(to, ingress.to())
                    + " from "
                    + ingress.describeSource()));
      }
    }
    if (!reachable) {
      out.add(
          Finding.inTerraform(
              module.dir(),
              String.join(",", serviceGroups),
              "ingress",
              "port " + port + " open to the load balancer's security group " + albGroups,
              "no such ingress rule"));
    }
    return out;
  }

  /** The security groups the ECS services' tasks are in. */
  private static Set<String> serviceGroups(TerraformModule module) {
    Set<String> groups = new LinkedHashSet<>();
    module
        .resources("aws_ecs_service")
        .forEach(
            s ->
                groups.addAll(
                    securityGroups(at(s.body(), "network_configuration.security_groups"))));
    return groups;
  }

  /** The security groups of the load balancers. */
  private static Set<String> loadBalancerGroups(TerraformModule module) {
    Set<String> groups = new LinkedHashSet<>();
    module
        .resources("aws_lb")
        .forEach(lb -> groups.addAll(securityGroups(lb.body().get("security_groups"))));
    return groups;
  }

  private static String portText(Optional<Double> resolved, Object raw) {
    return resolved.map(n -> Long.toString(n.longValue())).orElse(String.valueOf(raw));
  }

  /** Every container of every task definition names a user, and not root. */
  public static List<Finding> containersRunUnprivileged(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    for (TfResource task : requireSome(module, "aws_ecs_task_definition", out)) {
      for (Map<String, Object> container : blocks(task.body().get("container_definitions"))) {
        Object user = container.get("user");
        String text = user == null ? "" : String.valueOf(module.resolve(user)).strip();
        String uid = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        expect(
            out,
            task,
            "container_definitions[" + container.get("name") + "].user",
            !uid.isEmpty() && !"0".equals(uid) && !"root".equals(uid),
            "a non-root user (e.g. \"10001:10001\")",
            user == null ? "none (the image's default, root unless it says otherwise)" : user);
      }
    }
    return out;
  }

  /** The container's REDISHOST comes from the ElastiCache resource's endpoint address. */
  public static List<Finding> redisHostFromElastiCache(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    for (TfResource task : requireSome(module, "aws_ecs_task_definition", out)) {
      Object definitions = task.body().get("container_definitions");
      List<Map<String, Object>> containers = blocks(definitions);
      if (containers.isEmpty()) {
        out.add(
            Finding.inTerraform(
                task.file(),
                task.address(),
                "container_definitions",
                "jsonencode([...]) of container definitions",
                String.valueOf(definitions)));
        continue;
      }
      for (Map<String, Object> container : containers) {
        Object value = null;
        for (Map<String, Object> env : blocks(container.get("environment"))) {
          if ("REDISHOST".equals(env.get("name"))) {
            value = env.get("value");
          }
        }
        String text = String.valueOf(module.resolve(value));
        boolean fromElastiCache =
            (text.startsWith("aws_elasticache_cluster.")
                    && text.contains(".cache_nodes")
                    && text.endsWith(".address"))
                || (text.startsWith("aws_elasticache_replication_group.")
                    && text.endsWith(".primary_endpoint_address"));
        expect(
            out,
            task,
            "container_definitions[" + container.get("name") + "].environment.REDISHOST",
            fromElastiCache,
            "the ElastiCache endpoint (aws_elasticache_cluster.<name>.cache_nodes[0].address)",
            value);
      }
    }
    return out;
  }

  /** The target group checks {@code path} and lets targets go within {@code maxDelaySeconds}. */
  public static List<Finding> targetGroupHealthCheck(
      TerraformModule module, String path, int maxDelaySeconds) {
    List<Finding> out = new ArrayList<>();
    for (TfResource group : requireSome(module, "aws_lb_target_group", out)) {
      Object actual = module.resolve(at(group.body(), "health_check.path"));
      expect(out, group, "health_check.path", path.equals(actual), "\"" + path + "\"", actual);
      expect(
          out,
          group,
          "target_type",
          "ip".equals(group.body().get("target_type")),
          "\"ip\" (Fargate tasks)",
          group.body().get("target_type"));
      Object delay = module.resolve(group.body().get("deregistration_delay"));
      expect(
          out,
          group,
          "deregistration_delay",
          number(delay).filter(d -> d <= maxDelaySeconds).isPresent(),
          "at most " + maxDelaySeconds + " s (the default 300 s dominates deploys)",
          delay == null ? "unset (300 s)" : delay);
    }
    return out;
  }

  /** The AWS provider tags everything with the run id. */
  public static List<Finding> everythingTaggedWithRunId(TerraformModule module) {
    Path file = module.providerFile("aws").orElse(module.dir());
    Object tags = module.resolve(at(module.provider("aws"), "default_tags.tags"));
    Object runId = tags instanceof Map<?, ?> map ? module.resolve(map.get("RunId")) : null;
    if ("var.run_id".equals(runId)) {
      return List.of();
    }
    return List.of(
        Finding.inTerraform(
            file, "provider.aws", "default_tags.tags.RunId", "var.run_id", String.valueOf(runId)));
  }

  /** Every resource name carries the run id, so parallel runs never collide. */
  public static List<Finding> namesCarryRunId(TerraformModule module) {
    List<Finding> out = new ArrayList<>();
    for (TfResource resource : module.resources()) {
      for (String attribute : NAME_ATTRIBUTES) {
        Object value = resource.body().get(attribute);
        if (value instanceof String name
            && !(name.contains("local.name") || name.contains("var.run_id"))) {
          out.add(
              Finding.inTerraform(
                  resource.file(),
                  resource.address(),
                  attribute,
                  "a name containing local.name or var.run_id",
                  "\"" + name + "\""));
        }
      }
    }
    return out;
  }

  private static List<TfResource> requireSome(
      TerraformModule module, String type, List<Finding> out) {
    List<TfResource> found = module.resources(type);
    if (found.isEmpty()) {
      out.add(Finding.inTerraform(module.dir(), type, "", "a " + type + " resource", "none"));
    }
    return found;
  }

  private static void expect(
      List<Finding> out,
      TfResource resource,
      String attribute,
      boolean ok,
      Object expected,
      Object actual) {
    if (!ok) {
      out.add(
          Finding.inTerraform(
              resource.file(),
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

  static List<String> references(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  static Set<String> securityGroups(Object value) {
    Set<String> groups = new LinkedHashSet<>();
    for (String reference : references(value)) {
      Matcher m = SG_REFERENCE.matcher(reference);
      groups.add(m.find() ? m.group(1) : reference);
    }
    return groups;
  }

  /** One way in, from any of the three ways Terraform can write an ingress rule. */
  record Ingress(
      Path file,
      String address,
      String attribute,
      String target,
      Set<String> cidrs,
      Optional<String> sourceGroup,
      Object from,
      Object to) {

    String describeSource() {
      List<String> parts = new ArrayList<>(cidrs);
      sourceGroup.ifPresent(parts::add);
      return parts.isEmpty() ? "no source" : String.join(", ", parts);
    }

    static List<Ingress> all(TerraformModule module) {
      List<Ingress> all = new ArrayList<>();
      for (TfResource rule : module.resources("aws_vpc_security_group_ingress_rule")) {
        Map<String, Object> b = rule.body();
        all.add(
            new Ingress(
                rule.file(),
                rule.address(),
                "",
                group(b.get("security_group_id")),
                cidrs(b.get("cidr_ipv4"), b.get("cidr_ipv6")),
                Optional.ofNullable(b.get("referenced_security_group_id"))
                    .map(TerraformRules::group),
                b.get("from_port"),
                b.get("to_port")));
      }
      for (TfResource rule : module.resources("aws_security_group_rule")) {
        Map<String, Object> b = rule.body();
        if ("ingress".equals(b.get("type"))) {
          all.add(
              new Ingress(
                  rule.file(),
                  rule.address(),
                  "",
                  group(b.get("security_group_id")),
                  cidrs(b.get("cidr_blocks"), b.get("ipv6_cidr_blocks")),
                  Optional.ofNullable(b.get("source_security_group_id")).map(TerraformRules::group),
                  b.get("from_port"),
                  b.get("to_port")));
        }
      }
      for (TfResource group : module.resources("aws_security_group")) {
        for (Map<String, Object> inline : blocks(group.body().get("ingress"))) {
          Set<String> sources = securityGroups(inline.get("security_groups"));
          all.add(
              new Ingress(
                  group.file(),
                  group.address(),
                  "ingress",
                  group.type() + "." + group.name(),
                  cidrs(inline.get("cidr_blocks"), inline.get("ipv6_cidr_blocks")),
                  sources.stream().findFirst(),
                  inline.get("from_port"),
                  inline.get("to_port")));
        }
      }
      return all;
    }

    private static Set<String> cidrs(Object... values) {
      Set<String> out = new LinkedHashSet<>();
      for (Object value : values) {
        references(value).stream().filter(Objects::nonNull).forEach(out::add);
      }
      return out;
    }
  }

  static String group(Object reference) {
    Set<String> groups = securityGroups(reference);
    return groups.isEmpty() ? String.valueOf(reference) : groups.iterator().next();
  }
}
