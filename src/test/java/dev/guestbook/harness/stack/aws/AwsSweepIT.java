package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
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
 * {@code bdi.terraform.backend-config} names — and deletes Container Insights' log group if ECS
 * wrote it again after the cluster was gone ({@link AwsSweep#afterDestroy}), then fails if anything
 * tagged with the run id is still in the account, listing it. Without that flag it only lists.
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
        StateDestroy.destroy(config, session, runId);
      }
      String cluster = config.aws().namePrefix() + "-" + runId;
      AwsSweep sweep = new AwsSweep(clients, config.aws().namePrefix());
      // after a destroy, Container Insights' group that ECS wrote again is deleted, not reported
      var found =
          config.aws().sweepDestroy() && !"all".equals(runId)
              ? sweep.afterDestroy(runId)
              : sweep.find(runId);
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
}
