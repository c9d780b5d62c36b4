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
    assertThat(clock.table()).contains("apply", "OK", "rollout", "FAILED", "total");
  }

  @Test
  void aRunningPhaseIsShownWhileItRunsAndTheClockIsNotLockedMeanwhile() throws Exception {
    PhaseClock clock = new PhaseClock();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread apply =
        new Thread(
            () ->
                clock.time(
                    "apply",
                    () -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    apply.start();
    inside.await();
    // read from another thread while the phase runs: this blocked for the whole phase before
    assertThat(clock.table()).contains("apply", "RUNNING");
    clock.skipped("rollout", "the emulator runs no tasks");
    release.countDown();
    apply.join();
    assertThat(clock.phases())
        .extracting(PhaseClock.Phase::result)
        .containsExactly(PhaseClock.Result.SKIPPED, PhaseClock.Result.OK);
    assertThat(clock.table()).contains("the emulator runs no tasks");
  }
}
