package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping or killing a task while several visitors use the front door at once. */
public final class DrainSteps {

  private static final Logger LOG = LoggerFactory.getLogger(DrainSteps.class);
  private static final Duration AFTER_THE_EVENT = Duration.ofSeconds(2);

  private final StackContext context;
  private Crowd crowd;
  private String victim;

  public DrainSteps(StackContext context) {
    this.context = context;
  }

  @When("{int} visitors keep signing and reading through the front door while one task is stopped")
  public void whileStopped(int visitors) {
    crowd = new Crowd(context.frontDoor(), visitors);
    victim = crowd.around(() -> context.faults().stopOneTask(), AFTER_THE_EVENT);
  }

  @When("{int} visitors keep signing and reading through the front door while one task is killed")
  public void whileKilled(int visitors) {
    crowd = new Crowd(context.frontDoor(), visitors);
    victim = crowd.around(() -> context.faults().killOneTask(), AFTER_THE_EVENT);
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
    assertThat(crowd.failed())
        .as(
            "failed requests of %d through %s while task %s went away",
            crowd.visits().size(), context.stack().frontDoor(), victim)
        .hasSizeLessThanOrEqualTo(allowed);
  }

  @Then("no request failed later than {int} seconds after the kill")
  public void routedAround(int seconds) {
    assertThat(crowd.failed())
        .as(
            "requests through %s that failed more than %d s after task %s was killed",
            context.stack().frontDoor(), seconds, victim)
        .allSatisfy(v -> assertThat(v.atMillis()).isLessThanOrEqualTo(seconds * 1000L));
  }
}
