package dev.guestbook.harness.terraform;

import java.nio.file.Path;

/**
 * A place in a Terraform configuration: a file and, where known, a line ({@code 0} when not).
 *
 * @param file the file (or the configuration's directory when no file is known)
 * @param line the 1-based line, or 0
 */
public record Location(Path file, int line) {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file.toString();
  }
}
