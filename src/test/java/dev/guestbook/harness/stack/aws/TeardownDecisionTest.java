package dev.guestbook.harness.stack.aws;

import static dev.guestbook.harness.stack.aws.TeardownDecision.DESTROY;
import static dev.guestbook.harness.stack.aws.TeardownDecision.KEEP;
import static dev.guestbook.harness.stack.aws.TeardownDecision.NOTHING_APPLIED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.AwsSettings.Teardown;
import dev.guestbook.harness.stack.aws.TeardownDecision.RunEnd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every policy × how the run ended × whether anything was applied. */
class TeardownDecisionTest {

  @ParameterizedTest(name = "{0} after a {1} run, applied {2}: {3}")
  @CsvSource({
    "ALWAYS,     PASSED,      true,  DESTROY",
    "ALWAYS,     FAILED,      true,  DESTROY",
    "ALWAYS,     INTERRUPTED, true,  DESTROY",
    "ON_SUCCESS, PASSED,      true,  DESTROY",
    "ON_SUCCESS, FAILED,      true,  KEEP",
    "ON_SUCCESS, INTERRUPTED, true,  DESTROY",
    "NEVER,      PASSED,      true,  KEEP",
    "NEVER,      FAILED,      true,  KEEP",
    "NEVER,      INTERRUPTED, true,  KEEP",
    "ALWAYS,     FAILED,      false, NOTHING_APPLIED",
    "ON_SUCCESS, FAILED,      false, NOTHING_APPLIED",
    "NEVER,      PASSED,      false, NOTHING_APPLIED",
  })
  void decides(Teardown policy, RunEnd end, boolean applied, TeardownDecision expected) {
    assertThat(TeardownDecision.decide(policy, applied, end)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "scenario failed {0}, phase failed {1}, interrupted {2}: {3}")
  @CsvSource({
    "false, false, false, PASSED",
    "true,  false, false, FAILED",
    "false, true,  false, FAILED",
    "false, true,  true,  INTERRUPTED",
    "true,  false, true,  FAILED",
    "false, false, true,  INTERRUPTED",
  })
  void readsHowTheRunEnded(
      boolean scenarioFailed, boolean phaseFailed, boolean interrupted, RunEnd expected) {
    assertThat(TeardownDecision.end(scenarioFailed, phaseFailed, interrupted)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void onlyTheKeptOrNothingAppliedEverSkipsADestroy() {
    assertThat(TeardownDecision.values()).containsExactly(DESTROY, KEEP, NOTHING_APPLIED);
  }
}
