package dev.guestbook.harness.stack;

/**
 * Faults a target can inject for the resilience scenarios. Whatever is broken is put back by {@link
 * #restore()}, which the scenario's cleanup calls even when the scenario fails.
 */
public interface StackFaults {

  /** Stops one task the way the platform would (SIGTERM), and answers its id. */
  String stopOneTask();

  /** Stops Redis; tasks keep running. */
  void stopRedis();

  /** Starts Redis again with the data it had. */
  void startRedis();

  /** Puts the stack back as it was built: every task running, Redis up. */
  void restore();
}
