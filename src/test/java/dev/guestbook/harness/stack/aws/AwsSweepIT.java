package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.terraform.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The leftover sweep, run on demand (nightly CI's always-run step): {@code mvn -Pdeploy
 * failsafe:integration-test@specs -Dit.test=AwsSweepIT -Dbdi.sweep=<run-id|all>}. It destroys a
 * kept run from its state when the state is here, then fails if anything tagged with the run id is
 * still in the account, listing it.
 */
class AwsSweepIT {

  @Test
  void nothingOfTheRunIsLeft() {
    String runId = System.getProperty("bdi.sweep", "");
    Assumptions.assumeFalse(runId.isBlank(), "no sweep asked for (-Dbdi.sweep=<run-id|all>)");
    HarnessConfig config = HarnessConfig.fromSystem();
    AwsPreflight.Session session = AwsPreflight.check(config.aws(), System.getenv("PATH"));
    try (AwsClients clients = session.clients()) {
      Path tfDir = Path.of("target", "deploy", runId, "terraform");
      if (Files.exists(tfDir.resolve("terraform.tfstate"))) {
        TerraformCli.Result destroy =
            session.terraform().destroy(tfDir, Map.of(), tfDir.resolveSibling("sweep.log"));
        System.out.println(
            "[sweep] terraform destroy of " + tfDir + ": " + (destroy.ok() ? "ok" : destroy));
      }
      var leftovers = new AwsSweep(clients).find(runId);
      leftovers.forEach(l -> System.out.println("[sweep] LEFT: " + l));
      assertThat(leftovers)
          .as(
              "resources tagged RunId=%s in %s (remove them, e.g. with terraform destroy of the run's state)",
              runId, clients.region())
          .isEmpty();
    }
  }
}
