package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import java.time.Duration;
import java.util.Optional;

/** The checked-out commit, for image tags. */
final class GitCommit {

  private GitCommit() {}

  static Optional<String> shortId(CommandRunner runner) {
    CommandResult git =
        runner.run(Command.of(Duration.ofSeconds(10), "git", "rev-parse", "--short=12", "HEAD"));
    String out = git.output().strip();
    return git.ok() && out.matches("[0-9a-f]{7,40}") ? Optional.of(out) : Optional.empty();
  }
}
