package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.HostExposure;
import dev.guestbook.harness.verdict.ExposureVerdict;
import io.cucumber.java.en.Then;
import org.opentest4j.TestAbortedException;

/** What the running stack shows the host, and who its tasks run as. */
public final class ExposureSteps {

  private final ScenarioScope context;

  public ExposureSteps(ScenarioScope context) {
    this.context = context;
  }

  @Then(
      "the only port the stack publishes on the host is the front door's \\({word} {int}), on 127.0.0.1")
  public void onlyFrontDoor(String service, int port) {
    HostExposure exposure = context.stack().hostExposure();
    exposure
        .unknown()
        .ifPresent(
            why -> {
              throw new TestAbortedException(why);
            });
    assertThat(ExposureVerdict.onlyFrontDoorPublished(exposure, service, port))
        .as("ports published on the host by %s", context.stack().describe())
        .isEmpty();
  }

  @Then("no running task can write to its own filesystem but its temp directory")
  public void readOnlyRoot() {
    var writes =
        context
            .stack()
            .tryWrites()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "this target cannot run a command inside its tasks: "
                            + context.stack().describe()));
    assertThat(ExposureVerdict.readOnlyRoot(writes))
        .as("writes inside the tasks of %s", context.stack().describe())
        .isEmpty();
  }

  @Then("no process of any running task runs as root")
  public void unprivileged() {
    var users =
        context
            .stack()
            .taskUsers()
            .orElseThrow(
                () ->
                    new TestAbortedException(
                        "this target cannot tell who its tasks run as: "
                            + context.stack().describe()));
    assertThat(ExposureVerdict.unprivileged(users))
        .as("users of the tasks of %s", context.stack().describe())
        .isEmpty();
  }
}
