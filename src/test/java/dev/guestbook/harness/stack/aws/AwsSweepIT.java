package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.terraform.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leftover sweep, run on demand (nightly CI's always-run step when the run's teardown is {@code
 * always}): {@code mvn -Pdeploy failsafe:integration-test@specs -Dit.test=AwsSweepIT
 * -Dbdi.sweep=<run-id|all>}. With {@code -Dbdi.sweep.destroy=true} it first destroys the run from
 * its state — the local one in {@code target/deploy/<run-id>/terraform}, or the remote one that
 * {@code bdi.terraform.backend-config} names — then fails if anything tagged with the run id is
 * still in the account, listing it. Without that flag it only lists.
 */
class AwsSweepIT {

  private static final Logger LOG = LoggerFactory.getLogger(AwsSweepIT.class);

  @Test
  void nothingOfTheRunIsLeft() {
    HarnessConfig config = HarnessConfig.fromSystem();
    Assumptions.assumeTrue(
        config.aws().sweep().isPresent(), "no sweep asked for (-Dbdi.sweep=<run-id|all>)");
    String runId = config.aws().sweep().get();
    AwsPreflight.Session session = AwsPreflight.check(config.aws(), System.getenv("PATH"));
    try (AwsClients clients = session.clients()) {
      if (config.aws().sweepDestroy() && !"all".equals(runId)) {
        destroyFromState(config, session, runId);
      }
      String cluster = config.aws().namePrefix() + "-" + runId;
      var found = new AwsSweep(clients, config.aws().namePrefix()).find(runId);
      var leftovers =
          found.stream()
              .filter(
                  l -> {
                    var expected =
                        config.aws().emulated()
                            ? EmulatorLimits.expectedLeftover(l, cluster)
                            : Optional.<String>empty();
                    expected.ifPresent(
                        why -> LOG.warn("[sweep] EXPECTED ON THE EMULATOR: {}: {}", l, why));
                    return expected.isEmpty();
                  })
              .toList();
      leftovers.forEach(l -> LOG.warn("[sweep] LEFT: {}", l));
      LOG.info("[sweep] run {}: {} resources left", runId, leftovers.size());
      assertThat(leftovers)
          .as(
              "resources tagged RunId=%s in %s (remove them, e.g. with terraform destroy of the run's state)",
              runId, clients.region())
          .isEmpty();
    }
  }

  private static void destroyFromState(
      HarnessConfig config, AwsPreflight.Session session, String runId) {
    Path runDir = Path.of("target", "deploy", runId);
    Path tfDir = runDir.resolve("terraform");
    CommandRunner runner =
        new CommandRunner(Optional.of(runDir.resolve("sweep.log")), config.aws().stopGrace());
    TerraformCli terraform = session.terraform().loggingTo(runner);
    Optional<Path> backend = config.aws().backendConfig();
    if (!Files.exists(tfDir.resolve("terraform.tfstate")) && backend.isEmpty()) {
      LOG.info("[sweep] no state of run {} here and no backend: nothing to destroy from", runId);
      return;
    }
    if (backend.isPresent()) {
      TerraformCli.copyConfiguration(Path.of("terraform"), tfDir);
      try {
        RunDirectory.addRemoteBackend(tfDir);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot prepare " + tfDir, e);
      }
      CommandResult init =
          terraform.init(
              tfDir,
              config.aws().pluginDir().map(Path::of),
              backend,
              RunDirectory.backendKey(config.aws().namePrefix(), runId));
      assertThat(init.ok()).as("terraform init of run %s: %s", runId, init.describe(10)).isTrue();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("region", session.clients().region().id());
    variables.put("run_id", runId);
    variables.put("name_prefix", config.aws().namePrefix());
    // destroy needs every variable without a default; the image is not read by a destroy
    variables.put("image", "sweep@sha256:" + "0".repeat(64));
    CommandResult destroy = terraform.destroy(tfDir, variables);
    LOG.info(
        "[sweep] terraform destroy of run {}: {}",
        runId,
        destroy.ok() ? "ok" : destroy.describe(10));
  }
}
