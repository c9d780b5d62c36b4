package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.number;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;

/** The load balancer's view of the app: which endpoint tells it a task is healthy, and when. */
public final class LoadBalancerRules {

  /** What {@code /healthz} answers when the app and its Redis are well: exactly this status. */
  static final String HEALTHY = "200";

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
}
