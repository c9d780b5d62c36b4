package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;

/** Every resource says which run it belongs to: what a sweep finds leftovers by. */
public final class RunIdRules {

  private static final List<String> NAME_ATTRIBUTES =
      List.of(
          "name",
          "name_prefix",
          "family",
          "cluster_id",
          "replication_group_id",
          "identifier",
          "bucket");

  private RunIdRules() {}

  /**
   * Every resource that takes tags carries {@code RunId = <the run id>} in its {@code tags_all}
   * (the provider's {@code default_tags} merged with its own), as the AWS provider plans it.
   */
  public static List<Finding> everythingTaggedWithRunId(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource resource : reading.resources()) {
      if (!resource.values().containsKey("tags_all") || !resource.knownInPlan("tags_all")) {
        continue;
      }
      Object runId = resource.at("tags_all.RunId");
      found.expect(
          resource,
          "tags_all.RunId",
          reading.runId().equals(runId),
          "the run id (\"" + reading.runId() + "\", given as var.run_id)",
          runId == null ? "no RunId tag" : "\"" + runId + "\"");
    }
    return found.list();
  }

  /**
   * Every name the configuration gives a resource carries the run id, so parallel runs never
   * collide. Names AWS or the provider choose (unknown when planning) are unique already.
   */
  public static List<Finding> namesCarryRunId(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource resource : reading.resources()) {
      for (String attribute : NAME_ATTRIBUTES) {
        if (resource.values().get(attribute) instanceof String name
            && resource.knownInPlan(attribute)) {
          found.expect(
              resource,
              attribute,
              name.contains(reading.runId()),
              "a name containing the run id (\"" + reading.runId() + "\", given as var.run_id)",
              "\"" + name + "\"");
        }
      }
    }
    return found.list();
  }
}
