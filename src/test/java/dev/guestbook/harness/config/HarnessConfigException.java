package dev.guestbook.harness.config;

/** Bad harness input: its message is the one line the user sees. */
public final class HarnessConfigException extends RuntimeException {
  public HarnessConfigException(String message) {
    super(message);
  }

  public HarnessConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
