package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhaseClockTest {

  @Test
  void recordsEachPhaseAndWhetherItFailed() {
    PhaseClock clock = new PhaseClock();
    assertThat(clock.time("apply", () -> "outputs")).isEqualTo("outputs");
    assertThatThrownBy(
            () ->
                clock.time(
                    "rollout",
                    () -> {
                      throw new IllegalStateException("circuit breaker");
                    }))
        .hasMessage("circuit breaker");
    assertThat(clock.phases())
        .extracting(PhaseClock.Phase::name)
        .containsExactly("apply", "rollout");
    assertThat(clock.phases()).extracting(PhaseClock.Phase::ok).containsExactly(true, false);
    assertThat(clock.table()).contains("apply", "ok", "rollout", "FAILED", "total");
  }
}
