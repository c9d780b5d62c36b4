package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform driver against the real CLI, where one is on the PATH, on a module that needs no
 * provider and no cloud ({@code terraform_data}): init, apply with explicit variables, output
 * -json, destroy, with the state in the run's own directory and everything in the log; and its fmt
 * and validate verdicts on a copy of {@code terraform/} broken on purpose.
 */
class TerraformCliIT {

  @TempDir Path work;

  @Test
  void appliesReadsOutputsAndDestroysInItsOwnDirectory() throws IOException {
    TerraformCli found = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    Assumptions.assumeTrue(
        found != null,
        "no terraform or tofu on the PATH: the driver was not run against a real CLI");
    Path log = work.resolve("terraform.log");
    TerraformCli cli = found.loggingTo(new CommandRunner(Optional.of(log), Duration.ofSeconds(30)));
    Files.writeString(
        work.resolve("main.tf"),
        """
        variable "run_id" { type = string }
        resource "terraform_data" "marker" { input = "guestbook-${var.run_id}" }
        output "marker" { value = terraform_data.marker.output }
        """);

    assertThat(cli.init(work, Optional.empty(), Optional.empty(), Map.of()).ok())
        .as("init, log: %s", read(log))
        .isTrue();
    CommandResult apply = cli.apply(work, Map.of("run_id", "it-1"));
    assertThat(apply.ok()).as("%s", apply.describe(20)).isTrue();
    assertThat(apply.command().argv())
        .contains("-var=run_id=it-1", "-auto-approve", "-input=false", "-no-color");
    assertThat(work.resolve("terraform.tfstate"))
        .as("state isolated in the run's directory")
        .exists();

    CommandResult outputs = cli.outputJson(work);
    assertThat(outputs.output()).contains("\"marker\"", "\"value\": \"guestbook-it-1\"");

    assertThat(cli.stateList(work)).containsExactly("terraform_data.marker");
    CommandResult destroy = cli.destroy(work, Map.of("run_id", "it-1"));
    assertThat(destroy.ok()).as("%s", destroy.describe(20)).isTrue();
    assertThat(read(log))
        .contains("Apply complete! Resources: 1 added", "Destroy complete! Resources: 1 destroyed");
  }

  @Test
  void aFailingApplyIsNotRetriedAndKeepsTheReason() throws IOException {
    TerraformCli found = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    Assumptions.assumeTrue(found != null, "no terraform or tofu on the PATH");
    Path log = work.resolve("terraform.log");
    TerraformCli cli = found.loggingTo(new CommandRunner(Optional.of(log), Duration.ofSeconds(30)));
    Files.writeString(
        work.resolve("main.tf"),
        """
        variable "image" {
          type = string
          validation {
            condition     = can(regex("@sha256:[0-9a-f]{64}$", var.image))
            error_message = "image must be pinned by digest."
          }
        }
        """);
    cli.init(work, Optional.empty(), Optional.empty(), Map.of());
    CommandResult apply = cli.apply(work, Map.of("image", "guestbook:latest"));
    assertThat(apply.ok()).isFalse();
    assertThat(apply.output()).contains("image must be pinned by digest.");
    assertThat(read(log)).doesNotContain("retrying");
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void theRealCliRejectsABadlyFormattedOrInvalidCopy() throws IOException {
    TerraformCli cli = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    Assumptions.assumeTrue(
        cli != null, "no terraform or tofu on the PATH: the real CLI was not exercised");
    TerraformCli.copyConfiguration(Path.of("terraform"), work);
    edit("ecr.tf", "name                 = local.name", "name = local.name");
    assertThat(cli.fmtCheck(work).ok()).as("fmt -check on a misaligned file").isFalse();

    String mirror = System.getenv("BDI_TERRAFORM_PLUGIN_DIR");
    Assumptions.assumeTrue(
        mirror != null && Files.isDirectory(Path.of(mirror)),
        "no provider mirror (BDI_TERRAFORM_PLUGIN_DIR): validate was not exercised");
    edit(
        "ecs.tf",
        "launch_type     = \"FARGATE\"",
        "launch_type     = \"FARGATE\"\n  no_such_attribute = true");
    CommandResult result = cli.validate(work, work.resolve("work"), Optional.of(Path.of(mirror)));
    assertThat(result.ok()).as("validate with an unknown attribute").isFalse();
    assertThat(result.output()).contains("no_such_attribute");
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = work.resolve(file);
    String text = Files.readString(path);
    assertThat(text).as("test setup: %s must contain the text to change", file).contains(from);
    Files.writeString(path, text.replace(from, to));
  }
}
