package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CiRolePolicyRulesTest {

  private static final Path SHIPPED = Path.of("terraform", "ci-role-policy.json");
  private static final List<CiRolePolicyRules.Call> CALLS =
      RunCalls.of("guestbook", "gb1", "REPLACE-WITH-STATE-BUCKET");

  private static CiRolePolicy rewritten(Consumer<ArrayNode> change) throws IOException {
    ObjectNode doc = (ObjectNode) TerraformJson.MAPPER.readTree(Files.readString(SHIPPED));
    change.accept((ArrayNode) doc.get("Statement"));
    return CiRolePolicy.parse("rewrite", TerraformJson.MAPPER.writeValueAsString(doc));
  }

  private static CiRolePolicy withStatement(String json) throws IOException {
    JsonNode statement = TerraformJson.MAPPER.readTree(json);
    return rewritten(statements -> statements.add(statement));
  }

  private static ObjectNode statement(ArrayNode statements, String sid) {
    for (JsonNode s : statements) {
      if (sid.equals(s.path("Sid").asText())) {
        return (ObjectNode) s;
      }
    }
    throw new IllegalArgumentException("no statement " + sid);
  }

  @Test
  void theShippedPolicyAllowsEveryCallOfARunAndNoPathToAdministrator() {
    CiRolePolicy policy = CiRolePolicy.read(SHIPPED);
    assertThat(CiRolePolicyRules.missing(policy, CALLS)).isEmpty();
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook")).isEmpty();
    assertThat(CiRolePolicyRules.logReadsOutsideTheProject(policy, "guestbook")).isEmpty();
  }

  @Test
  void aMissingTerraformActionIsNamedWithItsCaller() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s -> {
              ArrayNode actions = (ArrayNode) statement(s, "NetworkCreateReadDelete").get("Action");
              for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().endsWith("FlowLogs")) {
                  actions.remove(i);
                }
              }
            });
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .extracting(Object::toString)
        .containsExactly(
            "rewrite: ec2:CreateFlowLogs: expected allowed (called by terraform: aws_vpc, subnets,"
                + " gateways, routes, security groups, flow log), saw not allowed: AccessDenied on"
                + " the first run",
            "rewrite: ec2:DescribeFlowLogs: expected allowed (called by terraform: aws_vpc,"
                + " subnets, gateways, routes, security groups, flow log), saw not allowed:"
                + " AccessDenied on the first run",
            "rewrite: ec2:DeleteFlowLogs: expected allowed (called by terraform: aws_vpc, subnets,"
                + " gateways, routes, security groups, flow log), saw not allowed: AccessDenied on"
                + " the first run");
  }

  @Test
  void passingTheFlowLogsRoleOnlyToEcsIsMissingTheFlowLogsPass() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s -> {
              for (int i = s.size() - 1; i >= 0; i--) {
                if ("PassOnlyTheFlowLogsRoleToFlowLogs".equals(s.get(i).path("Sid").asText())) {
                  s.remove(i);
                }
              }
            });
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .singleElement()
        .asString()
        .startsWith(
            "rewrite: iam:PassRole on arn:aws:iam::123456789012:role/guestbook-gb1-flows: expected"
                + " allowed (called by terraform: aws_flow_log");
  }

  @Test
  void aMissingHarnessActionIsNamed() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s -> {
              ArrayNode actions = (ArrayNode) statement(s, "ContainerService").get("Action");
              for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals("ecs:ListServices")) {
                  actions.remove(i);
                }
              }
            });
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .singleElement()
        .asString()
        .contains("ecs:ListServices", "LeftoverRemoval");
  }

  @Test
  void aDenyOverridesAnAllow() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Action\":\"ec2:DeleteVpc\",\"Resource\":\"*\"}");
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .singleElement()
        .asString()
        .contains("ec2:DeleteVpc", "saw denied");
  }

  @Test
  void attachingAnyManagedPolicyIsAPathToAdministrator() throws IOException {
    CiRolePolicy policy =
        rewritten(s -> statement(s, "AttachOnlyTheEcsExecutionPolicy").remove("Condition"));
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains("iam:AttachRolePolicy", "saw any policy, AdministratorAccess too");
  }

  @Test
  void anInlinePolicyOnAnyRoleOfThePrefixIsAPathToAdministrator() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"Wide\",\"Effect\":\"Allow\",\"Action\":\"iam:PutRolePolicy\","
                + "\"Resource\":\"arn:aws:iam::*:role/guestbook-*\"}");
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains("statement Wide", "iam:PutRolePolicy", "only on the flow logs role");
  }

  @Test
  void passingRolesToAnyServiceOrAnyRoleIsAPathToAdministrator() throws IOException {
    CiRolePolicy anyService =
        rewritten(s -> statement(s, "PassOnlyTheTaskRolesToEcs").remove("Condition"));
    assertThat(CiRolePolicyRules.pathsToAdministrator(anyService, "guestbook"))
        .singleElement()
        .asString()
        .contains("iam:PassRole", "saw to any service");
    CiRolePolicy lambda =
        withStatement(
            "{\"Sid\":\"Lambda\",\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
                + "\"Resource\":\"arn:aws:iam::*:role/guestbook-*\",\"Condition\":{\"StringEquals\":"
                + "{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}}");
    assertThat(CiRolePolicyRules.pathsToAdministrator(lambda, "guestbook"))
        .singleElement()
        .asString()
        .contains("saw [lambda.amazonaws.com]");
    CiRolePolicy anyRole =
        rewritten(
            s ->
                statement(s, "PassOnlyTheTaskRolesToEcs")
                    .set("Resource", TerraformJson.MAPPER.getNodeFactory().textNode("*")));
    assertThat(CiRolePolicyRules.pathsToAdministrator(anyRole, "guestbook"))
        .singleElement()
        .asString()
        .contains("only the run's roles", "saw [*]");
  }

  @Test
  void creatingAnyRoleWithoutABoundaryOrEveryActionIsAPathToAdministrator() throws IOException {
    CiRolePolicy createAny =
        withStatement(
            "{\"Sid\":\"AnyRole\",\"Effect\":\"Allow\",\"Action\":[\"iam:CreateRole\"],\"Resource\":\"*\"}");
    assertThat(CiRolePolicyRules.pathsToAdministrator(createAny, "guestbook"))
        .singleElement()
        .asString()
        .contains("iam:CreateRole");
    CiRolePolicy everything =
        withStatement("{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
    assertThat(CiRolePolicyRules.pathsToAdministrator(everything, "guestbook"))
        .extracting(Object::toString)
        .anySatisfy(
            f -> assertThat(f).contains("statement All: actions: expected never every action"));
  }

  @Test
  void readingEveryLogGroupIsRed() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s ->
                statement(s, "ReadOnlyThisStacksAppLogs")
                    .set("Resource", TerraformJson.MAPPER.getNodeFactory().textNode("*")));
    assertThat(CiRolePolicyRules.logReadsOutsideTheProject(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains("logs:GetLogEvents", "saw [*]");
  }

  /** The shipped policy names the prefix "guestbook": another prefix needs its own (a limit). */
  @Test
  void anotherPrefixNeedsThePolicyForIt() {
    CiRolePolicy policy = CiRolePolicy.read(SHIPPED);
    assertThat(
            CiRolePolicyRules.missing(
                policy, RunCalls.of("shop", "gb1", "REPLACE-WITH-STATE-BUCKET")))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.what()).contains("shop"));
  }

  @Test
  void creatingRolesWithoutABoundaryAndGivingThemPoliciesIsAPathToAdministrator()
      throws IOException {
    // the role creates guestbook-x-flows trusting an outside account, then puts "*" on "*" in it
    CiRolePolicy policy =
        rewritten(
            s -> {
              statement(s, "CreateRolesOnlyUnderTheBoundary").remove("Condition");
              statement(s, "InlinePolicyOnlyOnTheFlowLogsRole").remove("Condition");
            });
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook"))
        .extracting(Object::toString)
        .anySatisfy(
            f ->
                assertThat(f)
                    .contains(
                        "statement InlinePolicyOnlyOnTheFlowLogsRole",
                        "a role trusting anyone, given any policy"));
  }

  @Test
  void aNegatedConditionRestrictsNothing() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s -> {
              ObjectNode attach = statement(s, "AttachOnlyTheEcsExecutionPolicy");
              ObjectNode condition = (ObjectNode) attach.get("Condition");
              condition.set("ArnNotEquals", condition.remove("ArnEquals"));
            });
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains("iam:AttachRolePolicy", "saw any policy, AdministratorAccess too");
    // and the execution policy itself is then not allowed: the negation excludes it
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .extracting(Object::toString)
        .anySatisfy(f -> assertThat(f).contains("iam:AttachRolePolicy"));
  }

  @Test
  void anyOtherIamOrStsActionIsAPathToMorePower() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"Trust\",\"Effect\":\"Allow\",\"Action\":[\"iam:UpdateAssumeRolePolicy\","
                + "\"sts:AssumeRole\"],\"Resource\":\"arn:aws:iam::*:role/guestbook-*\"}");
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains(
            "statement Trust: IAM/STS actions", "saw [iam:UpdateAssumeRolePolicy, sts:AssumeRole]");
  }

  @Test
  void aConditionOnAKeyTheCallsDoNotCarryGrantsNothing() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s ->
                statement(s, "ContainerService")
                    .set(
                        "Condition",
                        TerraformJson.MAPPER
                            .createObjectNode()
                            .set(
                                "StringEquals",
                                TerraformJson.MAPPER
                                    .createObjectNode()
                                    .put("aws:ResourceTag/Team", "payments"))));
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .extracting(Object::toString)
        .anySatisfy(f -> assertThat(f).contains("ecs:CreateCluster", "not allowed"));
  }

  @Test
  void exportingOrSubscribingToEveryLogGroupIsAReadOutsideTheProject() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"Ship\",\"Effect\":\"Allow\",\"Action\":[\"logs:CreateExportTask\","
                + "\"logs:PutSubscriptionFilter\"],\"Resource\":\"*\"}");
    assertThat(CiRolePolicyRules.logReadsOutsideTheProject(policy, "guestbook"))
        .singleElement()
        .asString()
        .contains("logs:CreateExportTask, logs:PutSubscriptionFilter");
  }

  @Test
  void resourcesAreMatchedCaseSensitively() {
    assertThat(
            CiRolePolicy.matchesResource(
                "arn:aws:iam::*:role/Guestbook-*", "arn:aws:iam::1:role/guestbook-x"))
        .isFalse();
    assertThat(CiRolePolicy.matches("IAM:passrole", "iam:PassRole")).isTrue();
  }
}
