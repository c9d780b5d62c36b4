package dev.guestbook.harness.steps;

import dev.guestbook.harness.config.Target;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import org.opentest4j.TestAbortedException;

public final class Hooks {

  private final ScenarioScope context;

  public Hooks(ScenarioScope context) {
    this.context = context;
  }

  /**
   * A scenario runs only on targets its tags name; elsewhere it is reported as skipped, with why.
   */
  @Before(order = 0)
  public void runOnlyOnServingTargets(Scenario scenario) {
    Target target = context.config().target();
    target
        .notServed(scenario.getSourceTagNames())
        .ifPresent(
            why -> {
              throw new TestAbortedException(why);
            });
  }

  /**
   * A failed scenario carries the stack's state in the report: where things were, and how they
   * were.
   */
  @After(order = 10)
  public void attachStackStateOnFailure(Scenario scenario) {
    if (scenario.isFailed()) {
      RunScope.run().scenarioFailed();
      context
          .startedStack()
          .ifPresent(
              stack ->
                  scenario.attach(
                      StackReport.describe(stack), "text/plain", "stack state after failure"));
    }
  }

  @AfterAll
  public static void closeStack() {
    RunScope.run().close();
  }
}
