package dev.guestbook.harness.process;

import java.time.Duration;
import java.util.List;

/**
 * How one command ended.
 *
 * @param command what ran
 * @param exitCode its exit code; -1 when it could not start or was stopped by the runner
 * @param output stdout and stderr interleaved, secrets masked
 * @param took how long it ran
 * @param ending why it ended
 */
public record CommandResult(
    Command command, int exitCode, String output, Duration took, Ending ending) {

  /** Why a command ended. */
  public enum Ending {
    /** It exited by itself (any exit code). */
    EXITED,
    /** It ran past its timeout and was stopped. */
    TIMED_OUT,
    /** The run was cancelled (Ctrl-C, SIGTERM) and the runner stopped it or never started it. */
    CANCELLED,
    /** The program could not be started. */
    NOT_STARTED
  }

  public boolean ok() {
    return ending == Ending.EXITED && exitCode == 0;
  }

  /**
   * This result when the command succeeded, else a {@link CommandFailedException} naming {@code
   * what}.
   */
  public CommandResult orThrow(String what) {
    if (!ok()) {
      throw new CommandFailedException(what, this);
    }
    return this;
  }

  /** The last {@code n} non-blank lines of the output. */
  public List<String> lastLines(int n) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  /** One line on how it ended, then its last lines: what an error message carries. */
  public String describe(int lines) {
    String how =
        switch (ending) {
          case EXITED -> "exited " + exitCode;
          case TIMED_OUT ->
              "timed out after " + command.timeout().toSeconds() + " s and was stopped";
          case CANCELLED -> "was stopped: the run was cancelled";
          case NOT_STARTED -> "could not be started";
        };
    List<String> last = lastLines(lines);
    return "`"
        + command.shortName()
        + "` "
        + how
        + (last.isEmpty() ? " (no output)" : "; last lines:\n  " + String.join("\n  ", last));
  }
}
