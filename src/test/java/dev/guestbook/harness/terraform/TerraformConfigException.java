package dev.guestbook.harness.terraform;

/** The configuration could not be read: one line naming the file and why. */
public final class TerraformConfigException extends RuntimeException {
  public TerraformConfigException(String message) {
    super(message, null, false, false);
  }
}
