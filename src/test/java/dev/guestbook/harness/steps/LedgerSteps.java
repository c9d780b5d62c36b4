package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.verdict.LedgerVerdict;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Durability: what the guestbook acknowledged, it keeps, once each, in order, through crashes. */
public final class LedgerSteps {

  private final ScenarioScope context;
  private final List<String> acknowledged = new ArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  public LedgerSteps(ScenarioScope context) {
    this.context = context;
  }

  @Given("visitors have signed the guestbook {int} times through the front door")
  @When("visitors sign the guestbook {int} more times through the front door")
  public void sign(int times) {
    for (int i = 0; i < times; i++) {
      String entry = "ledger " + run + " #" + (acknowledged.size() + 1);
      HttpResult answer = context.frontDoor().sign(entry);
      assertThat(answer.status())
          .as(
              "signing '%s' through the front door (every signature must be acknowledged): %s",
              entry, answer)
          .isEqualTo(200);
      acknowledged.add(entry);
    }
  }

  @When("Redis is killed and started again")
  public void crashRedis() {
    context.faults().crashRedis();
  }

  @When("one task is killed and started again")
  public void crashTask() {
    context.faults().killOneTask();
    context.faults().startStoppedTasks();
  }

  @When("every task is restarted, one after the other")
  public void rollTasks() {
    context.faults().rollTasks();
  }

  @Then("the guestbook lists every acknowledged entry exactly once, in the order signed")
  public void everyEntryKept() {
    List<String> listed = Entries.of(context.frontDoor());
    assertThat(
            LedgerVerdict.keptInOrder(
                acknowledged, listed, "GET " + context.stack().frontDoor() + "/lrange/guestbook"))
        .as("the %d entries acknowledged in this scenario", acknowledged.size())
        .isEmpty();
  }
}
