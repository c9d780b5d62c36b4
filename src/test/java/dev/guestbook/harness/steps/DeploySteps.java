package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.aws.AwsStack;
import dev.guestbook.harness.stack.aws.Redactor;
import dev.guestbook.harness.stack.aws.RolloutVerdict;
import dev.guestbook.harness.verdict.PageVerdict;
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
import java.util.UUID;
import org.opentest4j.TestAbortedException;

public final class DeploySteps {

  private final StackContext context;

  public DeploySteps(StackContext context) {
    this.context = context;
  }

  @After(value = "@aws", order = 20)
  public void attachPhaseTimingsAndLogs(Scenario scenario) {
    context
        .startedStack()
        .filter(AwsStack.class::isInstance)
        .map(AwsStack.class::cast)
        .ifPresent(
            aws -> {
              scenario.attach(aws.clock().table(), "text/plain", "deploy phase timings");
              Redactor redactor = new Redactor(List.of());
              for (Path log : aws.logs()) {
                try {
                  if (Files.exists(log)) {
                    scenario.attach(
                        redactor.redact(Files.readString(log)),
                        "text/plain",
                        log.getFileName().toString());
                  }
                } catch (IOException e) {
                  scenario.log("could not attach " + log + ": " + e.getMessage());
                }
              }
            });
  }

  @Given("the stack is provisioned with Terraform")
  public void provisioned() {
    assertThat(aws().outputs().albDnsName())
        .as("load balancer DNS name from terraform output")
        .isNotBlank();
  }

  @Given("the app image is built and pushed to ECR, pinned by digest")
  public void pushed() {
    assertThat(aws().image().pinned())
        .as("pushed image")
        .startsWith(aws().outputs().ecrRepositoryUrl() + "@sha256:");
  }

  @When("a new deployment of the service is forced")
  public void forced() {
    assertThat(aws().deploymentId())
        .as("deployment started by UpdateService(forceNewDeployment)")
        .startsWith("ecs-svc/");
  }

  @Then(
      "the deployment we started completes with {int} tasks running the pushed image, each healthy behind the load balancer")
  public void completes(int tasks) {
    RolloutVerdict verdict = aws().verifier().poll(aws().expectation());
    assertThat(verdict)
        .as("rollout now: %s", verdict.summary())
        .isInstanceOf(RolloutVerdict.Completed.class);
    assertThat(TaskFleetVerdict.runningCount(context.tasks(), tasks))
        .as("tasks of %s", aws().describe())
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
    assertThat(context.frontDoor().entries())
        .as("entries at %s", context.stack().frontDoor())
        .contains(entry);
  }

  private AwsStack aws() {
    StackUnderTest stack = context.stack();
    if (stack instanceof AwsStack aws) {
      return aws;
    }
    throw new TestAbortedException(
        "the deploy runbook runs on the aws target only, not on " + stack.describe());
  }
}
