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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Durability: what the guestbook acknowledged, it keeps, once each, in order, through crashes. */
public final class LedgerSteps {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerSteps.class);

  private final ScenarioScope context;
  private final List<String> acknowledged = new ArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private List<SameMoment.Signing> together = List.of();

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

  /**
   * Several visitors at the same moment, round after round, so both tasks append at once: every
   * signing must be acknowledged (a refusal under contention is a failure too).
   */
  @When(
      "{int} visitors sign the guestbook at the same moment through the front door, {int} times over")
  public void signTogether(int visitors, int rounds) {
    together = SameMoment.sign(context.frontDoor(), visitors, rounds);
    LOG.info(
        "[same-moment] {} signings in {} rounds of {}, answered by {}",
        together.size(),
        rounds,
        visitors,
        together.stream()
            .collect(Collectors.groupingBy(SameMoment.Signing::servedBy, Collectors.counting())));
    assertThat(together.stream().filter(s -> !s.acknowledged()).toList())
        .as(
            "signings at the same moment through %s that were not acknowledged",
            context.stack().frontDoor())
        .isEmpty();
    assertThat(together.stream().map(SameMoment.Signing::servedBy).distinct().count())
        .as(
            "tasks that answered the signings at the same moment through %s (a race between"
                + " tasks needs both): %s",
            context.stack().frontDoor(),
            together.stream().map(SameMoment.Signing::servedBy).distinct().toList())
        .isGreaterThanOrEqualTo(2);
    together.stream().map(SameMoment.Signing::entry).forEach(acknowledged::add);
  }

  @Then("the guestbook lists every one of those entries exactly once")
  public void everyOneOnce() {
    List<String> listed = Entries.of(context.frontDoor());
    assertThat(
            LedgerVerdict.keptOnce(
                acknowledged, listed, "GET " + context.stack().frontDoor() + "/lrange/guestbook"))
        .as(
            "the %d entries signed at the same moment through tasks %s",
            acknowledged.size(),
            together.stream().map(SameMoment.Signing::servedBy).distinct().sorted().toList())
        .isEmpty();
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
