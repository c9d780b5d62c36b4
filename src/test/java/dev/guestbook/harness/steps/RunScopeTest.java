package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shutdown hook tears down while scenario threads go on: once it has begun, nothing new may
 * start (it would outlive the teardown). A fresh scope each, not the run's own.
 */
class RunScopeTest {

  @Test
  void afterTheShutdownHookBeganNothingStarts() {
    RunScope scope = new RunScope();
    scope.interrupted();

    assertThatThrownBy(scope::browser)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the run is shutting down (SIGINT or SIGTERM): not starting the browser, which the"
                + " teardown under way would never close");
    assertThatThrownBy(scope::stack)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(": not starting the stack,");
    assertThatThrownBy(() -> scope.terraformJobs(Path.of("terraform")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(": not starting Terraform's checks,");
    assertThat(scope.startedStack()).isEmpty();
    assertThat(scope.awaitInterruptTeardown(Duration.ZERO))
        .isEqualTo(RunScope.InterruptTeardown.NOTHING_STARTED);
  }
}
