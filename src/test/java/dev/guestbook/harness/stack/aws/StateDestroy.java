package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.terraform.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code terraform destroy} of a run nobody tore down, from its state: the local one in {@code
 * target/deploy/<run-id>/terraform}, or the remote one that {@code bdi.terraform.backend-config}
 * names (key {@code <prefix>/<run-id>/terraform.tfstate}). For the sweep's and the reaper's entry
 * points.
 */
final class StateDestroy {

  private static final Logger LOG = LoggerFactory.getLogger(StateDestroy.class);
  private static final String SWEEP_IMAGE = "sweep@sha256:" + "0".repeat(64);

  private StateDestroy() {}

  /** The run's local configuration copy, where its state and lock are when there is no backend. */
  static Path terraformDir(String runId) {
    return new RunDirectory(runId).terraform();
  }

  /** Destroys the run from its state; answers whether destroy succeeded (false: nothing to do). */
  static boolean destroy(HarnessConfig config, AwsPreflight.Session session, String runId) {
    return destroy(config, session, runId, () -> {});
  }

  /**
   * The same, running {@code beforeDestroy} once the state is at hand (after a backend's init): the
   * reaper removes there what the state does not hold.
   */
  static boolean destroy(
      HarnessConfig config, AwsPreflight.Session session, String runId, Runnable beforeDestroy) {
    RunDirectory run = new RunDirectory(runId);
    Path tfDir = run.terraform();
    CommandRunner runner =
        new CommandRunner(
            Optional.of(tfDir.getParent().resolve("sweep.log")), config.aws().stopGrace());
    TerraformCli terraform = session.terraform().loggingTo(runner);
    Optional<Path> backend = config.aws().backendConfig();
    if (!Files.exists(tfDir.resolve("terraform.tfstate")) && backend.isEmpty()) {
      LOG.info("[sweep] no state of run {} here and no backend: nothing to destroy from", runId);
      return false;
    }
    if (backend.isPresent()) {
      run.copyConfiguration(backend);
      CommandResult init = new RunTerraform(terraform, run, config.aws(), runId).tryInit();
      if (!init.ok()) {
        LOG.warn("[sweep] terraform init of run {} failed: {}", runId, init.describe(10));
        return false;
      }
    }
    beforeDestroy.run();
    Map<String, String> variables =
        RunDirectory.runVariables(
            session.clients().region().id(), runId, config.aws().namePrefix(), SWEEP_IMAGE);
    // through the endpoint: on an emulator, what it cannot delete is said, not failed on
    try {
      Optional<String> limited =
          AwsEndpoint.of(config.aws(), session, runId).destroy(terraform, tfDir, variables);
      LOG.info(
          "[sweep] terraform destroy of run {}: ok{}",
          runId,
          limited.map(n -> " (" + n + ")").orElse(""));
      return true;
    } catch (CommandFailedException e) {
      LOG.warn("[sweep] terraform destroy of run {}: {}", runId, e.getMessage());
      return false;
    }
  }
}
