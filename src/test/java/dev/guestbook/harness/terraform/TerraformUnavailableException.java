package dev.guestbook.harness.terraform;

/** Terraform or its AWS provider is not there: what needs them cannot run (a skip, not a red). */
public final class TerraformUnavailableException extends RuntimeException {
  public TerraformUnavailableException(String message) {
    super(message);
  }
}
