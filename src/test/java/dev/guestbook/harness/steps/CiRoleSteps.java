package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.terraform.CiRolePolicy;
import dev.guestbook.harness.terraform.CiRolePolicyRules;
import dev.guestbook.harness.terraform.CiRolePolicyTemplate;
import dev.guestbook.harness.terraform.CiRoleTrust;
import dev.guestbook.harness.terraform.RunCalls;
import dev.guestbook.harness.terraform.ServiceAuthorization;
import dev.guestbook.harness.verdict.Finding;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public final class CiRoleSteps {

  private CiRolePolicy policy;
  private String namePrefix;
  private Scenario scenario;

  @Given("the CI role's policy in {string} for the name prefix {string}")
  public void thePolicy(String file, String prefix) {
    policy = CiRolePolicy.read(Path.of(file));
    namePrefix = prefix;
  }

  @Then("the policy allows every call of the stack's Terraform, the harness and the reaper")
  public void allowsEveryCall() {
    assertThat(
            CiRolePolicyRules.missing(
                policy, RunCalls.of(namePrefix, "run1", "REPLACE-WITH-STATE-BUCKET")))
        .as("calls of a run that %s does not allow", policy.where())
        .isEmpty();
  }

  @Before("@static")
  public void keepTheScenario(Scenario scenario) {
    this.scenario = scenario;
  }

  /**
   * A listing, not a verdict: the catalog ({@link RunCalls}) holds one create-and-destroy run, so
   * what an in-place update of a kept run or a first use in a new account calls is among these.
   */
  @Then("the policy's grants that no catalogued call of a run needs are listed in the report")
  public void listTheGrantsNothingCalls() {
    List<Finding> spare =
        CiRolePolicyRules.grantedNeverCalled(
            policy, RunCalls.of(namePrefix, "run1", "REPLACE-WITH-STATE-BUCKET"));
    scenario.attach(
        spare.isEmpty()
            ? "every action granted is called by some step of a run"
            : spare.size()
                + " granted, never called by a catalogued step of a run:\n"
                + String.join("\n", spare.stream().map(f -> "  " + f.what()).sorted().toList()),
        "text/plain",
        "granted, never called");
  }

  @Then(
      "the policy attaches only the ECS task execution policy, writes inline policies only on the flow logs role, and passes roles only to ECS tasks and VPC flow logs")
  public void noPathToAdministrator() {
    assertThat(CiRolePolicyRules.pathsToAdministrator(policy, namePrefix))
        .as("paths to administrator in %s", policy.where())
        .isEmpty();
  }

  @Then("the policy reads only the project's own log groups")
  public void readsOnlyItsLogs() {
    assertThat(CiRolePolicyRules.logReadsOutsideTheProject(policy, namePrefix))
        .as("log reads in %s", policy.where())
        .isEmpty();
  }

  @Given("the CI role's policy rendered from the role template for the name prefix {string}")
  public void theRenderedPolicy(String prefix) {
    policy = CiRolePolicyTemplate.policy(prefix, "REPLACE-WITH-STATE-BUCKET");
    namePrefix = prefix;
  }

  @Then(
      "the policy leaves no change on every resource where AWS can scope it to the run's names or Project tag")
  public void noChangeOnEveryResource() {
    assertThat(CiRolePolicyRules.mutatingOnEveryResource(policy, ServiceAuthorization.load()))
        .as("mutating actions on \"*\" in %s", policy.where())
        .isEmpty();
  }

  @Then("the policy puts tag conditions only on calls that carry tags")
  public void tagConditionsOnlyWhereCarried() {
    assertThat(
            CiRolePolicyRules.tagConditionsTheCallsCannotCarry(policy, ServiceAuthorization.load()))
        .as("tag conditions in %s", policy.where())
        .isEmpty();
  }

  @Then("the policy refuses changes to untagged resources and to another prefix's resources")
  public void refusesEscalations() {
    assertThat(
            CiRolePolicyRules.escalationsAllowed(
                policy, RunCalls.escalations(namePrefix, "run1", "REPLACE-WITH-STATE-BUCKET")))
        .as("calls %s must refuse", policy.where())
        .isEmpty();
  }

  @Then("the role template's trust admits only GitHub workflows of {string} on branch {string}")
  public void trustsOneRepositoryAndBranch(String repository, String branch) {
    String trust =
        CiRolePolicyTemplate.render(
            CiRolePolicyTemplate.TRUST,
            Map.of(
                "oidc_provider_arn",
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                "github_repository",
                repository,
                "github_branch",
                branch));
    assertThat(CiRoleTrust.judge(trust, repository, branch))
        .as("the trust policy of %s", CiRolePolicyTemplate.TRUST)
        .isEmpty();
  }

  @Then("the role template allows sessions as long as the nightly asks for")
  public void sessionsLongEnough() throws IOException {
    assertThat(
            CiRoleTrust.sessionTooShort(
                Files.readString(Path.of(".github/workflows/nightly-acceptance.yml")),
                Files.readString(Path.of("terraform/ci-role/main.tf"))))
        .isEmpty();
  }
}
