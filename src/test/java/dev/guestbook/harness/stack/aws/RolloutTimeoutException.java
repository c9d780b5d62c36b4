package dev.guestbook.harness.stack.aws;

/**
 * The rollout was still in progress when its time ran out: nothing terminal was seen, it just did
 * not finish. On AWS a failure like any other; on an emulator, which runs no tasks, the expected
 * end (see {@link EmulatorLimits}).
 */
public final class RolloutTimeoutException extends RolloutFailedException {
  public RolloutTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
