package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.terraform.TerraformEquivalenceIT.Rule;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static rules on Terraform written elsewhere: every directory under {@code
 * -Dbdi.terraform.foreign=DIR} (a configuration per subdirectory, e.g. public ECS Fargate stacks)
 * must be read — no reading error — and each rule's verdict is logged, to be compared with what a
 * reviewer sees in the files. Not run without the property: the project ships no foreign
 * configuration (their licences do not all allow it).
 */
class ForeignTerraformIT {

  private static final Logger LOG = LoggerFactory.getLogger(ForeignTerraformIT.class);

  static Stream<Path> configurations() throws IOException {
    String root = System.getProperty("bdi.terraform.foreign", "");
    if (root.isBlank()) {
      return Stream.of(Path.of("-"));
    }
    try (Stream<Path> dirs = Files.list(Path.of(root))) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void isReadAndJudged(Path dir) {
    Assumptions.assumeFalse(
        dir.toString().equals("-"), "no -Dbdi.terraform.foreign=DIR given: NOT run");
    Optional<TerraformCli> cli = TerraformCli.find(null, System.getenv("PATH"));
    Assumptions.assumeTrue(cli.isPresent(), "no terraform binary on the PATH: NOT run");
    HarnessConfig config = HarnessConfig.fromSystem();
    Optional<Path> pluginDir = config.aws().pluginDir().map(Path::of);
    Path work = Path.of("target", "terraform-foreign", dir.getFileName().toString());
    TerraformEquivalenceIT.deleteTree(work);
    TerraformReading reading =
        OfflineReading.read(
            cli.get(), dir, work, pluginDir, TerraformCache.in(config.aws().terraformCache()));
    Optional<TerraformReading> certified =
        Optional.of(
            OfflineReading.read(
                cli.get(),
                dir,
                work.resolveSibling(work.getFileName() + "-certificate"),
                pluginDir,
                TerraformCache.in(config.aws().terraformCache()),
                OfflineReading.WITH_CERTIFICATE));
    StringBuilder verdicts = new StringBuilder();
    for (Rule rule : Rule.values()) {
      List<Finding> findings = rule.apply(reading, certified);
      verdicts.append("\n  ").append(rule).append(": ");
      verdicts.append(findings.isEmpty() ? "holds" : findings.size() + " finding(s)");
      findings.forEach(f -> verdicts.append("\n    - ").append(f));
    }
    LOG.info("{}: {} resources read{}", dir, reading.resources().size(), verdicts);
    assertThat(reading.resources()).as("%s: managed resources read", dir).isNotEmpty();
  }
}
