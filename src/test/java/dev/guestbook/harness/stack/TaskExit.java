package dev.guestbook.harness.stack;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a task that got SIGTERM ended, as far as was waited: its exit code once it exited, or none
 * when it was still running after {@code waited}. 137 (SIGKILL) means it was killed, not that it
 * stopped by itself.
 */
public record TaskExit(String task, OptionalInt exitCode, Duration waited) {

  private static final int KILLED = 137;

  /** It exited, and not by SIGKILL. */
  public boolean byItself() {
    return exitCode.isPresent() && exitCode.getAsInt() != KILLED;
  }

  public String describe() {
    if (exitCode.isEmpty()) {
      return "task " + task + " still running " + waited.toSeconds() + " s after SIGTERM";
    }
    return "task "
        + task
        + " exited with code "
        + exitCode.getAsInt()
        + (exitCode.getAsInt() == KILLED ? " (killed)" : "");
  }
}
