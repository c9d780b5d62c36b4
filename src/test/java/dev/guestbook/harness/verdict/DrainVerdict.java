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
   * A task killed hard can cost a visitor only what it held as it died: a request the front door
   * had given it before or while the kill took effect. So every failed request must have been open
   * at some moment from the kill's start until the task was seen dead ({@code dyingMillis} after
   * it); one sent after that was sent by a front door that kept routing to a dead task, or did not
   * try another task when the dead one refused the connection. How many were open then (at most one
   * each visitor at any one moment, more over the whole time the task took to die) is what the kill
   * may cost, and {@link #tally} says it.
   */
  public static List<Finding> onlyThoseOpenWhileItDied(
      List<CrowdVisit> visits, long dyingMillis, String where) {
    List<CrowdVisit> others =
        visits.stream().filter(v -> !v.ok() && !v.openDuring(0, dyingMillis)).toList();
    return others.isEmpty()
        ? List.of()
        : List.of(
            new Finding(
                where,
                "failed requests not open while the task was dying (0.." + dyingMillis + " ms)",
                "none",
                others.size() + ": " + others));
  }

  /** What a kill cost: the requests open while the task was dying, and those sent after. */
  public static String tally(List<CrowdVisit> visits, long dyingMillis) {
    List<CrowdVisit> open = visits.stream().filter(v -> v.openDuring(0, dyingMillis)).toList();
    List<CrowdVisit> after = visits.stream().filter(v -> v.startedMillis() > dyingMillis).toList();
    return open.size()
        + " requests open while the task was dying (0.."
        + dyingMillis
        + " ms), "
        + open.stream().filter(v -> !v.ok()).count()
        + " of them failed; "
        + after.size()
        + " sent after it was dead, "
        + after.stream().filter(v -> !v.ok()).count()
        + " of them failed";
  }
}
