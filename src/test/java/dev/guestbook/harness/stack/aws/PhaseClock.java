package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * How long each phase of a deployment took: init, apply, build, push, rollout, destroy. The work
 * itself runs outside the clock's lock, so the table can be read (on Ctrl-C, for the report) while
 * a phase is still running; that phase shows as running.
 */
public final class PhaseClock {

  /** How a phase ended. */
  public enum Result {
    OK,
    FAILED,
    SKIPPED,
    /** It ran, and what it could not show (an emulator's limit) is in its note. */
    LIMITED,
    /** Stopped by Ctrl-C or SIGTERM. */
    INTERRUPTED,
    RUNNING
  }

  /**
   * One timed phase.
   *
   * @param note what the phase wants said beside its time (a platform, an emulator limit)
   */
  public record Phase(String name, Duration took, Result result, String note) {
    public boolean ok() {
      return result == Result.OK;
    }
  }

  private final List<Phase> phases = new ArrayList<>();
  private final List<Runnable> onStart = new CopyOnWriteArrayList<>();
  private String running;
  private long runningSince;

  public <T> T time(String name, Supplier<T> work) {
    long started = System.nanoTime();
    synchronized (this) {
      running = name;
      runningSince = started;
    }
    onStart.forEach(Runnable::run);
    Result result = Result.FAILED;
    try {
      T value = work.get();
      result = Result.OK;
      return value;
    } finally {
      if (result == Result.FAILED && Thread.currentThread().isInterrupted()) {
        result = Result.INTERRUPTED;
      }
      record(new Phase(name, Duration.ofNanos(System.nanoTime() - started), result, ""));
    }
  }

  /** {@code listener} runs each time a phase starts (the run's report names the running phase). */
  public void onPhaseStart(Runnable listener) {
    onStart.add(listener);
  }

  public void time(String name, Runnable work) {
    time(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  /** A phase that did not run, with why (shown in the table). */
  public synchronized void skipped(String name, String why) {
    phases.add(new Phase(name, Duration.ZERO, Result.SKIPPED, why));
  }

  /** Adds a note to the last phase of that name (what the emulator could not do, the platform). */
  public synchronized void note(String name, String note) {
    for (int i = phases.size() - 1; i >= 0; i--) {
      Phase p = phases.get(i);
      if (p.name().equals(name)) {
        phases.set(
            i,
            new Phase(
                p.name(),
                p.took(),
                p.result(),
                p.note().isEmpty() ? note : p.note() + "; " + note));
        return;
      }
    }
  }

  /** Marks the last phase of that name as limited (it ran; the note says what it could not do). */
  public synchronized void limited(String name, String note) {
    for (int i = phases.size() - 1; i >= 0; i--) {
      Phase p = phases.get(i);
      if (p.name().equals(name)) {
        phases.set(i, new Phase(p.name(), p.took(), Result.LIMITED, note));
        return;
      }
    }
    phases.add(new Phase(name, Duration.ZERO, Result.LIMITED, note));
  }

  private synchronized void record(Phase phase) {
    phases.add(phase);
    running = null;
  }

  public synchronized List<Phase> phases() {
    List<Phase> all = new ArrayList<>(phases);
    runningPhase().ifPresent(all::add);
    return List.copyOf(all);
  }

  private Optional<Phase> runningPhase() {
    return Optional.ofNullable(running)
        .map(
            name ->
                new Phase(
                    name, Duration.ofNanos(System.nanoTime() - runningSince), Result.RUNNING, ""));
  }

  /** A plain-text table for the console and the report. */
  public String table() {
    StringBuilder out =
        new StringBuilder(
            String.format("%-10s %10s  %-8s %s%n", "phase", "seconds", "result", "note"));
    Duration total = Duration.ZERO;
    for (Phase p : phases()) {
      out.append(
              String.format(
                      "%-10s %10.1f  %-8s %s",
                      p.name(), p.took().toMillis() / 1000.0, p.result(), p.note())
                  .stripTrailing())
          .append(System.lineSeparator());
      total = total.plus(p.took());
    }
    return out.append(String.format("%-10s %10.1f%n", "total", total.toMillis() / 1000.0))
        .toString();
  }
}
