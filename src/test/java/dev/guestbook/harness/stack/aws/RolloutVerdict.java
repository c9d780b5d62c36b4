package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.verdict.Finding;
import java.util.List;

/**
 * The state of a rollout as decided from one poll of ECS and the target group. {@link Failed} is
 * terminal (fail at once); {@link InProgress} keeps polling; {@link Completed} ends the wait.
 */
public sealed interface RolloutVerdict {

  /** One line for progress output and timeouts. */
  String summary();

  record Completed(String summary) implements RolloutVerdict {}

  /**
   * @param summary where the rollout stands
   * @param waitingFor what is still missing (target health reasons, counts), for a timeout message
   */
  record InProgress(String summary, List<String> waitingFor) implements RolloutVerdict {}

  /**
   * @param cause what went wrong, as a finding
   * @param reasons every reason found, the cause first: rollout state reason, stopped tasks, target
   *     health codes, service events
   * @param stoppedTaskArns tasks whose last log lines should be fetched for the report
   */
  record Failed(Finding cause, List<String> reasons, List<String> stoppedTaskArns)
      implements RolloutVerdict {
    @Override
    public String summary() {
      return cause.toString();
    }
  }
}
