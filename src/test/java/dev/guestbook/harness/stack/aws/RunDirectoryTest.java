package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run's copy of {@code terraform/}: what Terraform needs to install what was committed. */
class RunDirectoryTest {

  private final RunDirectory run = new RunDirectory("unit-" + UUID.randomUUID());

  @AfterEach
  void removeTheRun() throws IOException {
    try (Stream<Path> files = Files.walk(run.terraform().getParent())) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    // target/deploy itself too, when this test made it: a deploy preflight that fails must find
    // no target/deploy (.ci/run step 4 checks that nothing was started)
    try {
      Files.deleteIfExists(run.terraform().getParent().getParent());
    } catch (DirectoryNotEmptyException others) {
      // other runs' directories are there: not this test's to remove
    }
  }

  @Test
  void theRunsCopyCarriesTheCommittedLockFile() throws IOException {
    run.copyConfiguration(Optional.empty());

    Path lock = run.terraform().resolve(".terraform.lock.hcl");
    assertThat(lock).as("the lock file in the run's copy").exists();
    assertThat(Files.readString(lock))
        .isEqualTo(Files.readString(Path.of("terraform", ".terraform.lock.hcl")))
        .contains("provider \"registry.terraform.io/hashicorp/aws\"", "h1:");
    assertThat(run.terraform().resolve("versions.tf")).exists();
    assertThat(run.terraform().resolve("backend.tf")).as("no backend asked for").doesNotExist();
  }
}
