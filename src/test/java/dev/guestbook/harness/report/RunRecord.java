package dev.guestbook.harness.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run has done so far, kept as it happens so that a report can be written at any moment:
 * after each scenario, at the end, and when the run is interrupted (then the scenarios still
 * running are marked interrupted, with the deploy phase they were in).
 */
public final class RunRecord {

  /** How the run ended, as far as it is known when the report is written. */
  public enum End {
    /** The run is going on, or was killed without a chance to say so. */
    NOT_RECORDED,
    FINISHED,
    INTERRUPTED
  }

  private final Instant started;
  private final Map<String, String> featureNames = new LinkedHashMap<>();
  private final Map<Object, ScenarioRecord> scenarios = new LinkedHashMap<>();
  private End end = End.NOT_RECORDED;
  private Instant ended;
  private String interruption = "";
  private String phases = "";
  private String runLog = "";
  private String runLogPath = "";
  private String runningPhase = "";
  private Teardown teardown = Teardown.NOT_STARTED;

  /** An interrupted run's own teardown, as far as the report knows it. */
  public enum Teardown {
    NOT_STARTED,
    /** Started by the interrupt; the page is written again when it ends. */
    UNDER_WAY,
    ENDED,
    /** Nothing had been started, so there was nothing to tear down. */
    NOTHING_STARTED,
    /** It did not end within the bound the report waits. */
    NOT_ENDED_IN_TIME
  }

  public RunRecord(Instant started) {
    this.started = started;
  }

  public synchronized void feature(String path, String name) {
    featureNames.put(path, name);
  }

  /** A scenario started (or moved on to {@code step}, or ended): keyed by Cucumber's test case. */
  public synchronized void scenario(Object key, ScenarioRecord scenario) {
    ScenarioRecord known = scenarios.get(key);
    if (known != null && known.status().equals("INTERRUPTED")) {
      // what happens to it after the interrupt is said beside the interrupt, not instead of it
      scenarios.put(
          key,
          new ScenarioRecord(
              known.feature(),
              known.name(),
              known.line(),
              "INTERRUPTED",
              known.step(),
              known.message()
                  + (scenario.status().equals("RUNNING")
                      ? ""
                      : "; then it ended "
                          + scenario.status()
                          + (scenario.message().isEmpty() ? "" : ": " + scenario.message())),
              scenario.took()));
      return;
    }
    if (end == End.INTERRUPTED && !scenario.status().equals("RUNNING")) {
      // the run goes on a little while the JVM shuts down: say so beside what it did then
      scenarios.put(
          key,
          new ScenarioRecord(
              scenario.feature(),
              scenario.name(),
              scenario.line(),
              scenario.status(),
              scenario.step(),
              "ended after the interrupt (the stack was being torn down)"
                  + (scenario.message().isEmpty() ? "" : ": " + scenario.message()),
              scenario.took()));
      return;
    }
    scenarios.put(key, scenario);
  }

  public synchronized void finished(Instant at) {
    if (end == End.NOT_RECORDED) {
      end = End.FINISHED;
      ended = at;
    }
  }

  /**
   * The run was stopped: every scenario still running is marked interrupted, with {@code phase}.
   */
  public synchronized void interrupted(Instant at, String why, Optional<String> phase) {
    end = End.INTERRUPTED;
    ended = at;
    interruption = why;
    scenarios.replaceAll(
        (key, s) ->
            s.status().equals("RUNNING")
                ? s.interrupted(
                    why
                        + phase.map(p -> " during deploy phase '" + p + "'").orElse("")
                        + (s.step().isEmpty() ? "" : ", in step '" + s.step() + "'"))
                : s);
  }

  /** The deploy phase running now ({@code ""} when none): for a page written mid-run. */
  public synchronized void runningPhase(Optional<String> phase) {
    runningPhase = phase.orElse("");
  }

  /** How far an interrupted run's teardown has come. */
  public synchronized void teardown(Teardown state) {
    teardown = state;
  }

  /** The deploy's phase table and the tail of its log, once teardown is done. */
  public synchronized void deploy(String phaseTable, String logTail, String logPath) {
    phases = phaseTable;
    runLog = logTail;
    runLogPath = logPath;
  }

  public synchronized End end() {
    return end;
  }

  synchronized Snapshot snapshot(Instant now) {
    return new Snapshot(
        started,
        end,
        Duration.between(started, ended == null ? now : ended),
        interruption,
        new LinkedHashMap<>(featureNames),
        new ArrayList<>(scenarios.values()),
        phases,
        runLog,
        runLogPath,
        runningPhase,
        teardown);
  }

  /** The record at one moment, for rendering. */
  record Snapshot(
      Instant started,
      End end,
      Duration took,
      String interruption,
      Map<String, String> featureNames,
      List<ScenarioRecord> scenarios,
      String phases,
      String runLog,
      String runLogPath,
      String runningPhase,
      Teardown teardown) {}
}
