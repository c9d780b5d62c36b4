package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.config.HarnessConfigException;
import dev.guestbook.harness.terraform.TerraformCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the runbook deploys: real AWS, or an AWS API emulator standing in for it (moto, with a
 * local registry for ECR). Everything the runbook does differently on an emulator is here, so the
 * runbook itself has no emulator branch.
 */
interface AwsEndpoint {

  /** How often the rollout is polled. */
  Duration pollInterval();

  /**
   * How long teardown waits for the run's ElastiCache clusters to leave creating or modifying (AWS
   * refuses to delete them until then; a cluster takes 5 to 15 minutes to create).
   */
  Duration cacheSettleBound();

  /**
   * How long removal by tag goes on pass after pass ({@link LeftoverRemoval#untilGone}): AWS
   * deletes NAT gateways, load balancers' interfaces and cache clusters in minutes, and what
   * depends on them is refused as in use until then.
   */
  Duration removalBound();

  /** Where the image is pushed for {@code ecrRepositoryUrl}. */
  String pushTo(String ecrRepositoryUrl);

  /** Whether {@code docker login} to ECR comes before the push. */
  boolean logsInToEcr();

  /** What the phase table says of the push, if anything. */
  Optional<String> pushNote();

  /** Adds what the run's copy of {@code terraform/} needs to reach this endpoint. */
  void prepare(Path tfDir) throws IOException;

  /**
   * The rollout did not complete within its bound: real AWS fails; an emulator, which runs no
   * tasks, says what it checked instead, or fails when what it does model is wrong.
   */
  RolloutOutcome timedOut(
      RolloutTimeoutException timedOut,
      RolloutExpectation expectation,
      EcsDriver ecs,
      Duration bound);

  /**
   * {@code terraform destroy}: its result, and a note on what this endpoint could not delete (and
   * why), if anything; throws when the destroy failed for any other reason.
   */
  Optional<String> destroy(TerraformCli teardown, Path tfDir, Map<String, String> variables);

  /** Bad settings in one line before anything starts: an emulator needs a registry for ECR. */
  static void check(AwsSettings settings) {
    if (settings.emulated() && settings.registry().isEmpty()) {
      throw new HarnessConfigException(
          "bdi.aws.registry: an emulator run (bdi.aws.endpoint) needs a registry standing in for"
              + " ECR, e.g. 127.0.0.1:5000 (docker/local-registry.sh)");
    }
  }

  /** The endpoint the settings name ({@link #check}ed). */
  static AwsEndpoint of(AwsSettings settings, AwsPreflight.Session session, String runId) {
    check(settings);
    return settings.emulated()
        ? new AwsEmulator(
            session.clients(),
            settings.registry().orElseThrow(),
            settings.namePrefix() + "-" + runId)
        : new RealAws();
  }

  /** Real AWS: ECR, 15 s polls, a rollout that must complete. */
  final class RealAws implements AwsEndpoint {

    @Override
    public Duration pollInterval() {
      return Duration.ofSeconds(15);
    }

    @Override
    public Duration cacheSettleBound() {
      return Duration.ofMinutes(25);
    }

    @Override
    public Duration removalBound() {
      return Duration.ofMinutes(20);
    }

    @Override
    public String pushTo(String ecrRepositoryUrl) {
      return ecrRepositoryUrl;
    }

    @Override
    public boolean logsInToEcr() {
      return true;
    }

    @Override
    public Optional<String> pushNote() {
      return Optional.empty();
    }

    @Override
    public void prepare(Path tfDir) {
      // the provider's own endpoints and credentials chain
    }

    @Override
    public RolloutOutcome timedOut(
        RolloutTimeoutException timedOut,
        RolloutExpectation expectation,
        EcsDriver ecs,
        Duration bound) {
      throw timedOut;
    }

    @Override
    public Optional<String> destroy(
        TerraformCli teardown, Path tfDir, Map<String, String> variables) {
      teardown.destroy(tfDir, variables).orThrow("terraform destroy");
      return Optional.empty();
    }
  }
}
