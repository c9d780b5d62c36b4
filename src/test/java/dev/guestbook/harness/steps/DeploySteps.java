package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.process.Redactor;
import dev.guestbook.harness.stack.aws.DeployRunbook;
import dev.guestbook.harness.stack.aws.ImagePublisher;
import dev.guestbook.harness.stack.aws.RolloutExpectation;
import dev.guestbook.harness.stack.aws.RolloutOutcome;
import dev.guestbook.harness.terraform.TerraformOutputs;
import dev.guestbook.harness.terraform.TerraformState;
import dev.guestbook.harness.verdict.PageVerdict;
import dev.guestbook.harness.verdict.TagVerdict;
import dev.guestbook.harness.verdict.TaskFleetVerdict;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

public final class DeploySteps {

  private final ScenarioScope context;

  public DeploySteps(ScenarioScope context) {
    this.context = context;
  }

  @After(value = "@aws", order = 20)
  public void attachPhaseTimingsAndLogs(Scenario scenario) {
    context
        .preparedDeployment()
        .ifPresent(
            deployment -> {
              scenario.attach(deployment.clock().table(), "text/plain", "deploy phase timings");
              Redactor redactor = new Redactor(List.of());
              for (Path log : deployment.logs()) {
                try {
                  if (Files.exists(log)) {
                    scenario.attach(
                        redactor.redact(Files.readString(log)),
                        "text/plain",
                        log.getFileName().toString());
                  }
                } catch (IOException e) {
                  scenario.log("could not attach " + log + ": " + e);
                }
              }
            });
  }

  @Given("the stack is provisioned with Terraform")
  public void provisioned() {
    DeployRunbook deployment = context.deployment();
    assertThat(deployment.provision())
        .as("ECR repository URL from terraform output")
        .endsWith("/" + context.config().aws().namePrefix() + "-" + deployment.runId());
  }

  @Given("the app image is built and pushed to ECR, pinned by digest")
  public void pushed() {
    DeployRunbook deployment = context.deployment();
    ImagePublisher.PushedImage image = deployment.publish();
    assertThat(image.pinned())
        .as("image pushed for run %s", deployment.runId())
        .matches(Pattern.quote(deployment.provision()) + "@sha256:[0-9a-f]{64}");
  }

  @Given("the whole stack is applied with that image")
  public void applied() {
    TerraformOutputs outputs = context.deployment().applyStack();
    assertThat(outputs.albDnsName())
        .as("load balancer DNS name from terraform output")
        .isNotBlank();
  }

  @When("a new deployment of the service is forced")
  public void forced() {
    RolloutExpectation started = context.deployment().forceDeployment();
    assertThat(started.deploymentId())
        .as("deployment started by UpdateService(forceNewDeployment)")
        .startsWith("ecs-svc/");
  }

  @Then(
      "the deployment we started completes with {int} tasks running the pushed image, each healthy behind the load balancer")
  public void completes(int tasks) {
    RolloutOutcome outcome = context.deployment().awaitRollout();
    if (outcome instanceof RolloutOutcome.EmulatorCannotRunTasks cannot) {
      throw new TestAbortedException("checked what the emulator models; " + cannot.reason());
    }
    assertThat(outcome).as("rollout").isInstanceOf(RolloutOutcome.Completed.class);
    assertThat(TaskFleetVerdict.runningCount(context.tasks(), tasks))
        .as("tasks of %s", context.stack().describe())
        .isEmpty();
  }

  @Then("every resource Terraform created carries the run's RunId tag, as AWS lists it")
  public void tagged() {
    DeployRunbook deployment = context.deployment();
    List<TagVerdict.StateResource> state = TerraformState.resources(deployment.stateJson());
    Set<String> tagged = deployment.sweep().stream().map(l -> l.id()).collect(Collectors.toSet());
    assertThat(state).as("resources in the run's state").isNotEmpty();
    assertThat(TagVerdict.untagged(deployment.runId(), state, tagged))
        .as("%d resources in the state of run %s", state.size(), deployment.runId())
        .isEmpty();
  }

  @Then("the load balancer serves the guestbook")
  public void serves() {
    HttpResult page = context.frontDoor().frontPage();
    assertThat(PageVerdict.guestbookPage(page, "Guestbook"))
        .as("the page at %s", page.url())
        .isEmpty();
  }

  @Then("every task's REDISHOST names the ElastiCache endpoint that Terraform created")
  public void redisHost() {
    assertThat(TaskFleetVerdict.redisSetting(context.tasks(), context.stack().redis().forTasks()))
        .as("REDISHOST in the task definition")
        .isEmpty();
  }

  @Then(
      "an entry signed through the load balancer reads back, so the tasks reach Redis through REDISHOST")
  public void readsBack() {
    String entry = "deployed run " + context.config().runId() + " " + UUID.randomUUID();
    HttpResult signed = context.frontDoor().sign(entry);
    assertThat(signed.status()).as("signing through %s", signed).isEqualTo(200);
    assertThat(Entries.of(context.frontDoor()))
        .as("entries at %s", context.stack().frontDoor())
        .contains(entry);
  }
}
