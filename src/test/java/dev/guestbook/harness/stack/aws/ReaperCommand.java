package dev.guestbook.harness.stack.aws;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reaper, for runs nobody tore down (a cancelled or timed-out job, a lost runner), as a
 * command: {@code mvn -B test-compile exec:java@reaper -Dbdi.reap.older-than-minutes=180} (and
 * {@code -Dbdi.reap.job-limit-minutes}, default 120: the nightly job's timeout). {@code
 * test-compile} first, so it runs from a checkout where nothing was built. It finds every run of
 * this project by its tags ({@code Project=guestbook}, grouped by {@code RunId}; Container
 * Insights' untagged log group by its name), and the runs' states ({@code
 * target/deploy/<run-id>/terraform}, with their locks, or with {@code bdi.terraform.backend-config}
 * those in the S3 backend: {@link BackendStates}); {@link ReapPlan} decides per run, one log line
 * each ({@code [reaper] run <id>: <ACTION> (<why>); <n> resource(s) found}), and {@link Reaper}
 * carries the decision out.
 *
 * <p>Exit codes ({@link CleanupExit}): 0 every run it acted on is gone, or none was to be acted on
 * (runs left alone by rule are not failures); 1 something of a run it acted on is still there; 2
 * bad input (the bound missing or not a number of minutes, an invalid setting); 3 it could not run
 * (no credentials or region, no terraform, an unexpected failure).
 */
public final class ReaperCommand {

  static final String OLDER_THAN = "bdi.reap.older-than-minutes";
  static final String JOB_LIMIT = "bdi.reap.job-limit-minutes";

  private static final Logger LOG = LoggerFactory.getLogger(ReaperCommand.class);
  private static final String LOCK = ".terraform.tfstate.lock.info";

  private ReaperCommand() {}

  public static void main(String[] args) {
    System.exit(run(CleanupExit.systemProperties(), System.getenv()));
  }

  /** The reaper over these settings; answers its exit code. */
  static int run(Map<String, String> properties, Map<String, String> env) {
    return CleanupExit.of(
        "reaper",
        () -> {
          Duration olderThan =
              minutes(properties, OLDER_THAN)
                  .orElseThrow(
                      () ->
                          new HarnessConfigException(
                              OLDER_THAN
                                  + ": required (remove runs older than this many minutes)"));
          Duration jobLimit = minutes(properties, JOB_LIMIT).orElse(Duration.ofMinutes(120));
          HarnessConfig config = HarnessConfig.resolveWithoutApp(properties, env);
          return reap(config, olderThan, jobLimit).isEmpty() ? CleanupExit.DONE : CleanupExit.LEFT;
        });
  }

  /** Decides on every run and carries the decisions out; answers what of them is still there. */
  private static List<String> reap(HarnessConfig config, Duration olderThan, Duration jobLimit) {
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
            bucket
                .map(b -> BackendStates.list(s3, b, prefix))
                .orElseGet(ReaperCommand::localStates);
      }
      List<ReapPlan.Run> plan =
          ReapPlan.plan(survey.found(), states, prefix, Instant.now(), olderThan, jobLimit);
      AwsEndpoint endpoint = AwsEndpoint.of(config.aws(), session, "reaper");
      // on AWS nothing is excused; on an emulator, only what it is seen not to carry out
      boolean deletesSubnetGroups =
          !config.aws().emulated()
              || EmulatorLimits.deletesCacheSubnetGroups(clients.elastiCache(), prefix);
      Reaper reaper =
          new Reaper(
              sweep::find,
              new LeftoverRemoval(clients),
              states(config, session),
              (runId, l) ->
                  EmulatorLimits.expectedLeftover(l, prefix + "-" + runId, deletesSubnetGroups),
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
          "[reaper] {} run(s) found, {} acted on, in {}; not removed: {}",
          plan.size(),
          plan.stream().filter(Reaper::actsOn).count(),
          clients.region(),
          notRemoved.isEmpty() ? "nothing" : notRemoved);
      return notRemoved;
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

  /** A number of minutes (0 or more), if the setting is given. */
  static Optional<Duration> minutes(Map<String, String> properties, String key) {
    String raw = properties.getOrDefault(key, "").trim();
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
