package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.HarnessConfigException;
import dev.guestbook.harness.terraform.TerraformState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reaper, for runs nobody tore down (a cancelled or timed-out job, a lost runner): {@code mvn
 * -Pdeploy failsafe:integration-test@specs -Dit.test=AwsReaperIT -Dbdi.reap.older-than-minutes=180}
 * (and {@code -Dbdi.reap.job-limit-minutes}, default 120: the nightly job's timeout). It finds
 * every run of this project by its tags ({@code Project=guestbook}, grouped by {@code RunId};
 * Container Insights' untagged log group by its name), and the runs' states kept here ({@code
 * target/deploy/<run-id>/terraform}, with their locks); {@link ReapPlan} decides, per run, from
 * their ages. A run is destroyed from its state where there is one (a lock older than the job limit
 * is broken first), then whatever is still tagged with its id is removed in dependency order;
 * without a state, by tag alone. It reports what it removed and what it could not, and fails if a
 * run it acted on still has resources.
 *
 * <p>With {@code bdi.terraform.backend-config} the states and locks are read in the S3 backend
 * instead ({@link BackendStates}: {@code <prefix>/<run-id>/terraform.tfstate} and its {@code
 * .tflock}), unit-tested over a stand-in S3 and run against moto's S3 by {@code
 * .ci/unattended-check.sh cancel}. Removal by tag goes pass after pass ({@link
 * LeftoverRemoval#untilGone}, bounded by {@link AwsEndpoint#removalBound}): AWS deletes a NAT
 * gateway, a load balancer or a cache cluster asynchronously and refuses what depends on them as in
 * use until then. The emulator deletes at once, so the waiting itself is proven against stand-in
 * clients ({@code LeftoverRemovalTest}, and {@link Reaper}'s order in {@code ReaperTest}).
 */
class AwsReaperIT {

  private static final Logger LOG = LoggerFactory.getLogger(AwsReaperIT.class);
  private static final String LOCK = ".terraform.tfstate.lock.info";

  @Test
  void runsNobodyToreDownAreRemoved() {
    Optional<Duration> olderThan = minutes("bdi.reap.older-than-minutes");
    Assumptions.assumeTrue(
        olderThan.isPresent(), "no reaping asked for (-Dbdi.reap.older-than-minutes=N)");
    Duration jobLimit = minutes("bdi.reap.job-limit-minutes").orElse(Duration.ofMinutes(120));
    HarnessConfig config = HarnessConfig.fromSystem();
    AwsPreflight.Session session = AwsPreflight.check(config.aws(), System.getenv("PATH"));
    try (AwsClients clients = session.clients()) {
      String prefix = config.aws().namePrefix();
      AwsSweep sweep = new AwsSweep(clients, prefix);
      AwsSweep.Survey survey = sweep.survey("all");
      survey.unreadable().forEach(u -> LOG.warn("[reaper] could not read {}", u));
      Optional<String> bucket = config.aws().backendConfig().map(BackendStates::bucket);
      List<ReapPlan.StoredState> states;
      try (S3Client s3 = bucket.isPresent() ? clients.newS3() : null) {
        states =
            bucket.map(b -> BackendStates.list(s3, b, prefix)).orElseGet(AwsReaperIT::localStates);
      }
      List<ReapPlan.Run> plan =
          ReapPlan.plan(survey.found(), states, prefix, Instant.now(), olderThan.get(), jobLimit);
      AwsEndpoint endpoint = AwsEndpoint.of(config.aws(), session, "reaper");
      Reaper reaper =
          new Reaper(
              sweep::find,
              new LeftoverRemoval(clients),
              states(config, session),
              (runId, l) ->
                  config.aws().emulated()
                      ? EmulatorLimits.expectedLeftover(l, prefix + "-" + runId)
                      : Optional.empty(),
              endpoint.removalBound(),
              endpoint.pollInterval());
      List<String> notRemoved = new ArrayList<>();
      for (ReapPlan.Run run : plan) {
        LOG.info(
            "[reaper] run {}: {} ({}); {} resource(s) found",
            run.runId(),
            run.action(),
            run.why(),
            run.resources().size());
        notRemoved.addAll(reaper.reap(run));
      }
      LOG.info(
          "[reaper] {} run(s) found, {} acted on; not removed: {}",
          plan.size(),
          plan.stream().filter(Reaper::actsOn).count(),
          notRemoved.isEmpty() ? "nothing" : notRemoved);
      assertThat(notRemoved)
          .as("resources of runs the reaper removed, still in %s", clients.region())
          .isEmpty();
    }
  }

  /** The runs' states: in the S3 backend the settings name, or kept on this machine. */
  private static Reaper.States states(HarnessConfig config, AwsPreflight.Session session) {
    Optional<String> bucket = config.aws().backendConfig().map(BackendStates::bucket);
    return new Reaper.States() {
      @Override
      public String unlock(String runId) {
        if (bucket.isPresent()) {
          try (S3Client s3 = session.clients().newS3()) {
            BackendStates.unlock(s3, bucket.get(), config.aws().namePrefix(), runId);
          }
          return "in s3://" + bucket.get();
        }
        Path lock = StateDestroy.terraformDir(runId).resolve(LOCK);
        try {
          Files.deleteIfExists(lock);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove the stale lock " + lock, e);
        }
        return lock.toString();
      }

      @Override
      public boolean destroy(String runId, Runnable beforeDestroy) {
        return StateDestroy.destroy(config, session, runId, beforeDestroy);
      }

      @Override
      public Set<String> idsInState(String runId) {
        return TerraformState.resources(
                session.terraform().showJson(StateDestroy.terraformDir(runId)))
            .stream()
            .flatMap(r -> r.ids().stream())
            .collect(Collectors.toSet());
      }
    };
  }

  /**
   * The states kept on this machine: {@code target/deploy/<run-id>/terraform/terraform.tfstate}.
   */
  private static List<ReapPlan.StoredState> localStates() {
    Path deploy = Path.of("target", "deploy");
    List<ReapPlan.StoredState> states = new ArrayList<>();
    if (!Files.isDirectory(deploy)) {
      return states;
    }
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(deploy)) {
      for (Path run : runs) {
        Path tf = run.resolve("terraform");
        Path state = tf.resolve("terraform.tfstate");
        if (Files.exists(state)) {
          Path lock = tf.resolve(LOCK);
          states.add(
              new ReapPlan.StoredState(
                  run.getFileName().toString(),
                  Files.getLastModifiedTime(state).toInstant(),
                  Files.exists(lock)
                      ? Optional.of(Files.getLastModifiedTime(lock).toInstant())
                      : Optional.empty()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kept runs in " + deploy, e);
    }
    return states;
  }

  private static Optional<Duration> minutes(String key) {
    String raw = System.getProperty(key, "").trim();
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(raw);
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return Optional.of(Duration.ofMinutes(n));
    } catch (NumberFormatException e) {
      throw new HarnessConfigException(
          key + ": '" + raw + "' is not a number of minutes (0 or more)");
    }
  }
}
