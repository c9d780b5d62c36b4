package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.process.Executables;
import dev.guestbook.harness.terraform.CiRolePolicyRules.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real IAM policy engine's decisions on the CI role's policy (@cloud-copilot/iam-simulate, run by
 * {@code .ci/policy-engine/decide.mjs}): every call of a run ({@link RunCalls#of}) on the resource
 * and tags it has in a run is allowed, every escalation ({@link RunCalls#escalations}) is denied,
 * for the default prefix and another one rendered from the template; and a role the CI creates
 * under the boundary, even given every action, may do only what the boundary allows. Skipped, with
 * the reason, where node or the engine is not installed ({@code .ci/policy-engine-check.sh}
 * installs it and runs this). {@code -Dbdi.policy-engine.policy=FILE} judges another document for
 * the default prefix (a widened copy must go red).
 */
class PolicyEngineDecisionsTest {

  private static final Path ENGINE =
      Path.of("target", "policy-engine", "node_modules", "@cloud-copilot", "iam-simulate");

  @Test
  void theEngineAllowsEveryCallOfARunAndDeniesEveryEscalation() throws IOException {
    Optional<Path> node = Executables.find("node", System.getenv("PATH"));
    assumeTrue(node.isPresent(), "no node on the PATH");
    assumeTrue(
        Files.isDirectory(ENGINE),
        "the policy engine is not installed in " + ENGINE + ": run .ci/policy-engine-check.sh");
    Path policyFile =
        Path.of(
            System.getProperty(
                "bdi.policy-engine.policy", CiRolePolicyTemplate.RENDERED.toString()));

    ObjectNode root = TerraformJson.MAPPER.createObjectNode();
    ObjectNode policies = root.putObject("policies");
    policies.set("guestbook", TerraformJson.MAPPER.readTree(Files.readString(policyFile)));
    policies.set(
        "shop",
        TerraformJson.MAPPER.readTree(
            CiRolePolicyTemplate.render(
                CiRolePolicyTemplate.TEMPLATE,
                Map.of("name_prefix", "shop", "state_bucket", "REPLACE-WITH-STATE-BUCKET"))));
    policies.set(
        "ci-boundary",
        TerraformJson.MAPPER.readTree(Files.readString(CiRolePolicyTemplate.BOUNDARY_RENDERED)));
    policies.set(
        "everything",
        TerraformJson.MAPPER.readTree(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    ArrayNode cases = root.putArray("cases");
    for (String prefix : List.of("guestbook", "shop")) {
      add(cases, prefix, null, RunCalls.of(prefix, "gb1", "REPLACE-WITH-STATE-BUCKET"), "Allowed");
      add(
          cases,
          prefix,
          null,
          RunCalls.escalations(prefix, "gb1", "REPLACE-WITH-STATE-BUCKET"),
          "Denied");
    }
    String group = "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/guestbook-gb1/flows:*";
    add(
        cases,
        "everything",
        "ci-boundary",
        List.of(
            new Call(
                "logs:PutLogEvents", Optional.of(group), Map.of(), "the flow logs role writes"),
            new Call(
                "ecr:BatchGetImage",
                Optional.of("arn:aws:ecr:us-east-1:123456789012:repository/guestbook-gb1"),
                Map.of(),
                "the execution role pulls")),
        "Allowed");
    add(
        cases,
        "everything",
        "ci-boundary",
        List.of(
            new Call(
                "iam:CreateUser",
                Optional.of("arn:aws:iam::123456789012:user/backdoor"),
                Map.of(),
                "a stack role given every action, under the boundary"),
            new Call(
                "s3:GetObject",
                Optional.of(
                    "arn:aws:s3:::REPLACE-WITH-STATE-BUCKET/guestbook/gb1/terraform.tfstate"),
                Map.of(),
                "a stack role reading the runs' state"),
            new Call(
                "ecr:BatchGetImage",
                Optional.of("arn:aws:ecr:us-east-1:123456789012:repository/payments-prod"),
                Map.of(),
                "a stack role pulling another project's image"),
            new Call(
                "logs:PutLogEvents",
                Optional.of("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payments-prod:*"),
                Map.of(),
                "a stack role writing another project's logs")),
        "Denied");

    Path casesFile = Path.of("target", "policy-engine", "cases.json");
    Files.createDirectories(casesFile.getParent());
    Files.writeString(casesFile, TerraformJson.MAPPER.writeValueAsString(root));
    CommandResult result =
        CommandRunner.unlogged()
            .run(
                Command.of(
                    Duration.ofMinutes(3),
                    node.get().toString(),
                    Path.of(".ci", "policy-engine", "decide.mjs").toString(),
                    casesFile.toString()));
    System.out.println(String.join("\n", result.lastLines(200)));
    assertThat(result.ok())
        .as("the policy engine's decisions on %s: %s", policyFile, result.describe(60))
        .isTrue();
  }

  /**
   * Calls the engine cannot judge: its data (iam-data) holds Elastic Load Balancing (v1)'s AddTags,
   * on load balancers only, where the V2 page of the Service Authorization Reference
   * (list_awselasticloadbalancingv2) also lists target groups and listeners. The rules judge them.
   */
  static boolean notJudgedByTheEngine(Call call) {
    return call.action().equals("elasticloadbalancing:AddTags")
        && call.resource()
            .filter(r -> r.contains(":targetgroup/") || r.contains(":listener/"))
            .isPresent();
  }

  private static void add(
      ArrayNode cases, String policy, String boundary, List<Call> calls, String expect) {
    for (Call call : calls) {
      if (notJudgedByTheEngine(call)) {
        System.out.println(
            "[policy-engine] not asked (its data lacks the resource type): "
                + call.action()
                + " on "
                + call.resource().orElse("*"));
        continue;
      }
      ObjectNode c = cases.addObject();
      c.put("policy", policy);
      if (boundary == null) {
        c.putNull("boundary");
      } else {
        c.put("boundary", boundary);
      }
      c.put("action", call.action());
      c.put("resource", call.resource().orElse("*"));
      ObjectNode context = c.putObject("context");
      call.context().forEach(context::put);
      c.put("expect", expect);
      c.put("why", call.caller());
    }
  }
}
