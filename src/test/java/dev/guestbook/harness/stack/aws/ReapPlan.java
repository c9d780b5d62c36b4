package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the reaper does with each run of this project that nobody tore down: a pure decision over
 * what the sweep found (by the {@code Project} and {@code RunId} tags), the runs' stored states and
 * their locks, and the time. A run is touched only when everything known of it is older than the
 * bound; a state lock younger than the job limit means its run may still be going (left alone); an
 * older one was left by a run that was killed, and is broken before destroy.
 */
public final class ReapPlan {

  private ReapPlan() {}

  /** A run's stored state: when it was last written, and since when it is locked, if it is. */
  public record StoredState(String runId, Instant written, Optional<Instant> lockedSince) {}

  /** What is done with one run. */
  public enum Action {
    /** Something of it is younger than the bound: it may be running or just ended. */
    LEAVE_YOUNG,
    /** Its state is locked, for less than the job limit: its run may still be going. */
    LEAVE_LOCKED,
    /** Nothing of it says when it was made: left alone, and reported. */
    LEAVE_AGE_UNKNOWN,
    /** {@code terraform destroy} from its state, then removal by tag of what is left. */
    DESTROY_FROM_STATE,
    /** Its lock is older than the job limit (a killed run's): broken, then as above. */
    UNLOCK_AND_DESTROY,
    /** No state: removal by tag, in dependency order. */
    REMOVE_BY_TAG
  }

  /** One run and what is done with it, with why. */
  public record Run(
      String runId,
      Action action,
      String why,
      List<AwsSweep.Leftover> resources,
      Optional<StoredState> state) {}

  /**
   * @param resources every resource of the project the sweep found (each with its {@code RunId}
   *     tag, and when it was created where the service says)
   * @param states the runs' stored states
   * @param olderThan a run younger than this is not touched
   * @param jobLimit the longest a run can go on (the CI job's timeout): a lock older than this was
   *     left by a run that is gone
   */
  public static List<Run> plan(
      List<AwsSweep.Leftover> resources,
      List<StoredState> states,
      String namePrefix,
      Instant now,
      Duration olderThan,
      Duration jobLimit) {
    Map<String, List<AwsSweep.Leftover>> byRun = new LinkedHashMap<>();
    resources.forEach(
        r ->
            runOf(r, namePrefix)
                .ifPresent(id -> byRun.computeIfAbsent(id, k -> new ArrayList<>()).add(r)));
    Map<String, StoredState> stateByRun = new LinkedHashMap<>();
    states.forEach(s -> stateByRun.put(s.runId(), s));
    List<Run> plan = new ArrayList<>();
    for (String runId : new TreeSet<>(union(byRun.keySet(), stateByRun.keySet()))) {
      List<AwsSweep.Leftover> of = byRun.getOrDefault(runId, List.of());
      Optional<StoredState> state = Optional.ofNullable(stateByRun.get(runId));
      plan.add(decide(runId, of, state, now, olderThan, jobLimit));
    }
    return plan;
  }

  /**
   * A resource's run: its {@code RunId} tag, or for Container Insights' log group (recreated
   * untagged by ECS) the cluster's name in its own, {@code /aws/ecs/containerinsights/<prefix>-<run
   * id>/performance}.
   */
  static Optional<String> runOf(AwsSweep.Leftover resource, String namePrefix) {
    String tagged = resource.tags().get("RunId");
    if (tagged != null) {
      return Optional.of(tagged);
    }
    String insights = "/aws/ecs/containerinsights/" + namePrefix + "-";
    if (resource.kind().equals("log-group") && resource.id().startsWith(insights)) {
      String rest = resource.id().substring(insights.length());
      int slash = rest.indexOf('/');
      return Optional.of(slash < 0 ? rest : rest.substring(0, slash)).filter(id -> !id.isEmpty());
    }
    return Optional.empty();
  }

  /** What is known of one run before it is decided on. */
  private record Candidate(
      String runId, List<AwsSweep.Leftover> resources, Optional<StoredState> state) {

    Run as(Action action, String why) {
      return new Run(runId, action, why, resources, state);
    }
  }

  private static Run decide(
      String runId,
      List<AwsSweep.Leftover> resources,
      Optional<StoredState> state,
      Instant now,
      Duration olderThan,
      Duration jobLimit) {
    Candidate run = new Candidate(runId, resources, state);
    Optional<Instant> latest = lastTouched(resources, state);
    if (latest.isEmpty()) {
      return run.as(
          Action.LEAVE_AGE_UNKNOWN,
          "none of its "
              + resources.size()
              + " resource(s) says when it was created, and no state");
    }
    Duration age = Duration.between(latest.get(), now);
    if (age.compareTo(olderThan) < 0) {
      return run.as(
          Action.LEAVE_YOUNG,
          "last touched " + minutes(age) + " ago, younger than " + minutes(olderThan));
    }
    if (state.isEmpty()) {
      return run.as(
          Action.REMOVE_BY_TAG,
          "no state; "
              + resources.size()
              + " resource(s) by tag, last touched "
              + minutes(age)
              + " ago");
    }
    return state
        .get()
        .lockedSince()
        .map(lock -> byLock(run, Duration.between(lock, now), jobLimit))
        .orElseGet(
            () -> run.as(Action.DESTROY_FROM_STATE, "state last written " + minutes(age) + " ago"));
  }

  /** The latest of the resources' creation times, the state's last write and its lock. */
  private static Optional<Instant> lastTouched(
      List<AwsSweep.Leftover> resources, Optional<StoredState> state) {
    return Stream.concat(
            resources.stream().flatMap(r -> r.created().stream()),
            state.stream()
                .flatMap(s -> Stream.concat(Stream.of(s.written()), s.lockedSince().stream())))
        .max(Instant::compareTo);
  }

  /** A locked run: left alone while the lock is within the job limit, else unlocked. */
  private static Run byLock(Candidate run, Duration held, Duration jobLimit) {
    if (held.compareTo(jobLimit) < 0) {
      return run.as(
          Action.LEAVE_LOCKED,
          "state locked " + minutes(held) + " ago, within the job limit of " + minutes(jobLimit));
    }
    return run.as(
        Action.UNLOCK_AND_DESTROY,
        "state locked "
            + minutes(held)
            + " ago, longer than any job runs ("
            + minutes(jobLimit)
            + "): a killed run's lock");
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(x -> !a.contains(x)).forEach(all::add);
    return all;
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + " min";
  }
}
