package dev.guestbook.harness.stack.aws;

/** The rollout ended badly and will not recover; the message carries every reason found. */
public class RolloutFailedException extends RuntimeException {
  public RolloutFailedException(String message) {
    super(message);
  }

  public RolloutFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
