package dev.guestbook.harness.verdict;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every resource a run created carries its run id, as AWS itself reports the tags: the sweep finds
 * leftovers by that tag, so an untagged resource is one it would never find.
 */
public final class TagVerdict {

  /**
   * One resource in the run's Terraform state.
   *
   * @param address its Terraform address
   * @param type its resource type
   * @param ids the ids AWS may list it by (ARN, id, name)
   */
  public record StateResource(String address, String type, Set<String> ids) {}

  /** Resource types the sweep lists through the AWS APIs, with their tags. */
  public static final Map<String, String> SWEPT_TYPES =
      Map.ofEntries(
          Map.entry("aws_ecs_cluster", "ecs-cluster"),
          Map.entry("aws_lb", "load-balancer"),
          Map.entry("aws_lb_target_group", "target-group"),
          Map.entry("aws_ecr_repository", "ecr-repository"),
          Map.entry("aws_cloudwatch_log_group", "log-group"),
          Map.entry("aws_elasticache_cluster", "elasticache-cluster"),
          Map.entry("aws_elasticache_subnet_group", "elasticache-subnet-group"),
          Map.entry("aws_vpc", "vpc"),
          Map.entry("aws_subnet", "subnet"),
          Map.entry("aws_security_group", "security-group"),
          Map.entry("aws_internet_gateway", "internet-gateway"),
          Map.entry("aws_route_table", "route-table"),
          Map.entry("aws_eip", "elastic-ip"),
          Map.entry("aws_nat_gateway", "natgateway"));

  private TagVerdict() {}

  /**
   * The resources of kinds the sweep lists that the sweep did not find tagged with the run id, one
   * line each: where (address), expected (the RunId tag), actual (not listed with it).
   *
   * @param taggedIds the ids the sweep found tagged with the run id
   */
  public static List<Finding> untagged(
      String runId, List<StateResource> state, Set<String> taggedIds) {
    return state.stream()
        .filter(r -> SWEPT_TYPES.containsKey(r.type()))
        .filter(r -> r.ids().stream().noneMatch(taggedIds::contains))
        .map(
            r ->
                new Finding(
                    r.address() + " " + r.ids(),
                    "tags as AWS lists them",
                    "the tag RunId=" + runId,
                    "no " + SWEPT_TYPES.get(r.type()) + " with that tag"))
        .toList();
  }
}
