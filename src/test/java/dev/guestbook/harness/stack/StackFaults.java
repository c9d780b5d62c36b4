package dev.guestbook.harness.stack;

import java.time.Duration;

/**
 * Faults a target can inject for the resilience scenarios. Whatever is broken is put back by {@link
 * #restore()}, which the scenario's cleanup calls even when the scenario fails.
 */
public interface StackFaults {

  /** Stops one task the way the platform would (SIGTERM), and answers its id. */
  String stopOneTask();

  /**
   * Sends one task SIGTERM and returns at once, with its id: what the task does next (drain, exit,
   * ignore it) is the task's own, for {@link #awaitExit} to tell.
   */
  String terminateOneTask();

  /** Waits up to {@code bound} for {@code task} to exit, and says how it ended. */
  TaskExit awaitExit(String task, Duration bound);

  /** Kills one task hard (SIGKILL: no drain), and answers its id. */
  String killOneTask();

  /**
   * Starts every task that is not running and waits until each is healthy behind the front door.
   */
  void startStoppedTasks();

  /**
   * Restarts every task, one after the other, the way a rolling deployment does: SIGTERM, start,
   * healthy, next.
   */
  void rollTasks();

  /** Stops Redis; tasks keep running. */
  void stopRedis();

  /** Starts Redis again with the data it had. */
  void startRedis();

  /**
   * Kills Redis hard (SIGKILL: no shutdown, no final write) and starts it again from what it had
   * written; returns once it answers.
   */
  void crashRedis();

  /**
   * Freezes Redis (SIGSTOP): connections hang instead of being refused, as with a failing node or a
   * network partition.
   */
  default void hangRedis() {
    signalRedis("STOP");
  }

  /** Lets a frozen Redis run again (SIGCONT). */
  default void resumeRedis() {
    signalRedis("CONT");
  }

  /**
   * Sends the Redis server {@code signal}, named without {@code SIG} ({@code STOP}, {@code CONT}).
   */
  void signalRedis(String signal);

  /** Puts the stack back as it was built: every task running, Redis up and running. */
  void restore();
}
