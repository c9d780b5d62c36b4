package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.terraform.CiRolePolicy;
import dev.guestbook.harness.terraform.CiRolePolicyRules;
import dev.guestbook.harness.terraform.RunCalls;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.nio.file.Path;

public final class CiRoleSteps {

  private CiRolePolicy policy;
  private String namePrefix;

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
}
