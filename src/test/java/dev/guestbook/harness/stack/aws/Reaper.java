package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.stack.aws.AwsSweep.Leftover;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one run's {@link ReapPlan} decision: a stale lock broken first, then {@code terraform
 * destroy} from the run's state (what the state does not hold removed by tag before it: a killed
 * apply's creations block the VPC's deletion), then removal by tag pass after pass ({@link
 * LeftoverRemoval#untilGone}) until nothing of the run is found; a destroy that failed is run once
 * more after that, so the state ends empty. Answers what of the run is still there.
 */
final class Reaper {

  /** Where the runs' states are, and what can be done with them. */
  interface States {

    /** Breaks the run's lock; answers where it was. */
    String unlock(String runId);

    /**
     * {@code terraform destroy} of the run's state, running {@code beforeDestroy} once the state is
     * at hand; false when the destroy failed.
     */
    boolean destroy(String runId, Runnable beforeDestroy);

    /** The ids of what the run's state holds (read after the state is at hand). */
    Set<String> idsInState(String runId);
  }

  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  private final Function<String, List<Leftover>> find;
  private final LeftoverRemoval removal;
  private final States states;
  private final BiFunction<String, Leftover, Optional<String>> expected;
  private final Duration bound;
  private final Duration poll;

  /**
   * @param find what is tagged with a run ({@link AwsSweep#find})
   * @param expected why a run's resource is expected to stay (an emulator's known limit), if it is
   * @param bound how long removal by tag goes on ({@link AwsEndpoint#removalBound})
   * @param poll how far apart its passes are
   */
  Reaper(
      Function<String, List<Leftover>> find,
      LeftoverRemoval removal,
      States states,
      BiFunction<String, Leftover, Optional<String>> expected,
      Duration bound,
      Duration poll) {
    this.find = find;
    this.removal = removal;
    this.states = states;
    this.expected = expected;
    this.bound = bound;
    this.poll = poll;
  }

  /** Whether the decision removes anything. */
  static boolean actsOn(ReapPlan.Run run) {
    return switch (run.action()) {
      case DESTROY_FROM_STATE, UNLOCK_AND_DESTROY, REMOVE_BY_TAG -> true;
      case LEAVE_YOUNG, LEAVE_LOCKED, LEAVE_AGE_UNKNOWN -> false;
    };
  }

  /** Carries out the decision; answers what of the run is still there (expected ones aside). */
  List<String> reap(ReapPlan.Run run) {
    if (!actsOn(run)) {
      return List.of();
    }
    String runId = run.runId();
    if (run.action() == ReapPlan.Action.UNLOCK_AND_DESTROY) {
      LOG.info("[reaper] run {}: broke the stale lock {}", runId, states.unlock(runId));
    }
    boolean destroyed =
        run.action() == ReapPlan.Action.REMOVE_BY_TAG
            || states.destroy(runId, () -> removeUntracked(runId));
    LeftoverRemoval.Report report =
        removal.untilGone(
            runId,
            () ->
                find.apply(runId).stream().filter(l -> expected.apply(runId, l).isEmpty()).toList(),
            bound,
            poll);
    if (!destroyed) {
      // what stopped the destroy is gone now: once more, so the state ends empty
      states.destroy(runId, () -> {});
    }
    report.notRemoved().forEach(f -> LOG.warn("[reaper] run {}: could not remove {}", runId, f));
    List<String> still =
        find.apply(runId).stream()
            .filter(
                l -> {
                  Optional<String> why = expected.apply(runId, l);
                  why.ifPresent(w -> LOG.warn("[reaper] EXPECTED ON THE EMULATOR: {}: {}", l, w));
                  return why.isEmpty();
                })
            .map(l -> runId + ": " + l)
            .toList();
    LOG.info(
        "[reaper] run {}: removed {} resource(s) by tag in {} pass(es); {} left",
        runId,
        report.removed().size(),
        report.passes(),
        still.size());
    return still;
  }

  /** What is tagged with the run but not in its state, removed (one pass) before destroy. */
  private void removeUntracked(String runId) {
    List<Leftover> untracked = AwsSweep.untracked(find.apply(runId), states.idsInState(runId));
    List<String> failed = LeftoverRemoval.failures(removal.once(untracked));
    LOG.info(
        "[reaper] run {}: removed {} resource(s) its state did not hold{}",
        runId,
        untracked.size() - failed.size(),
        failed.isEmpty() ? "" : "; could not remove " + failed);
  }
}
