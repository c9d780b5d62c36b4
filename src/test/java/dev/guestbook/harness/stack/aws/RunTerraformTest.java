package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply's error, over a stand-in terraform that answers as an apply against AWS does. */
class RunTerraformTest {

  /** A new account's answer to CreateLoadBalancer, as terraform reports it at the apply's end. */
  private static final String REFUSED =
      """
      aws_lb.main: Creating...
      aws_elasticache_cluster.redis: Still creating... [9m50s elapsed]
      aws_elasticache_cluster.redis: Creation complete after 10m2s [id=guestbook-gb-n1-1]

      Error: creating ELBv2 application Load Balancer (guestbook-gb-n1-1): operation error Elastic Load Balancing v2: CreateLoadBalancer, https response error StatusCode: 400, RequestID: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b, OperationNotPermitted: This AWS account currently does not support creating load balancers. For more information, please contact AWS Support.

        with aws_lb.main,
        on alb.tf line 1, in resource "aws_lb" "main":
         1: resource "aws_lb" "main" {
      """;

  @TempDir Path dir;
  // out of target/deploy: a deploy preflight that fails must find none (.ci/run step 4)
  @TempDir Path runs;

  private RunTerraform failingApply(String output) throws IOException {
    Files.writeString(dir.resolve("apply.out"), output);
    Path script = dir.resolve("terraform");
    Files.writeString(script, "#!/bin/sh\ncat \"$(dirname \"$0\")/apply.out\"\nexit 1\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    TerraformCli terraform = TerraformCli.find(null, dir.toString()).orElseThrow();
    RunDirectory run = new RunDirectory(runs, "unit");
    Files.createDirectories(run.terraform());
    // applyAll does not read the settings
    return new RunTerraform(terraform, run, null, "n1-1");
  }

  @Test
  void anAccountThatRefusesLoadBalancersIsNamedInTheErrorsFirstLine() throws IOException {
    RunTerraform stack = failingApply(REFUSED);

    assertThatThrownBy(() -> stack.applyAll("repo@sha256:" + "a".repeat(64)))
        .isInstanceOf(CommandFailedException.class)
        .satisfies(
            e ->
                assertThat(Text.firstLine(e.getMessage()))
                    .contains(
                        "the AWS account refuses to create load balancers",
                        "AWS Support",
                        "nothing in the configuration is at fault"))
        .hasMessageContaining("OperationNotPermitted");
  }

  @Test
  void anyOtherFailedApplyKeepsTerraformsOwnLines() throws IOException {
    RunTerraform stack =
        failingApply(
            "Error: creating ECS Service (guestbook-gb-n1-1): InvalidParameterException\n");

    assertThatThrownBy(() -> stack.applyAll("repo@sha256:" + "a".repeat(64)))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageStartingWith("terraform apply: `")
        .hasMessageNotContaining("refuses");
  }
}
