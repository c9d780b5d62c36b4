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
  private static final ServiceAuthorization DATA = ServiceAuthorization.load();
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
  void anActionNoRunCallsIsListedAsGrantedNeverCalled() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"Spare\",\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVpcs\","
                + "\"ec2:CreateVpcPeeringConnection\"],\"Resource\":\"*\"}");
    int shipped = CiRolePolicyRules.grantedNeverCalled(CiRolePolicy.read(SHIPPED), CALLS).size();
    assertThat(CiRolePolicyRules.grantedNeverCalled(policy, CALLS))
        .extracting(Object::toString)
        .hasSize(shipped + 1)
        .contains(
            "rewrite: ec2:CreateVpcPeeringConnection (statement Spare): expected granted only"
                + " where a call of a run needs it, saw granted, never called")
        .noneMatch(line -> line.contains("ec2:DescribeVpcs"));
  }

  @Test
  void aMissingTerraformActionIsNamedWithItsCaller() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s -> {
              ArrayNode actions =
                  (ArrayNode) statement(s, "NetworkChangeOnlyTheProjectsResources").get("Action");
              for (int i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals("ec2:DeleteFlowLogs")) {
                  actions.remove(i);
                }
              }
            });
    assertThat(CiRolePolicyRules.missing(policy, CALLS))
        .extracting(Object::toString)
        .containsExactly(
            "rewrite: ec2:DeleteFlowLogs on arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/fl-0a1:"
                + " expected allowed (called by terraform: aws_vpc, subnets, gateways, routes,"
                + " security groups, flow log), saw not allowed: AccessDenied on the first run");
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
              ArrayNode actions =
                  (ArrayNode) statement(s, "ReadsAndListsTakeEveryResource").get("Action");
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

  /** The policy comes from the template: another prefix gets a policy of its own. */
  @Test
  void aNewPrefixGetsAPolicyOfItsOwnFromTheTemplate() {
    List<CiRolePolicyRules.Call> shop = RunCalls.of("shop", "gb1", "REPLACE-WITH-STATE-BUCKET");
    CiRolePolicy forShop = CiRolePolicyTemplate.policy("shop", "REPLACE-WITH-STATE-BUCKET");
    assertThat(CiRolePolicyRules.missing(forShop, shop)).isEmpty();
    assertThat(CiRolePolicyRules.pathsToAdministrator(forShop, "shop")).isEmpty();
    assertThat(CiRolePolicyRules.logReadsOutsideTheProject(forShop, "shop")).isEmpty();
    assertThat(
            CiRolePolicyRules.escalationsAllowed(
                forShop, RunCalls.escalations("shop", "gb1", "REPLACE-WITH-STATE-BUCKET")))
        .isEmpty();
    // and guestbook's policy lets shop's run touch none of its resources
    assertThat(CiRolePolicyRules.missing(CiRolePolicy.read(SHIPPED), shop))
        .extracting(f -> f.what())
        .contains(
            "ec2:DeleteVpc on arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0a1",
            "ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service/shop-gb1/shop-gb1");
  }

  @Test
  void theShippedPolicyRefusesEveryEscalationAndEveryOtherPrefixsResource() {
    assertThat(
            CiRolePolicyRules.escalationsAllowed(
                CiRolePolicy.read(SHIPPED),
                RunCalls.escalations("guestbook", "gb1", "REPLACE-WITH-STATE-BUCKET")))
        .isEmpty();
  }

  @Test
  void aPolicyWidenedToEveryResourceAllowsTheEscalations() throws IOException {
    CiRolePolicy wide =
        rewritten(
            s ->
                s.forEach(
                    st -> {
                      ((ObjectNode) st)
                          .set("Resource", TerraformJson.MAPPER.getNodeFactory().textNode("*"));
                      ((ObjectNode) st).remove("Condition");
                    }));
    assertThat(
            CiRolePolicyRules.escalationsAllowed(
                wide, RunCalls.escalations("guestbook", "gb1", "REPLACE-WITH-STATE-BUCKET")))
        .extracting(f -> f.what())
        .anySatisfy(w -> assertThat(w).startsWith("iam:AttachRolePolicy"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith(
                        "ec2:DeleteVpc on arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0untagged"))
        .anySatisfy(w -> assertThat(w).startsWith("ecs:UpdateService"))
        .anySatisfy(w -> assertThat(w).startsWith("logs:GetLogEvents"));
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(wide, DATA)).isNotEmpty();
  }

  @Test
  void theShippedPolicyLeavesOnEveryResourceOnlyWhatAwsCannotScope() {
    CiRolePolicy policy = CiRolePolicy.read(SHIPPED);
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(policy, DATA)).isEmpty();
    assertThat(CiRolePolicyRules.tagConditionsTheCallsCannotCarry(policy, DATA)).isEmpty();
    // what stays on "*": reads and lists, and the one write AWS checks against no resource
    assertThat(DATA.action("ecs:DeregisterTaskDefinition").orElseThrow().resourceTypes()).isEmpty();
  }

  @Test
  void aMutatingActionOnEveryResourceIsRedWhereAwsSupportsScopingIt() throws IOException {
    CiRolePolicy policy =
        rewritten(
            s ->
                statement(s, "LoadBalancer")
                    .set("Resource", TerraformJson.MAPPER.getNodeFactory().textNode("*")));
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(policy, DATA))
        .singleElement()
        .asString()
        .contains(
            "statement LoadBalancer: Resource \"*\"",
            "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:DeleteLoadBalancer",
            "Service Authorization Reference");
    CiRolePolicy network =
        rewritten(
            s -> {
              ObjectNode st = statement(s, "NetworkChangeOnlyTheProjectsResources");
              st.set("Resource", TerraformJson.MAPPER.getNodeFactory().textNode("*"));
              st.remove("Condition");
            });
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(network, DATA))
        .singleElement()
        .asString()
        .contains("ec2:DeleteVpc", "ec2:DeleteSecurityGroup");
    CiRolePolicy writeInReads =
        rewritten(
            s ->
                ((ArrayNode) statement(s, "ReadsAndListsTakeEveryResource").get("Action"))
                    .add("ecr:PutImage"));
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(writeInReads, DATA))
        .singleElement()
        .asString()
        .contains("saw [ecr:PutImage]");
  }

  @Test
  void anActionTheReferenceDoesNotKnowCannotBeJudged() throws IOException {
    CiRolePolicy policy =
        withStatement(
            "{\"Sid\":\"Typo\",\"Effect\":\"Allow\",\"Action\":\"ec2:DeleteVpcs\",\"Resource\":\"*\"}");
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(policy, DATA))
        .singleElement()
        .asString()
        .contains("ec2:DeleteVpcs", "unknown");
  }

  @Test
  void aTagConditionOnCallsThatCannotCarryTagsIsTheClassicFirstRunFailure() throws IOException {
    CiRolePolicy onReads =
        rewritten(
            s ->
                statement(s, "ReadsAndListsTakeEveryResource")
                    .set(
                        "Condition",
                        TerraformJson.MAPPER
                            .createObjectNode()
                            .set(
                                "StringEquals",
                                TerraformJson.MAPPER
                                    .createObjectNode()
                                    .put("aws:RequestTag/Project", "guestbook"))));
    assertThat(CiRolePolicyRules.tagConditionsTheCallsCannotCarry(onReads, DATA))
        .singleElement()
        .asString()
        .contains("aws:RequestTag condition", "ec2:DescribeVpcs", "AccessDenied on the first run");
    CiRolePolicy onDelete =
        rewritten(
            s ->
                statement(s, "Registry")
                    .set(
                        "Condition",
                        TerraformJson.MAPPER
                            .createObjectNode()
                            .set(
                                "StringEquals",
                                TerraformJson.MAPPER
                                    .createObjectNode()
                                    .put("aws:RequestTag/Project", "guestbook"))));
    assertThat(CiRolePolicyRules.tagConditionsTheCallsCannotCarry(onDelete, DATA))
        .singleElement()
        .asString()
        .contains("ecr:DeleteRepository", "ecr:PutImage")
        .doesNotContain("ecr:CreateRepository,");
  }

  @Test
  void onlyUntaggedSecurityGroupsCanBeAdopted() throws IOException {
    CiRolePolicy anyGroup =
        rewritten(
            s ->
                ((ObjectNode)
                        statement(s, "NetworkAdoptTheVpcsDefaultSecurityGroup").get("Condition"))
                    .remove("Null"));
    assertThat(
            CiRolePolicyRules.escalationsAllowed(
                anyGroup,
                List.of(
                    new CiRolePolicyRules.Call(
                        "ec2:CreateTags",
                        java.util.Optional.of(RunCalls.ec2("security-group", "sg-0other")),
                        java.util.Map.of(
                            "aws:RequestTag/Project",
                            "guestbook",
                            "aws:ResourceTag/Project",
                            "other"),
                        "taking another project's group over"))))
        .singleElement()
        .asString()
        .contains("ec2:CreateTags");
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
