package dev.guestbook.harness.report;

import java.time.Duration;

/**
 * One scenario of a run, as the report shows it.
 *
 * @param feature the feature file's path in the repository ({@code features/faults.feature})
 * @param name the scenario's name
 * @param line its line in the feature file
 * @param status PASSED, FAILED, SKIPPED…, RUNNING while it runs, INTERRUPTED when the run was
 *     stopped during it
 * @param step the step it ended in (or is in), empty if none
 * @param message why it failed, was skipped or was interrupted; empty when it passed
 * @param took how long it ran
 */
public record ScenarioRecord(
    String feature,
    String name,
    int line,
    String status,
    String step,
    String message,
    Duration took) {

  public ScenarioRecord interrupted(String why) {
    return new ScenarioRecord(feature, name, line, "INTERRUPTED", step, why, took);
  }
}
