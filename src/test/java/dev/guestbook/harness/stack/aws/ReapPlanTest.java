package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.stack.aws.ReapPlan.Action;
import dev.guestbook.harness.stack.aws.ReapPlan.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reaper's rules: age bound, lock age, runs found only by name, runs that say no age. */
class ReapPlanTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration OLDER_THAN = Duration.ofHours(3);
  private static final Duration JOB_LIMIT = Duration.ofHours(2);

  private static AwsSweep.Leftover lb(String run, Duration age) {
    return new AwsSweep.Leftover(
        "load-balancer",
        "arn:lb:" + run,
        Map.of("RunId", run, "Project", "guestbook"),
        Optional.of(NOW.minus(age)));
  }

  private static AwsSweep.Leftover vpc(String run) {
    return new AwsSweep.Leftover("vpc", "vpc-" + run, Map.of("RunId", run, "Project", "guestbook"));
  }

  private static Map<String, Action> plan(
      List<AwsSweep.Leftover> resources, List<StoredState> states) {
    return ReapPlan.plan(resources, states, "guestbook", NOW, OLDER_THAN, JOB_LIMIT).stream()
        .collect(java.util.stream.Collectors.toMap(ReapPlan.Run::runId, ReapPlan.Run::action));
  }

  @Test
  void aRunYoungerThanTheBoundIsLeftAloneWhateverElseIsOld() {
    assertThat(
            plan(
                List.of(lb("gb-1", Duration.ofHours(5)), lb("gb-1", Duration.ofMinutes(20))),
                List.of()))
        .containsEntry("gb-1", Action.LEAVE_YOUNG);
  }

  @Test
  void anOldRunWithoutStateIsRemovedByTag() {
    assertThat(plan(List.of(lb("gb-2", Duration.ofHours(4)), vpc("gb-2")), List.of()))
        .containsEntry("gb-2", Action.REMOVE_BY_TAG);
  }

  @Test
  void aLockYoungerThanTheJobLimitMeansTheRunMayStillBeGoing() {
    StoredState locked =
        new StoredState(
            "gb-3", NOW.minus(Duration.ofHours(4)), Optional.of(NOW.minus(Duration.ofMinutes(90))));
    // the lock itself is younger than the age bound too: the run is young
    assertThat(plan(List.of(), List.of(locked))).containsEntry("gb-3", Action.LEAVE_YOUNG);
    ReapPlan.Run run =
        ReapPlan.plan(
                List.of(), List.of(locked), "guestbook", NOW, Duration.ofMinutes(60), JOB_LIMIT)
            .get(0);
    assertThat(run.action()).isEqualTo(Action.LEAVE_LOCKED);
    assertThat(run.why()).contains("state locked 90 min ago, within the job limit of 120 min");
  }

  @Test
  void theBoundsAreTheirOwnEdges() {
    Duration second = Duration.ofSeconds(1);
    // a run exactly as old as the bound is old enough; a second younger it is not
    assertThat(plan(List.of(lb("gb-6", OLDER_THAN)), List.of()))
        .containsEntry("gb-6", Action.REMOVE_BY_TAG);
    assertThat(plan(List.of(lb("gb-7", OLDER_THAN.minus(second))), List.of()))
        .containsEntry("gb-7", Action.LEAVE_YOUNG);
    // a lock held exactly the job limit is a killed run's; a second less, a run still going
    Duration bound = Duration.ofMinutes(30);
    StoredState atLimit =
        new StoredState("gb-8", NOW.minus(JOB_LIMIT), Optional.of(NOW.minus(JOB_LIMIT)));
    StoredState underLimit =
        new StoredState(
            "gb-9",
            NOW.minus(JOB_LIMIT.minus(second)),
            Optional.of(NOW.minus(JOB_LIMIT.minus(second))));
    assertThat(
            ReapPlan.plan(
                    List.of(), List.of(atLimit, underLimit), "guestbook", NOW, bound, JOB_LIMIT)
                .stream()
                .map(r -> r.runId() + " " + r.action())
                .toList())
        .containsExactly("gb-8 UNLOCK_AND_DESTROY", "gb-9 LEAVE_LOCKED");
  }

  @Test
  void aLockOlderThanAnyJobIsAKilledRunsAndIsBrokenBeforeDestroy() {
    StoredState killed =
        new StoredState(
            "gb-4", NOW.minus(Duration.ofHours(6)), Optional.of(NOW.minus(Duration.ofHours(6))));
    StoredState ended = new StoredState("gb-5", NOW.minus(Duration.ofHours(6)), Optional.empty());

    assertThat(plan(List.of(lb("gb-4", Duration.ofHours(6))), List.of(killed, ended)))
        .containsEntry("gb-4", Action.UNLOCK_AND_DESTROY)
        .containsEntry("gb-5", Action.DESTROY_FROM_STATE);
  }

  @Test
  void aRunThatSaysNoAgeIsLeftAloneAndResourcesOfNoRunAreNotTouched() {
    AwsSweep.Leftover stranger =
        new AwsSweep.Leftover("vpc", "vpc-x", Map.of("Project", "guestbook"));

    assertThat(plan(List.of(vpc("gb-6"), stranger), List.of()))
        .containsOnlyKeys("gb-6")
        .containsEntry("gb-6", Action.LEAVE_AGE_UNKNOWN);
  }

  @Test
  void containerInsightsGroupsRecreatedUntaggedBelongToTheRunTheirNameSays() {
    AwsSweep.Leftover insights =
        new AwsSweep.Leftover(
            "log-group",
            "/aws/ecs/containerinsights/guestbook-gb-n41-2/performance",
            Map.of(),
            Optional.of(NOW.minus(Duration.ofHours(5))));

    assertThat(ReapPlan.runOf(insights, "guestbook")).contains("gb-n41-2");
    assertThat(plan(List.of(insights), List.of())).containsEntry("gb-n41-2", Action.REMOVE_BY_TAG);
  }
}
