package dev.guestbook.harness.verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * What a front door did with requests, judged on what each task received, not on timing: it resends
 * nothing a task accepted (an ALB never does: a request a task accepted and dropped is the
 * visitor's 502), and it tries another task when a connection is refused (ECS's deregistration
 * race, a task gone).
 */
public final class FrontDoorVerdict {

  private FrontDoorVerdict() {}

  /**
   * @param sent requests sent through the front door, one at a time
   * @param answered200 of them answered 200
   * @param served requests the healthy task received
   * @param dropped requests the dropping task accepted and dropped
   * @param where the front door, for the findings
   */
  public static List<Finding> resendsNothingRetriesRefused(
      int sent, int answered200, int served, int dropped, String where) {
    List<Finding> findings = new ArrayList<>();
    if (served + dropped > sent) {
      findings.add(
          new Finding(
              where,
              "requests the tasks received",
              "each of the " + sent + " at one task only (nothing a task accepted is resent)",
              (served + dropped)
                  + ": "
                  + (served + dropped - sent)
                  + " resent after a task had accepted them"));
    }
    int failed = sent - answered200;
    if (failed > dropped) {
      findings.add(
          new Finding(
              where,
              "failed requests",
              "only those a task accepted and dropped (" + dropped + ")",
              failed
                  + ": "
                  + (failed - dropped)
                  + " never reached a task (a refused connection not tried on another)"));
    }
    if (answered200 > served) {
      findings.add(
          new Finding(
              where,
              "requests answered 200",
              "no more than the healthy task served (" + served + ")",
              String.valueOf(answered200)));
    }
    return findings;
  }
}
