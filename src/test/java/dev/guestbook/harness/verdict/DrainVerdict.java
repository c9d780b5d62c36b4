package dev.guestbook.harness.verdict;

import java.util.List;

/** What concurrent visitors lost while a task went away. */
public final class DrainVerdict {

  private DrainVerdict() {}

  /** At most {@code allowed} of the visits failed. */
  public static List<Finding> atMostFailed(List<CrowdVisit> visits, int allowed, String where) {
    List<CrowdVisit> failed = visits.stream().filter(v -> !v.ok()).toList();
    return failed.size() <= allowed
        ? List.of()
        : List.of(
            new Finding(
                where,
                "failed requests of " + visits.size(),
                "at most " + allowed,
                failed.size() + ": " + failed));
  }

  /**
   * No visit failed later than {@code seconds} after the event began: the front door routed around
   * the lost task by then.
   */
  public static List<Finding> noFailureAfter(List<CrowdVisit> visits, int seconds, String where) {
    List<CrowdVisit> late =
        visits.stream().filter(v -> !v.ok() && v.atMillis() > seconds * 1000L).toList();
    return late.isEmpty()
        ? List.of()
        : List.of(
            new Finding(
                where,
                "requests failing after the task went away",
                "none later than " + seconds + " s",
                late.size() + " later: " + late));
  }
}
