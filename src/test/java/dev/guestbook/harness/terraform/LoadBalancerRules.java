package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The load balancer's view of the app: which endpoint tells it a task is healthy, and when, and
 * that what it sends to is a container port the task listens on.
 */
public final class LoadBalancerRules {

  /** What {@code /healthz} answers when the app and its Redis are well: exactly this status. */
  static final String HEALTHY = "200";

  private static final Set<String> TARGET_GROUP = Set.of("aws_lb_target_group");

  private LoadBalancerRules() {}

  /**
   * The target group checks {@code path}, counts only {@value #HEALTHY} as healthy (unset is AWS's
   * default, 200), targets IPs (Fargate) and lets targets go within {@code maxDelaySeconds}.
   */
  public static List<Finding> targetGroupHealthCheck(
      TerraformReading reading, String path, int maxDelaySeconds) {
    Findings found = new Findings(reading);
    for (Resource group : found.requireSome("aws_lb_target_group")) {
      Object actual = group.at("health_check.path");
      found.expect(
          group,
          "health_check.path",
          path.equals(actual),
          "\"" + path + "\"",
          actual == null ? null : "\"" + actual + "\"");
      Object protocol = group.at("health_check.protocol");
      found.expect(
          group,
          "health_check.protocol",
          protocol == null || "HTTP".equals(protocol),
          "\"HTTP\" (the app serves plain HTTP)",
          "\"" + protocol + "\"");
      Object matcher = group.at("health_check.matcher");
      found.expect(
          group,
          "health_check.matcher",
          matcher == null || HEALTHY.equals(String.valueOf(matcher).strip()),
          "\"" + HEALTHY + "\" only (what " + path + " answers when healthy; no 4xx or 5xx)",
          "\"" + matcher + "\"");
      found.expect(
          group,
          "target_type",
          "ip".equals(group.at("target_type")),
          "\"ip\" (Fargate tasks)",
          group.at("target_type"));
      Object delay = group.at("deregistration_delay");
      found.expect(
          group,
          "deregistration_delay",
          number(delay).filter(d -> d <= maxDelaySeconds).isPresent(),
          "at most " + maxDelaySeconds + " s (the default 300 s dominates deploys)",
          delay);
    }
    return found.list();
  }

  /**
   * Each {@code load_balancer} block of a service names a container of its task definition and a
   * port that container maps, and registers it in a target group that speaks HTTP on that port: ECS
   * itself refuses a wrong name or port only when the service is created, minutes into a run. A
   * service without a load balancer (a background worker) is not asked for one, as long as some
   * service has one.
   */
  public static List<Finding> loadBalancerReachesTheContainer(TerraformReading reading) {
    Findings found = new Findings(reading);
    List<Resource> services = found.requireSome("aws_ecs_service");
    boolean fronted = false;
    for (Resource service : services) {
      Optional<Resource> task =
          TaskDefinitions.taskDefinition(reading, service.at("task_definition"));
      List<Object> blocks = list(service.at("load_balancer"));
      fronted |= !blocks.isEmpty();
      List<Map<String, Object>> containers =
          blocks.isEmpty()
              ? List.of()
              : task.flatMap(t -> TaskDefinitions.containers(t, found)).orElse(List.of());
      for (Object block : blocks) {
        judgeLoadBalancerBlock(found, reading, service, task, containers, block);
      }
    }
    if (!services.isEmpty() && !fronted) {
      found.expect(
          services.get(0),
          "load_balancer",
          false,
          "a target group for the app on at least one service",
          "none on any of " + services.stream().map(Resource::address).toList());
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
    Optional<Double> listensOn =
        container.flatMap(c -> TaskDefinitions.env(c, "PORT")).flatMap(Values::number);
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

  private static String containerNames(List<Map<String, Object>> containers) {
    return containers.stream().map(c -> "\"" + c.get("name") + "\"").toList().toString();
  }

  private static String ports(List<Double> ports) {
    return ports.stream().map(p -> Integer.toString(p.intValue())).toList().toString();
  }
}
