package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.stack.TaskExit;
import dev.guestbook.harness.verdict.CrowdVisit;
import dev.guestbook.harness.verdict.DrainVerdict;
import dev.guestbook.harness.verdict.HeldRequest;
import dev.guestbook.harness.verdict.SigtermVerdict;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping or killing a task while several visitors use the front door at once. */
public final class DrainSteps {

  private static final Logger LOG = LoggerFactory.getLogger(DrainSteps.class);
  private static final Duration AFTER_THE_EVENT = Duration.ofSeconds(2);

  /**
   * A kill is judged only when the task was seen dead this soon: within it, a front door that does
   * not retry still sends requests to the dead task after the window (HAProxy drops it only when
   * Docker's DNS does, held 1 s), so such a front door is red.
   */
  private static final Duration SEEN_DEAD_WITHIN = Duration.ofMillis(1000);

  private final ScenarioScope context;

  /** A hung Redis holds a request about 1 s (the app's Redis timeout): all of this fits in it. */
  private static final Duration HELD_BEFORE_SIGTERM = Duration.ofMillis(250);

  private static final Duration SIGTERM_TO_RESUME = Duration.ofMillis(150);

  private Crowd crowd;
  private String victim;
  private List<HeldRequest> held = List.of();

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

  /**
   * With Redis hung (a step before this one), each visitor signs once; once every request has been
   * waiting inside a task for a moment, one task gets SIGTERM; then Redis answers again, and the
   * requests end.
   */
  @When(
      "{int} visitors sign through the front door and one task gets SIGTERM while their requests wait on Redis")
  public void signWhileTerminated(int visitors) {
    try (HeldSignings signings = new HeldSignings(context.frontDoor(), visitors)) {
      await("none of the " + visitors + " signing requests ends: they wait on the hung Redis")
          .during(HELD_BEFORE_SIGTERM)
          .atMost(HELD_BEFORE_SIGTERM.multipliedBy(4))
          .pollInterval(Duration.ofMillis(25))
          .until(() -> signings.ended() == 0);
      victim = context.faults().terminateOneTask();
      await("task " + victim + " has had " + SIGTERM_TO_RESUME.toMillis() + " ms to act on SIGTERM")
          .pollDelay(SIGTERM_TO_RESUME)
          .atMost(SIGTERM_TO_RESUME.multipliedBy(4))
          .until(() -> true);
      context.faults().resumeRedis();
      held = signings.outcomes(Duration.ofSeconds(20));
    }
    LOG.info("[sigterm] task {} got SIGTERM with these requests waiting: {}", victim, held);
  }

  @Then("every one of their requests was answered, none dropped")
  public void noneDropped() {
    assertThat(SigtermVerdict.everyAcceptedRequestAnswered(held, victim, where()))
        .as("requests held while task %s got SIGTERM", victim)
        .isEmpty();
  }

  @Then("the task that got SIGTERM exited by itself within {int} seconds")
  public void exitedByItself(int seconds) {
    TaskExit exit = context.faults().awaitExit(victim, Duration.ofSeconds(seconds));
    assertThat(SigtermVerdict.exitedByItself(exit, where())).as("task %s", victim).isEmpty();
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

  /**
   * The kill's cost is bounded by what the front door had given the task as it died: each visitor
   * has one request open at a time, so at most one per visitor at the moment of death, plus any it
   * sent while the kill took effect (until the harness saw the task dead). Counted, not allowed
   * for: a request sent after the task was dead must not fail, whatever the timing.
   */
  @Then("no request failed but those open while the task was dying")
  public void onlyThoseOpenWhileItDied() {
    List<CrowdVisit> visits = crowd.visits();
    long dying = crowd.eventMillis();
    if (dying > SEEN_DEAD_WITHIN.toMillis()) {
      // requests sent meanwhile would be excused, and a front door that does not retry would drop
      // a dead task (HAProxy follows Docker's DNS, held 1 s) before the window ended: not judged
      throw new TestAbortedException(
          "NOT judged: task "
              + victim
              + " was seen dead "
              + dying
              + " ms after the kill began (a loaded machine), longer than "
              + SEEN_DEAD_WITHIN.toMillis()
              + " ms: "
              + DrainVerdict.tally(visits, dying));
    }
    LOG.info(
        "[crowd] task {} killed through {}: {}{}",
        victim,
        context.stack().frontDoor(),
        DrainVerdict.tally(visits, dying),
        crowd.failed().isEmpty() ? "" : "; failed: " + crowd.failed());
    assertThat(DrainVerdict.onlyThoseOpenWhileItDied(visits, dying, where()))
        .as("requests while task %s was killed (%d visitors)", victim, crowd.visitors())
        .isEmpty();
  }

  private String where() {
    return "the front door " + context.stack().frontDoor();
  }
}
