package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;
import java.util.Optional;

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
    String expected = "the run id (\"" + reading.runId() + "\", given as var.run_id)";
    boolean byDefault = runIdByDefault(reading);
    for (Resource resource : reading.resources()) {
      if (!resource.values().containsKey("tags_all")) {
        continue;
      }
      if (resource.knownInPlan("tags_all")) {
        Object runId = resource.at("tags_all.RunId");
        found.expect(
            resource,
            "tags_all.RunId",
            reading.runId().equals(runId),
            expected,
            runId == null ? "no RunId tag" : "\"" + runId + "\"");
      } else if (!resource.knownInPlan("tags.RunId")) {
        // the run id is var.run_id, known when planning: a RunId only AWS knows is another value
        found.expect(resource, "tags.RunId", false, expected, "a value known only after apply");
      } else {
        // tags_all unknown when planning: its RunId is the resource's own, else the default's
        Object runId = resource.at("tags.RunId");
        found.expect(
            resource,
            "tags.RunId",
            runId == null ? byDefault : reading.runId().equals(runId),
            expected,
            runId == null ? "no RunId tag (and none in default_tags)" : "\"" + runId + "\"");
      }
    }
    return found.list();
  }

  /**
   * The provider's {@code default_tags} give the run id: some resource without a RunId of its own
   * has it in the {@code tags_all} the plan knows (the plan's JSON has no provider configuration).
   */
  private static boolean runIdByDefault(TerraformReading reading) {
    return reading.resources().stream()
        .anyMatch(
            r ->
                r.knownInPlan("tags_all")
                    && reading.runId().equals(r.at("tags_all.RunId"))
                    && r.at("tags.RunId") == null);
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
          Optional<String> given = reading.lookedUpIn(name);
          if (given.isPresent() && !name.contains(reading.runId())) {
            found.add(
                Finding.notJudgeableOffline(
                    resource.declared().toString(),
                    resource.address(),
                    attribute,
                    "a name containing the run id",
                    "\""
                        + name
                        + "\", made of "
                        + given.get()
                        + ", whose value is not given here"));
            continue;
          }
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
