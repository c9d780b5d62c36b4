package dev.guestbook.harness.config;

/** Bad harness input: its message is the one line the user sees, so it carries no stack trace. */
public final class HarnessConfigException extends RuntimeException {
  public HarnessConfigException(String message) {
    super(message, null, false, false);
  }
}
