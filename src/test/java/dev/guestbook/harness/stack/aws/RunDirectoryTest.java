package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's copy of {@code terraform/}: what Terraform needs to install what was committed. */
class RunDirectoryTest {

  // out of target/deploy: a deploy preflight that fails must find none (.ci/run step 4)
  @TempDir Path runs;

  @Test
  void theRunsCopyCarriesTheCommittedLockFile() throws IOException {
    RunDirectory run = new RunDirectory(runs, "unit");
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
