package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;
import static dev.guestbook.harness.terraform.Values.strings;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;
import java.util.Map;

/** The ECS service's promises: where and how its tasks run, how it deploys, what it serves. */
public final class ServiceRules {

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
      for (Map<String, Object> container :
          TaskDefinitions.containers(task, found).orElse(List.of())) {
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
}
