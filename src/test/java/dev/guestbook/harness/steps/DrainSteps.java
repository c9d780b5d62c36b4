package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.verdict.DrainVerdict;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping or killing a task while several visitors use the front door at once. */
public final class DrainSteps {

  private static final Logger LOG = LoggerFactory.getLogger(DrainSteps.class);
  private static final Duration AFTER_THE_EVENT = Duration.ofSeconds(2);

  private final ScenarioScope context;
  private Crowd crowd;
  private String victim;

  public DrainSteps(ScenarioScope context) {
    this.context = context;
  }

  @When("{int} visitors keep signing and reading through the front door while one task is stopped")
  public void whileStopped(int visitors) {
    crowd = new Crowd(context.frontDoor(), visitors);
    victim = crowd.around(() -> context.faults().stopOneTask(), AFTER_THE_EVENT);
  }

  /** The visitors keep going {@code seconds} after the kill, so a late failure can be seen. */
  @When(
      "{int} visitors keep signing and reading through the front door for {int} seconds while one task is killed")
  public void whileKilled(int visitors, int seconds) {
    crowd = new Crowd(context.frontDoor(), visitors);
    victim = crowd.around(() -> context.faults().killOneTask(), Duration.ofSeconds(seconds));
  }

  @Then("none of their requests failed")
  public void noneFailed() {
    atMostFailed(0);
  }

  @Then("at most {int} of their requests failed")
  public void atMostFailed(int allowed) {
    LOG.info(
        "[crowd] {} requests through {} while task {} went away; {} failed{}",
        crowd.visits().size(),
        context.stack().frontDoor(),
        victim,
        crowd.failed().size(),
        crowd.failed().isEmpty() ? "" : ": " + crowd.failed());
    assertThat(DrainVerdict.atMostFailed(crowd.visits(), allowed, where()))
        .as("requests while task %s went away", victim)
        .isEmpty();
  }

  @Then("no request failed later than {int} seconds after the kill")
  public void routedAround(int seconds) {
    assertThat(DrainVerdict.noFailureAfter(crowd.visits(), seconds, where()))
        .as("requests after task %s was killed", victim)
        .isEmpty();
  }

  private String where() {
    return "the front door " + context.stack().frontDoor();
  }
}
