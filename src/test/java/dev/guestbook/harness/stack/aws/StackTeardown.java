package dev.guestbook.harness.stack.aws;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroys a run: first what the run created that its state does not hold (an apply cut short
 * mid-call), found by tag and removed in dependency order, then {@code terraform destroy} through
 * the endpoint, which says what it could not delete.
 *
 * @param sweep the run's resources by tag
 * @param endpoint real AWS or the emulator
 */
record StackTeardown(AwsSweep sweep, AwsEndpoint endpoint) {

  private static final Logger LOG = LoggerFactory.getLogger(StackTeardown.class);

  /** What teardown did beyond a plain destroy: notes for the phase table. */
  record Notes(Optional<String> untracked, Optional<String> limited) {}

  /**
   * Carries out {@code decision}: destroys (timed as phase "destroy", with its notes), or says how
   * to remove the kept run.
   */
  void carryOut(
      TeardownDecision decision,
      TerraformCli teardown,
      RunDirectory run,
      PhaseClock clock,
      AwsSettings settings,
      String runId) {
    switch (decision) {
      case DESTROY -> {
        Notes notes = clock.time("destroy", () -> destroy(teardown, run, runId));
        notes.limited().ifPresent(note -> clock.limited("destroy", note));
        notes.untracked().ifPresent(note -> clock.note("destroy", note));
        LOG.info("[deploy] destroyed everything of run {}", runId);
      }
      case KEEP ->
          LOG.warn(
              "[deploy] KEPT (bdi.teardown={}): run {}, state in {}; reuse it with"
                  + " -Dbdi.run-id={}, remove it with: terraform -chdir={} destroy (its"
                  + " terraform.tfvars.json holds the variables), or the sweep: mvn test-compile"
                  + " exec:java@sweep -Dbdi.sweep={} -Dbdi.sweep.destroy=true",
              settings.teardown().key(),
              runId,
              settings.backendConfig().map(f -> "the backend of " + f).orElse(run.terraform() + ""),
              runId,
              run.terraform(),
              runId);
      case NOTHING_APPLIED -> LOG.debug("[deploy] nothing was applied: nothing to tear down");
    }
  }

  Notes destroy(TerraformCli teardown, RunDirectory run, String runId) {
    awaitCachesSettled(runId);
    Optional<String> untracked = Optional.empty();
    try {
      untracked = removeUntracked(teardown, run, runId);
    } catch (RuntimeException e) {
      LOG.warn("[deploy] could not look for resources the state does not hold: {}", e.toString());
    }
    Optional<String> limited = endpoint.destroy(teardown, run.terraform(), run.variables());
    return new Notes(untracked, limited);
  }

  /**
   * After an apply cut short, the run's cache cluster may still be creating: AWS refuses to delete
   * it until it is available, and destroy would retry for minutes, then fail and leave it and the
   * VPC. Bounded; past the bound destroy tries anyway and says what it could not delete.
   */
  private void awaitCachesSettled(String runId) {
    List<String> settling;
    try {
      settling = sweep.cachesSettling(runId);
    } catch (RuntimeException e) {
      LOG.warn("[deploy] could not read the run's cache clusters: {}", e.toString());
      return;
    }
    if (settling.isEmpty()) {
      return;
    }
    LOG.info(
        "[deploy] waiting for {} before destroy (AWS refuses to delete them until then)", settling);
    try {
      await("cache clusters of run " + runId + " leave " + AwsSweep.SETTLING + ": " + settling)
          .atMost(endpoint.cacheSettleBound())
          .pollInterval(endpoint.pollInterval())
          .ignoreExceptions()
          .until(() -> sweep.cachesSettling(runId).isEmpty());
    } catch (ConditionTimeoutException e) {
      LOG.warn("[deploy] {}: destroying anyway", e.getMessage());
    }
  }

  private Optional<String> removeUntracked(TerraformCli teardown, RunDirectory run, String runId) {
    Set<String> inState =
        TerraformState.resources(teardown.showJson(run.terraform())).stream()
            .flatMap(r -> r.ids().stream())
            .collect(Collectors.toSet());
    List<AwsSweep.Leftover> untracked = AwsSweep.untracked(sweep.find(runId), inState);
    if (untracked.isEmpty()) {
      return Optional.empty();
    }
    LOG.warn(
        "[deploy] {} resource(s) of run {} are not in its state (their create calls were cut"
            + " short): removing them before destroy: {}",
        untracked.size(),
        runId,
        untracked);
    List<String> failed = sweep.remove(untracked);
    failed.forEach(f -> LOG.warn("[deploy] could not remove {}", f));
    return Optional.of(
        "removed "
            + (untracked.size() - failed.size())
            + " resource(s) the state did not hold"
            + (failed.isEmpty() ? "" : "; could not remove " + failed));
  }
}
