package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.verdict.TaskFleetVerdict;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

public final class TaskSteps {

  private final ScenarioScope context;
  private final Visit visit;

  public TaskSteps(ScenarioScope context, Visit visit) {
    this.context = context;
    this.visit = visit;
  }

  @Then("exactly {int} tasks are running")
  public void exactlyRunning(int expected) {
    assertThat(TaskFleetVerdict.runningCount(context.tasks(), expected))
        .as("tasks of %s", context.stack().describe())
        .isEmpty();
  }

  @Then("every task reports healthy")
  public void everyTaskHealthy() {
    assertThat(TaskFleetVerdict.health(context.tasks()))
        .as("health of the tasks of %s", context.stack().describe())
        .isEmpty();
  }

  @When("a visitor opens the front door {int} times")
  public void openRepeatedly(int times) {
    GuestbookClient frontDoor = context.frontDoor();
    for (int i = 0; i < times; i++) {
      HttpResult answer = frontDoor.health();
      visit.answered(answer);
      visit.servedBy(answer.servedBy());
    }
  }

  @Then("every running task served at least one of those visits")
  public void everyTaskServed() {
    assertThat(TaskFleetVerdict.spread(visit.servedBy(), context.tasks()))
        .as("who answered at %s", context.stack().frontDoor())
        .isEmpty();
  }
}
