package dev.guestbook.harness.stack.aws;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.terraform.TerraformOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Polls ECS and the target group until {@link RolloutJudge} says the deployment we started is
 * complete; fails within one poll of a terminal state, with the reasons, the latest service events,
 * target-health reason codes and the last log lines of stopped tasks.
 */
public final class RolloutVerifier {

  private final EcsDriver ecs;
  private final TargetHealthDriver targets;
  private final LogTail logs;
  private final Consumer<String> progress;
  private final boolean verbose;

  /** The verifier of the deployed stack's service, target group and log group. */
  static RolloutVerifier of(
      AwsClients clients, TerraformOutputs outputs, Consumer<String> progress, boolean verbose) {
    return new RolloutVerifier(
        EcsDriver.of(clients, outputs),
        new TargetHealthDriver(clients.elb(), outputs.targetGroupArn()),
        new LogTail(clients.logs(), outputs.logGroupName(), "guestbook"),
        progress,
        verbose);
  }

  /**
   * @param progress where a line goes when the rollout's state changes (every poll when verbose)
   */
  public RolloutVerifier(
      EcsDriver ecs,
      TargetHealthDriver targets,
      LogTail logs,
      Consumer<String> progress,
      boolean verbose) {
    this.ecs = ecs;
    this.targets = targets;
    this.logs = logs;
    this.progress = progress;
    this.verbose = verbose;
  }

  /** One fresh look: the verdict right now. */
  public RolloutVerdict poll(RolloutExpectation expected) {
    return RolloutJudge.judge(expected, ecs.describe(), ecs.tasks(), targets.targets());
  }

  /**
   * Waits up to {@code atMost} for completion, printing progress when it changes (or every poll,
   * verbose). Stops at once when {@code cancelled} turns true (Ctrl-C).
   *
   * @throws RolloutFailedException on a terminal state, with every reason found
   * @throws RolloutTimeoutException when the time ran out on a rollout still in progress
   */
  public RolloutVerdict.Completed awaitCompletion(
      RolloutExpectation expected, Duration atMost, Duration every, BooleanSupplier cancelled) {
    long started = System.nanoTime();
    AtomicReference<RolloutVerdict> last = new AtomicReference<>();
    String alias = "rollout of " + expected.deploymentId() + " (" + ecs.where() + ")";
    try {
      await(alias)
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(every)
          .failFast("the run was interrupted", cancelled::getAsBoolean)
          .until(
              () -> {
                RolloutVerdict verdict = poll(expected);
                RolloutVerdict previous = last.getAndSet(verdict);
                if (verbose || previous == null || !previous.summary().equals(verdict.summary())) {
                  progress.accept("[rollout " + elapsed(started) + "] " + verdict.summary());
                }
                if (verdict instanceof RolloutVerdict.Failed failed) {
                  throw new RolloutFailedException(explain(failed));
                }
                return verdict instanceof RolloutVerdict.Completed;
              });
    } catch (TerminalFailureException e) {
      throw new RolloutFailedException(alias + " stopped: the run was interrupted", e);
    } catch (ConditionTimeoutException e) {
      RolloutVerdict verdict = last.get();
      List<String> waiting =
          verdict instanceof RolloutVerdict.InProgress p ? p.waitingFor() : List.of();
      throw new RolloutTimeoutException(
          alias
              + " did not complete within "
              + atMost.toSeconds()
              + " s; last seen: "
              + (verdict == null ? "nothing" : verdict.summary())
              + "; still waiting for: "
              + waiting,
          e);
    }
    return (RolloutVerdict.Completed) last.get();
  }

  private String explain(RolloutVerdict.Failed failed) {
    List<String> lines = new ArrayList<>(failed.reasons());
    for (String arn : failed.stoppedTaskArns()) {
      lines.add("last log lines of task " + RolloutJudge.taskId(arn) + ":");
      logs.last(arn, "guestbook", 10).forEach(l -> lines.add("  " + l));
    }
    return String.join("\n", lines);
  }

  private static String elapsed(long started) {
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    return String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
