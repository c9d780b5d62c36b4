package dev.guestbook.harness.process;

/** A command that did not succeed; its message says how it ended and its last lines. */
public final class CommandFailedException extends RuntimeException {

  private final transient CommandResult result;

  public CommandFailedException(String what, CommandResult result) {
    super(what + ": " + result.describe(15));
    this.result = result;
  }

  public CommandResult result() {
    return result;
  }
}
