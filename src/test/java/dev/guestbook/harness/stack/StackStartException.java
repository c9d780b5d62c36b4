package dev.guestbook.harness.stack;

/**
 * The stack could not be brought up. The message is the one line the user needs (what, where, why);
 * the trace would only repeat the harness's internals, so none is kept.
 */
public final class StackStartException extends RuntimeException {
  public StackStartException(String message) {
    super(message, null, false, false);
  }
}
