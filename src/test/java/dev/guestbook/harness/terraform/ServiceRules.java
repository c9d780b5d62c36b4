package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;
import static dev.guestbook.harness.terraform.Values.strings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The ECS service's promises: where and how its tasks run, how it deploys, what it serves. */
public final class ServiceRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TARGET_GROUP = Set.of("aws_lb_target_group");

  private ServiceRules() {}

  /** The ECS service: {@code expected} tasks on FARGATE, in private subnets, no public IP. */
  public static List<Finding> serviceRunsFargateTasksPrivately(
      TerraformReading reading, int expected) {
    Findings found = new Findings(reading);
    for (Resource service : found.requireSome("aws_ecs_service")) {
      Object count = service.at("desired_count");
      found.expect(
          service,
          "desired_count",
          number(count).filter(n -> n == expected).isPresent(),
          expected,
          count);
      found.expect(
          service,
          "launch_type",
          runsOnFargate(service),
          "\"FARGATE\" (or a FARGATE capacity provider)",
          service.at("launch_type"));
      Object publicIp = service.at("network_configuration.assign_public_ip");
      found.expect(
          service,
          "network_configuration.assign_public_ip",
          !Boolean.TRUE.equals(publicIp),
          false,
          publicIp);
      List<String> subnets = strings(service.at("network_configuration.subnets"));
      found.expect(
          service, "network_configuration.subnets", !subnets.isEmpty(), "private subnets", "none");
      for (String id : subnets) {
        found.privateSubnet(
            service,
            "network_configuration.subnets",
            Routing.place(reading, id),
            "private subnets (no route to an internet gateway, no public IP on launch)");
      }
    }
    return found.list();
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

  /** Deployment circuit breaker with rollback, 100 % minimum healthy, 200 % maximum. */
  public static List<Finding> deploymentRollsBackSafely(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource service : found.requireSome("aws_ecs_service")) {
      for (String attribute :
          List.of("deployment_circuit_breaker.enable", "deployment_circuit_breaker.rollback")) {
        Object value = service.at(attribute);
        found.expect(service, attribute, Boolean.TRUE.equals(value), true, value);
      }
      Object min = service.at("deployment_minimum_healthy_percent");
      Object max = service.at("deployment_maximum_percent");
      found.expect(
          service,
          "deployment_minimum_healthy_percent",
          number(min).filter(n -> n == 100).isPresent(),
          100,
          min);
      found.expect(
          service,
          "deployment_maximum_percent",
          number(max).filter(n -> n == 200).isPresent(),
          200,
          max);
    }
    return found.list();
  }

  /** Every container of every task definition names a user, and not root. */
  public static List<Finding> containersRunUnprivileged(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource task : found.requireSome("aws_ecs_task_definition")) {
      for (Map<String, Object> container : containers(task, found).orElse(List.of())) {
        Object user = container.get("user");
        String text = user == null ? "" : String.valueOf(user).strip();
        String uid = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        // "00" or "+0" is uid 0 to the container runtime as much as "0" is
        boolean root = "root".equals(uid) || uid.matches("\\+?0+");
        found.expect(
            task,
            "container_definitions[" + container.get("name") + "].user",
            !uid.isEmpty() && !root,
            "a non-root user (e.g. \"10001:10001\")",
            user == null
                ? "none (the image's default, root unless it says otherwise)"
                : "\"" + user + "\"");
      }
    }
    return found.list();
  }

  /**
   * Each {@code load_balancer} block of a service names a container of its task definition and a
   * port that container maps, and registers it in a target group that speaks HTTP on that port: ECS
   * itself refuses a wrong name or port only when the service is created, minutes into a run.
   */
  public static List<Finding> loadBalancerReachesTheContainer(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource service : found.requireSome("aws_ecs_service")) {
      Optional<Resource> task = taskDefinition(reading, service.at("task_definition"));
      List<Map<String, Object>> containers =
          task.flatMap(t -> containers(t, found)).orElse(List.of());
      List<Object> blocks = list(service.at("load_balancer"));
      found.expect(
          service, "load_balancer", !blocks.isEmpty(), "a target group for the app", "none");
      for (Object block : blocks) {
        judgeLoadBalancerBlock(found, reading, service, task, containers, block);
      }
    }
    return found.list();
  }

  /**
   * One {@code load_balancer} block: its container exists and maps its port, the container listens
   * there ({@code PORT}), and its target group fits.
   */
  private static void judgeLoadBalancerBlock(
      Findings found,
      TerraformReading reading,
      Resource service,
      Optional<Resource> task,
      List<Map<String, Object>> containers,
      Object block) {
    Object name = TerraformReading.at(block, "container_name");
    Optional<Double> port = number(TerraformReading.at(block, "container_port"));
    Optional<Map<String, Object>> container =
        containers.stream().filter(c -> Objects.equals(c.get("name"), name)).findFirst();
    if (task.isPresent()) {
      found.expect(
          service,
          "load_balancer.container_name",
          container.isPresent(),
          "a container of " + task.get().address() + " " + containerNames(containers),
          name == null ? null : "\"" + name + "\"");
    }
    List<Double> mapped =
        container.map(c -> list(c.get("portMappings"))).orElse(List.of()).stream()
            .map(m -> number(TerraformReading.at(m, "containerPort")))
            .flatMap(Optional::stream)
            .toList();
    found.expect(
        service,
        "load_balancer.container_port",
        container.isEmpty() || port.filter(mapped::contains).isPresent(),
        "a port container \"" + name + "\" maps " + ports(mapped),
        port.map(p -> Integer.toString(p.intValue())).orElse(null));
    Optional<Double> listensOn = container.flatMap(c -> env(c, "PORT")).flatMap(Values::number);
    if (task.isPresent() && listensOn.isPresent()) {
      found.expect(
          task.get(),
          "container_definitions[" + name + "].environment.PORT",
          port.isEmpty() || listensOn.equals(port),
          "the port the load balancer sends to, "
              + port.map(p -> Integer.toString(p.intValue())).orElse("?"),
          Integer.toString(listensOn.get().intValue()));
    }
    reading
        .byId(TerraformReading.at(block, "target_group_arn"), TARGET_GROUP)
        .or(() -> byArn(reading, TerraformReading.at(block, "target_group_arn")))
        .ifPresent(group -> targetGroupFits(found, group, port));
  }

  /**
   * The target group speaks HTTP, and its health check asks the port ECS registers (the container
   * port): the group's own {@code port} is only a default, which ECS overrides for the IPs it
   * registers, so it is not judged.
   */
  private static void targetGroupFits(Findings found, Resource group, Optional<Double> port) {
    Object protocol = group.at("protocol");
    found.expect(
        group,
        "protocol",
        "HTTP".equals(protocol),
        "\"HTTP\" (the app speaks plain HTTP)",
        protocol);
    Object checked = group.at("health_check.port");
    String text = checked == null ? "traffic-port" : String.valueOf(checked);
    found.expect(
        group,
        "health_check.port",
        text.equals("traffic-port") || port.isEmpty() || number(text).equals(port),
        "\"traffic-port\" or the container port "
            + port.map(p -> Integer.toString(p.intValue())).orElse("?"),
        "\"" + text + "\"");
  }

  private static Optional<Resource> byArn(TerraformReading reading, Object arn) {
    return reading.resources("aws_lb_target_group").stream()
        .filter(g -> arn != null && arn.equals(g.values().get("arn")))
        .findFirst();
  }

  /** The task definition a service names: by ARN, by family, or by {@code family:revision}. */
  private static Optional<Resource> taskDefinition(TerraformReading reading, Object named) {
    if (named == null) {
      return Optional.empty();
    }
    String text = String.valueOf(named);
    return reading.resources("aws_ecs_task_definition").stream()
        .filter(
            t ->
                text.equals(t.values().get("arn"))
                    || text.equals(t.values().get("arn_without_revision"))
                    || text.equals(t.values().get("family"))
                    || text.startsWith(t.values().get("family") + ":"))
        .findFirst();
  }

  private static String containerNames(List<Map<String, Object>> containers) {
    return containers.stream().map(c -> "\"" + c.get("name") + "\"").toList().toString();
  }

  private static String ports(List<Double> ports) {
    return ports.stream().map(p -> Integer.toString(p.intValue())).toList().toString();
  }

  /** The value of the container's environment variable {@code name}, if it sets one. */
  static Optional<Object> env(Map<String, Object> container, String name) {
    return list(container.get("environment")).stream()
        .filter(e -> name.equals(TerraformReading.at(e, "name")))
        .map(e -> TerraformReading.at(e, "value"))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The task's container definitions, parsed; a finding when they are no JSON list. */
  static Optional<List<Map<String, Object>>> containers(Resource task, Findings found) {
    Object definitions = task.at("container_definitions");
    try {
      List<Map<String, Object>> parsed =
          JSON.readValue(String.valueOf(definitions), new TypeReference<>() {});
      return Optional.of(parsed);
    } catch (IOException e) {
      found.expect(
          task,
          "container_definitions",
          false,
          "a JSON list of container definitions",
          Text.abbreviate(String.valueOf(definitions), 120));
      return Optional.empty();
    }
  }
}
