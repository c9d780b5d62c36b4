package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.process.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the binary and copying a configuration (the real CLI's fmt and validate verdicts are
 * {@link TerraformCliIT}'s: they run terraform).
 */
class TerraformCliTest {

  @TempDir Path copy;

  @Test
  void findsNoBinaryOnAnEmptyPathAndAConfiguredOne() throws IOException {
    assertThat(TerraformCli.find(null, copy.toString())).isEmpty();
    Path fake = copy.resolve("tofu");
    Files.writeString(fake, "#!/bin/sh\necho \"$@\"\nexit 3\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    TerraformCli cli = TerraformCli.find(null, copy.toString()).orElseThrow();
    assertThat(cli.binary()).isEqualTo(fake);
    CommandResult result = cli.fmtCheck(copy);
    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.describe(5))
        .contains("`tofu fmt` exited 3", "fmt -check -diff -recursive -no-color");
  }

  @Test
  void copiesEveryFileOfTheConfigurationButNotStateCacheOrLock() throws IOException {
    Path source = copy.resolve("src");
    Files.createDirectories(source.resolve("modules/service"));
    Files.createDirectories(source.resolve(".terraform/providers"));
    Files.writeString(source.resolve("main.tf"), "");
    Files.writeString(source.resolve("stack.tftest.hcl"), "");
    Files.writeString(source.resolve("terraform.tfstate"), "{}");
    Files.writeString(source.resolve("terraform.tfstate.backup"), "{}");
    Files.writeString(source.resolve(".terraform.lock.hcl"), "");
    Files.writeString(source.resolve("task.json.tpl"), "[]");
    Files.writeString(source.resolve("lambda.zip"), "PK");
    Files.writeString(source.resolve("modules/service/main.tf"), "");
    Files.writeString(source.resolve("modules/service/policy.json"), "{}");
    Files.writeString(source.resolve(".terraform/providers/x"), "");
    Files.createDirectories(source.resolve(".git"));
    Files.writeString(source.resolve(".git/HEAD"), "");
    Path target = copy.resolve("work");
    TerraformCli.copyConfiguration(source, target);
    try (var files = Files.walk(target)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> target.relativize(f).toString()))
          .containsExactlyInAnyOrder(
              "main.tf",
              "stack.tftest.hcl",
              "task.json.tpl",
              "lambda.zip",
              "modules/service/main.tf",
              "modules/service/policy.json");
    }
  }
}
