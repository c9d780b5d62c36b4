package dev.guestbook.harness.stack.aws;

/** A phase of the deploy runbook failed; the message names the phase, the cause is kept. */
public final class PhaseFailedException extends RuntimeException {
  PhaseFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
