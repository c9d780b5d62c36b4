package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.guestbook.harness.process.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role template (terraform/ci-role/) as Terraform reads it: {@code validate} and its own {@code
 * terraform test} (trust of one repository and branch, 3 h sessions, the two managed policies
 * together the whole rendered policy), offline; skipped, with the reason, where no terraform binary
 * or provider is.
 */
class CiRoleTemplateTest {

  private static final Path MODULE = Path.of("terraform", "ci-role");

  @Test
  void theRoleAllowsTheSessionTheNightlyAsksFor() throws IOException {
    assertThat(
            CiRoleTrust.sessionTooShort(
                Files.readString(Path.of(".github", "workflows", "nightly-acceptance.yml")),
                Files.readString(MODULE.resolve("main.tf"))))
        .isEmpty();
    assertThat(
            CiRoleTrust.sessionTooShort(
                "role-duration-seconds: 10800", "max_session_duration = 3600"))
        .get()
        .asString()
        .contains("at least the nightly's 10800 s", "saw 3600 s");
  }

  @Test
  void terraformValidatesAndTestsTheRoleTemplateOffline(@TempDir Path work) {
    Optional<TerraformCli> terraform =
        TerraformCli.find(System.getProperty("bdi.terraform.binary"), System.getenv("PATH"));
    assumeTrue(terraform.isPresent(), "no terraform or tofu binary on the PATH");
    Optional<Path> pluginDir =
        Optional.ofNullable(System.getenv("BDI_TERRAFORM_PLUGIN_DIR")).map(Path::of);
    // the module reads its templates and ../ci-role-policy.json
    Path copy = work.resolve("ci-role");
    TerraformCli.copyConfiguration(MODULE, copy);
    try {
      Files.copy(CiRolePolicyTemplate.RENDERED, work.resolve("ci-role-policy.json"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CommandResult validated = terraform.get().validate(copy, copy, pluginDir);
    assumeTrue(
        !TerraformCli.providerUnavailable(validated),
        "the AWS provider cannot be installed here (no registry, no BDI_TERRAFORM_PLUGIN_DIR)");
    assertThat(validated.ok()).as("terraform validate: %s", validated.describe(20)).isTrue();
    CommandResult tested = terraform.get().test(copy);
    assertThat(tested.ok()).as("terraform test: %s", tested.describe(30)).isTrue();
  }
}
