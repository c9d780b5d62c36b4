package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.HarnessConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leftover sweep of one run (the nightly's always-run step when the run's teardown is {@code
 * always}), as a command: {@code mvn -B test-compile exec:java@sweep -Dbdi.sweep=<run-id|all>}.
 * With {@code -Dbdi.sweep.destroy=true} it first destroys the run from its state — the local one in
 * {@code target/deploy/<run-id>/terraform}, or the remote one that {@code
 * bdi.terraform.backend-config} names — and deletes Container Insights' log group if ECS wrote it
 * again after the cluster was gone ({@link AwsSweep#afterDestroy}), then lists what is still tagged
 * with the run id, one line each ({@code [sweep] LEFT: …}; an emulator's known limits as {@code
 * EXPECTED ON THE EMULATOR}), and ends with {@code [sweep] run <id>: <n> resources left}.
 *
 * <p>Exit codes ({@link CleanupExit}): 0 nothing of the run is left; 1 something is; 2 bad input
 * ({@code bdi.sweep} missing, an invalid setting); 3 it could not run.
 */
public final class SweepCommand {

  private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

  private SweepCommand() {}

  public static void main(String[] args) {
    System.exit(run(CleanupExit.systemProperties(), System.getenv()));
  }

  /** The sweep over these settings; answers its exit code. */
  static int run(Map<String, String> properties, Map<String, String> env) {
    return CleanupExit.of(
        "sweep",
        () -> {
          HarnessConfig config = HarnessConfig.resolveWithoutApp(properties, env);
          String runId =
              config
                  .aws()
                  .sweep()
                  .orElseThrow(
                      () ->
                          new HarnessConfigException(
                              "bdi.sweep: required (the run id whose leftovers are listed, or all)"));
          return sweep(config, runId).isEmpty() ? CleanupExit.DONE : CleanupExit.LEFT;
        });
  }

  /** Destroys the run from its state if asked, then answers what is still tagged with it. */
  private static List<AwsSweep.Leftover> sweep(HarnessConfig config, String runId) {
    AwsPreflight.Session session = AwsPreflight.check(config.aws(), System.getenv("PATH"));
    try (AwsClients clients = session.clients()) {
      if (config.aws().sweepDestroy() && !"all".equals(runId)) {
        StateDestroy.destroy(config, session, runId);
      }
      String cluster = config.aws().namePrefix() + "-" + runId;
      AwsSweep sweep = new AwsSweep(clients, config.aws().namePrefix());
      // on AWS nothing is excused; on an emulator, only what it is seen not to carry out
      boolean deletesSubnetGroups =
          !config.aws().emulated()
              || EmulatorLimits.deletesCacheSubnetGroups(
                  clients.elastiCache(), config.aws().namePrefix());
      // after a destroy, Container Insights' group that ECS wrote again is deleted, not reported
      List<AwsSweep.Leftover> found =
          config.aws().sweepDestroy() && !"all".equals(runId)
              ? sweep.afterDestroy(runId)
              : sweep.find(runId);
      List<AwsSweep.Leftover> leftovers =
          found.stream()
              .filter(
                  l -> {
                    Optional<String> expected =
                        EmulatorLimits.expectedLeftover(l, cluster, deletesSubnetGroups);
                    expected.ifPresent(
                        why -> LOG.warn("[sweep] EXPECTED ON THE EMULATOR: {}: {}", l, why));
                    return expected.isEmpty();
                  })
              .toList();
      leftovers.forEach(l -> LOG.warn("[sweep] LEFT: {}", l));
      LOG.info(
          "[sweep] run {}: {} resources left in {}{}",
          runId,
          leftovers.size(),
          clients.region(),
          leftovers.isEmpty()
              ? ""
              : " (remove them, e.g. with terraform destroy of the run's state, or"
                  + " -Dbdi.sweep.destroy=true)");
      return leftovers;
    }
  }
}
