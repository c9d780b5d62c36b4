package dev.guestbook.harness.terraform;

import java.nio.file.Path;

/**
 * A broken promise of the Terraform configuration, with its coordinates.
 *
 * @param file the .tf file
 * @param address the resource (or provider, variable) address
 * @param attribute the attribute path inside it
 * @param expected what the rule wants
 * @param actual what the configuration has
 */
public record Violation(
    Path file, String address, String attribute, String expected, String actual) {
  @Override
  public String toString() {
    return file
        + ": "
        + address
        + (attribute.isEmpty() ? "" : "." + attribute)
        + ": expected "
        + expected
        + ", was "
        + actual;
  }
}
