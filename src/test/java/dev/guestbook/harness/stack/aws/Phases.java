package dev.guestbook.harness.stack.aws;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The runbook's phase machine: each phase runs once (a run deploys once, every scenario uses that
 * deployment), one at a time; a failed phase fails every later one at once with its cause; {@link
 * #cancel} takes no lock a phase holds — it stops the running commands and interrupts the phase's
 * waits, so teardown can start at once.
 */
final class Phases {

  private final Object lock = new Object();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Runnable stopCommands;
  private volatile Thread running;
  private volatile RuntimeException failure;

  /** {@code stopCommands} stops whatever external command runs now (one SIGINT, then harder). */
  Phases(Runnable stopCommands) {
    this.stopCommands = stopCommands;
  }

  /**
   * Runs {@code work} unless {@code done} says it ran, then answers {@code result}.
   *
   * @throws PhaseFailedException when an earlier phase failed or the run was interrupted
   */
  <T> T once(BooleanSupplier done, Runnable work, Supplier<T> result) {
    synchronized (lock) {
      if (failure != null) {
        throw new PhaseFailedException(
            "not run: an earlier phase of this deployment failed: " + failure.getMessage(),
            failure);
      }
      if (done.getAsBoolean()) {
        return result.get();
      }
      if (cancelled.get()) {
        throw new PhaseFailedException("not run: the run was interrupted", null);
      }
      running = Thread.currentThread();
      try {
        work.run();
        return result.get();
      } catch (RuntimeException e) {
        failure =
            cancelled.get() ? new PhaseFailedException("interrupted: " + e.getMessage(), e) : e;
        throw failure;
      } finally {
        running = null;
        Thread.interrupted();
      }
    }
  }

  /** Stops the running phase; false when the run was cancelled already. */
  boolean cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return false;
    }
    Thread phase = running;
    stopCommands.run();
    if (phase != null) {
      phase.interrupt();
    }
    return true;
  }

  boolean cancelled() {
    return cancelled.get();
  }

  Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }
}
