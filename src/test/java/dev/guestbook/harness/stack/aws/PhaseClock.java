package dev.guestbook.harness.stack.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** How long each phase of a deployment took: apply, build, push, rollout, verify, destroy. */
public final class PhaseClock {

  /** One timed phase and how it ended. */
  public record Phase(String name, Duration took, boolean ok) {}

  private final List<Phase> phases = new ArrayList<>();

  public synchronized <T> T time(String name, Supplier<T> work) {
    long started = System.nanoTime();
    boolean ok = false;
    try {
      T result = work.get();
      ok = true;
      return result;
    } finally {
      phases.add(new Phase(name, Duration.ofNanos(System.nanoTime() - started), ok));
    }
  }

  public synchronized void time(String name, Runnable work) {
    time(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  public synchronized List<Phase> phases() {
    return List.copyOf(phases);
  }

  /** A plain-text table for the console and the report. */
  public synchronized String table() {
    StringBuilder out =
        new StringBuilder(String.format("%-10s %10s  %s%n", "phase", "seconds", "result"));
    Duration total = Duration.ZERO;
    for (Phase p : phases) {
      out.append(
          String.format(
              "%-10s %10.1f  %s%n",
              p.name(), p.took().toMillis() / 1000.0, p.ok() ? "ok" : "FAILED"));
      total = total.plus(p.took());
    }
    return out.append(String.format("%-10s %10.1f%n", "total", total.toMillis() / 1000.0))
        .toString();
  }
}
