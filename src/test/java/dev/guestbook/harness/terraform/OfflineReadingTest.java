package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the reading's copy goes: what Terraform derives from the copy's path must be the author's.
 */
class OfflineReadingTest {

  @Test
  void theCopyHasTheConfigurationsOwnDirectoryName(@TempDir Path tmp) throws IOException {
    // terraform-aws-modules examples name everything "ex-${basename(path.cwd)}": a reading in
    // "target/terraform-foreign/registry-ecs-fargate-certificate" made an ALB name of 35 characters
    Path config = Files.createDirectories(tmp.resolve("registry-ecs-fargate"));
    Path work = tmp.resolve("work").resolve("registry-ecs-fargate-certificate");

    Path copy = OfflineReading.copyIn(config, work);

    assertThat(copy.getFileName().toString()).isEqualTo("registry-ecs-fargate");
    assertThat(copy.startsWith(work)).isTrue();
  }

  @Test
  void aConfigurationReachedThroughALinkIsNamedAsWhereItPoints(@TempDir Path tmp)
      throws IOException {
    Path config = Files.createDirectories(tmp.resolve("stack"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), config);

    assertThat(OfflineReading.copyIn(link, tmp.resolve("w")).getFileName().toString())
        .isEqualTo("stack");
  }
}
