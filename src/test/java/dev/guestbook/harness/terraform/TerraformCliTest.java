package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.process.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the binary, copying a configuration, and the real CLI's fmt and validate verdicts. */
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

  @Test
  void theRealCliRejectsABadlyFormattedOrInvalidCopy() throws IOException {
    TerraformCli cli = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    Assumptions.assumeTrue(
        cli != null, "no terraform or tofu on the PATH: the real CLI was not exercised");
    TerraformCli.copyConfiguration(Path.of("terraform"), copy);
    edit("ecr.tf", "name                 = local.name", "name = local.name");
    assertThat(cli.fmtCheck(copy).ok()).as("fmt -check on a misaligned file").isFalse();

    String mirror = System.getenv("BDI_TERRAFORM_PLUGIN_DIR");
    Assumptions.assumeTrue(
        mirror != null && Files.isDirectory(Path.of(mirror)),
        "no provider mirror (BDI_TERRAFORM_PLUGIN_DIR): validate was not exercised");
    edit(
        "ecs.tf",
        "launch_type     = \"FARGATE\"",
        "launch_type     = \"FARGATE\"\n  no_such_attribute = true");
    CommandResult result = cli.validate(copy, copy.resolve("work"), Optional.of(Path.of(mirror)));
    assertThat(result.ok()).as("validate with an unknown attribute").isFalse();
    assertThat(result.output()).contains("no_such_attribute");
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    assertThat(text).as("test setup: %s must contain the text to change", file).contains(from);
    Files.writeString(path, text.replace(from, to));
  }
}
