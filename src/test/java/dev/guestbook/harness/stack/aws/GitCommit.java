package dev.guestbook.harness.stack.aws;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The checked-out commit, for image tags. */
final class GitCommit {

  private GitCommit() {}

  static Optional<String> shortId() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes()).strip();
      return git.waitFor(10, TimeUnit.SECONDS)
              && git.exitValue() == 0
              && out.matches("[0-9a-f]{7,40}")
          ? Optional.of(out)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
