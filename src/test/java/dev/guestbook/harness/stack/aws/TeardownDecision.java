package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings.Teardown;

/**
 * What teardown does with a run's stack: a pure decision over the policy ({@code bdi.teardown}) and
 * how the run ended, so that "always" can never quietly stop destroying after a red run.
 */
public enum TeardownDecision {
  /** {@code terraform destroy}, and what the state does not hold removed by tag. */
  DESTROY,
  /** Left in place for debugging, with how to remove it printed. */
  KEEP,
  /** Nothing was applied: there is nothing to destroy. */
  NOTHING_APPLIED;

  /** How the run ended. */
  public enum RunEnd {
    PASSED,
    FAILED,
    /** Ctrl-C, SIGTERM, a CI cancel: nobody will look at the stack. */
    INTERRUPTED
  }

  /**
   * {@code always} destroys whatever happened, {@code never} keeps, {@code on-success} keeps a
   * failed run (to debug it) and destroys a passed or interrupted one.
   */
  public static TeardownDecision decide(Teardown policy, boolean applied, RunEnd end) {
    if (!applied) {
      return NOTHING_APPLIED;
    }
    return switch (policy) {
      case ALWAYS -> DESTROY;
      case NEVER -> KEEP;
      case ON_SUCCESS -> end == RunEnd.FAILED ? KEEP : DESTROY;
    };
  }

  /**
   * A failed scenario makes a failed run even when it was interrupted later; a phase that failed
   * because the run was interrupted does not.
   */
  public static RunEnd end(boolean anyScenarioFailed, boolean phaseFailed, boolean interrupted) {
    if (anyScenarioFailed) {
      return RunEnd.FAILED;
    }
    if (interrupted) {
      return RunEnd.INTERRUPTED;
    }
    return phaseFailed ? RunEnd.FAILED : RunEnd.PASSED;
  }
}
