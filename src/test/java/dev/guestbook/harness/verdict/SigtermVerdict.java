package dev.guestbook.harness.verdict;

import dev.guestbook.harness.stack.TaskExit;
import java.util.List;

/** Whether a task that got SIGTERM finished what it had accepted, and then stopped by itself. */
public final class SigtermVerdict {

  private SigtermVerdict() {}

  /**
   * Every request that was in the tasks when {@code victim} got SIGTERM was answered 200, and at
   * least one of them was the victim's (else nothing here judged its drain).
   */
  public static List<Finding> everyAcceptedRequestAnswered(
      List<HeldRequest> held, String victim, String where) {
    List<HeldRequest> lost = held.stream().filter(r -> !r.answered()).toList();
    if (!lost.isEmpty()) {
      return List.of(
          new Finding(
              where,
              "requests waiting in the tasks when task " + victim + " got SIGTERM",
              "every one answered 200: a stopping task finishes what it accepted (an ALB would"
                  + " show a dropped one as a 502)",
              lost.size() + " of " + held.size() + " not: " + lost));
    }
    if (held.stream().noneMatch(r -> r.servedBy().equals(victim))) {
      return List.of(
          new Finding(
              where,
              "requests served by task " + victim,
              "at least one of the " + held.size() + " (else its drain was not put to the test)",
              "none: " + held));
    }
    return List.of();
  }

  /** The task exited by itself, not killed, within the bound it was given. */
  public static List<Finding> exitedByItself(TaskExit exit, String where) {
    return exit.byItself()
        ? List.of()
        : List.of(
            new Finding(
                where,
                "task " + exit.task() + " after SIGTERM",
                "exits by itself within " + exit.waited().toSeconds() + " s, once it has drained",
                exit.describe()));
  }
}
