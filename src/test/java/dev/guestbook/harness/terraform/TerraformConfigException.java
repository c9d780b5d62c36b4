package dev.guestbook.harness.terraform;

/** The Terraform configuration, its state or its outputs are not what the harness can use. */
public final class TerraformConfigException extends RuntimeException {
  public TerraformConfigException(String message) {
    super(message);
  }

  public TerraformConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
