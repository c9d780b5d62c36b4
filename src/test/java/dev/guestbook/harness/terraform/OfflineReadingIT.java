package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A configuration Terraform cannot read fails the reading in one line that names the file and the
 * line Terraform reports — or, when the plan needed AWS calls the offline stub does not answer,
 * names the calls.
 */
class OfflineReadingIT {

  @TempDir Path work;
  private TerraformCli cli;
  private Optional<Path> pluginDir;
  private Path copy;

  @BeforeEach
  void copyTheConfiguration() {
    cli = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    Assumptions.assumeTrue(cli != null, "no terraform binary on the PATH: NOT run");
    pluginDir = HarnessConfig.fromSystem().aws().pluginDir().map(Path::of);
    copy = work.resolve("terraform");
    TerraformCli.copyConfiguration(Path.of("terraform"), copy);
  }

  @Test
  void aSyntaxErrorIsOneLineWithFileAndLine() throws IOException {
    Files.writeString(copy.resolve("broken.tf"), "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n");
    assertThat(failure())
        .isInstanceOf(TerraformConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .hasMessageStartingWith(copy.resolve("broken.tf") + ":");
  }

  @Test
  void aTypeErrorNamesTheResourceAndLine() throws IOException {
    String ecs = Files.readString(copy.resolve("ecs.tf"));
    Files.writeString(
        copy.resolve("ecs.tf"),
        ecs.replace("desired_count   = var.desired_count", "desired_count   = \"two\""));
    assertThat(failure())
        .isInstanceOf(TerraformConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .hasMessageContaining(copy.resolve("ecs.tf") + ":")
        .hasMessageContaining("desired_count");
  }

  @Test
  void aPlanThatNeedsMoreOfAwsNamesTheCall() throws IOException {
    String providers = Files.readString(copy.resolve("providers.tf"));
    Files.writeString(
        copy.resolve("providers.tf"),
        providers.replace(
            "  region = var.region\n",
            "  region = var.region\n\n  assume_role {\n    role_arn = \"arn:aws:iam::123456789012:role/deploy\"\n  }\n"));
    assertThat(failure())
        .isInstanceOf(TerraformConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .hasMessageContaining(copy.resolve("providers.tf") + ":")
        .hasMessageContaining("an offline reading cannot answer: AssumeRole");
  }

  @Test
  void dataSourcesAreAnsweredInAwsShapes() throws IOException {
    Files.writeString(
        copy.resolve("extra.tf"),
        """
        data "aws_vpcs" "all" {}
        data "aws_vpc" "shared" {
          id = "vpc-0123456789abcdef0"
        }
        resource "aws_vpc_security_group_ingress_rule" "from_shared" {
          security_group_id = aws_security_group.redis.id
          cidr_ipv4         = data.aws_vpc.shared.cidr_block
          ip_protocol       = "tcp"
          from_port         = 6379
          to_port           = 6379
        }
        """);
    TerraformReading reading = OfflineReading.read(cli, copy, work.resolve("w"), pluginDir);
    TerraformReading.Resource rule =
        reading.resources("aws_vpc_security_group_ingress_rule").stream()
            .filter(r -> r.address().endsWith("from_shared"))
            .findFirst()
            .orElseThrow();
    assertThat((String) rule.values().get("cidr_ipv4")).matches("10\\.\\d+\\.0\\.0/16");
    assertThat(reading.lookedUp(rule.values().get("cidr_ipv4"))).contains("data.aws_vpc.shared");
    assertThat(ExposureRules.redisOnlyFromService(reading))
        .extracting(Object::toString)
        .anySatisfy(l -> assertThat(l).contains("from_shared", "saw 10."));
  }

  /** The reading's failure; a machine without the AWS provider skips the test. */
  private RuntimeException failure() {
    try {
      OfflineReading.read(cli, copy, work.resolve("w"), pluginDir);
    } catch (TerraformUnavailableException e) {
      Assumptions.abort("NOT run: " + e.getMessage());
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(OfflineReadingIT.class)
          .info("the reading failed: {}", e.getMessage());
      return e;
    }
    throw new AssertionError("Terraform read a broken configuration without complaint");
  }
}
