package dev.guestbook.harness.stack.aws;

/** What the rollout phase of the deploy runbook found. */
public sealed interface RolloutOutcome {
  /** The deployment completed on AWS. */
  record Completed(RolloutVerdict.Completed verdict) implements RolloutOutcome {}

  /**
   * The emulator cannot run tasks: the state it does model was checked and is as expected.
   *
   * @param reason what was seen and why the rest cannot be checked
   */
  record EmulatorCannotRunTasks(String reason) implements RolloutOutcome {}
}
