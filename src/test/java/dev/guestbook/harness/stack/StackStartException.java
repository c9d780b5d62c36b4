package dev.guestbook.harness.stack;

/**
 * The stack could not be brought up. The message is the one line the user needs (what, where, why);
 * the cause, when there is one, is kept for a verbose run and the report.
 */
public final class StackStartException extends RuntimeException {
  public StackStartException(String message) {
    super(message);
  }

  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
