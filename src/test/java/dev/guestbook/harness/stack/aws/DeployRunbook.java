package dev.guestbook.harness.stack.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.config.AwsSettings.Teardown;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformOutputs;
import dev.guestbook.harness.terraform.TerraformState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;

/**
 * The deploy runbook, one method a phase, each timed on the {@link PhaseClock}: {@link #provision}
 * (init, ECR first), {@link #publish} (build, login, push, digest), {@link #applyStack} (the whole
 * stack with the pinned image), {@link #forceDeployment}, {@link #awaitRollout}, and {@link #close}
 * (teardown by policy). A phase runs its predecessors first if they have not run, and runs once: a
 * run deploys once and every scenario uses that deployment.
 *
 * <p>{@link #cancel()} (Ctrl-C, SIGTERM) takes no lock a phase holds: it stops the running command
 * with one SIGINT and time to stop gracefully, interrupts the phase's waits, and then teardown can
 * start at once.
 */
public final class DeployRunbook implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployRunbook.class);
  private static final String BOOTSTRAP_IMAGE = "bootstrap@sha256:" + "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ECR_TARGETS =
      List.of("aws_ecr_repository.app", "aws_ecr_lifecycle_policy.app");

  /** What the rollout phase found. */
  public sealed interface RolloutOutcome {
    /** The deployment completed on AWS. */
    record Completed(RolloutVerdict.Completed verdict) implements RolloutOutcome {}

    /**
     * The emulator cannot run tasks: the state it does model was checked and is as expected.
     *
     * @param reason what was seen and why the rest cannot be checked
     */
    record EmulatorCannotRunTasks(String reason) implements RolloutOutcome {}
  }

  /** A phase failed; the message names the phase, the cause is kept. */
  public static final class PhaseFailedException extends RuntimeException {
    PhaseFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HarnessConfig config;
  private final AwsSettings settings;
  private final AwsPreflight.Session session;
  private final CommandRunner runner;
  private final TerraformCli terraform;
  private final Path runDir;
  private final Path tfDir;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final PhaseClock clock = new PhaseClock();
  private final BooleanSupplier anyScenarioFailed;
  private final Object phaseLock = new Object();
  private final Object teardownLock = new Object();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread phaseThread;
  private final java.util.concurrent.atomic.AtomicReference<String> removedUntracked =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile boolean applied;
  private volatile RuntimeException failure;
  private String repositoryUrl;
  private ImagePublisher.PushedImage image;
  private TerraformOutputs outputs;
  private RolloutExpectation expectation;
  private RolloutOutcome rollout;

  private DeployRunbook(
      HarnessConfig config, AwsPreflight.Session session, BooleanSupplier anyScenarioFailed) {
    this.config = config;
    this.settings = config.aws();
    this.session = session;
    this.anyScenarioFailed = anyScenarioFailed;
    this.runDir = Path.of("target", "deploy", config.runId()).toAbsolutePath();
    this.tfDir = runDir.resolve("terraform");
    this.runner = new CommandRunner(Optional.of(runDir.resolve("run.log")), settings.stopGrace());
    this.terraform = session.terraform().loggingTo(runner);
    variables.put("region", session.clients().region().id());
    variables.put("run_id", config.runId());
    variables.put("name_prefix", settings.namePrefix());
    variables.put("cpu_architecture", settings.platform().fargateArchitecture());
    variables.put("image", BOOTSTRAP_IMAGE);
  }

  /** Preflight (nothing is created when it fails), then a runbook ready for its first phase. */
  public static DeployRunbook prepare(HarnessConfig config, BooleanSupplier anyScenarioFailed) {
    AwsSettings settings = config.aws();
    if (settings.emulated() && settings.registry().isEmpty()) {
      throw new dev.guestbook.harness.config.HarnessConfigException(
          "bdi.aws.registry: an emulator run (bdi.aws.endpoint) needs a registry standing in for"
              + " ECR, e.g. 127.0.0.1:5000 (docker/local-registry.sh)");
    }
    AwsPreflight.Session session = AwsPreflight.check(settings, System.getenv("PATH"));
    LOG.info(
        "[deploy] preflight ok: account {} as {} in {}, {}",
        session.account(),
        session.callerArn(),
        session.clients().where(),
        session.terraform().binary());
    return new DeployRunbook(config, session, anyScenarioFailed);
  }

  /** Phase "init" and "apply-ecr": the run's Terraform, and the ECR repository the image needs. */
  public String provision() {
    return phases(
        () -> repositoryUrl != null,
        () -> {
          prepareDirectory();
          clock.time(
              "init",
              () ->
                  require(
                      terraform.init(tfDir, pluginDir(), backend(), backendKey()),
                      "terraform init"));
          applied = true;
          clock.time(
              "apply-ecr",
              () ->
                  require(terraform.apply(tfDir, variables, ECR_TARGETS), "terraform apply (ECR)"));
          repositoryUrl = terraform.output(tfDir, "ecr_repository_url");
          LOG.info("[deploy] ECR repository {}", repositoryUrl);
        },
        () -> repositoryUrl);
  }

  /** Phases "build" and "push": the image for the task's platform, pushed, pinned by digest. */
  public ImagePublisher.PushedImage publish() {
    provision();
    return phases(
        () -> image != null,
        () -> {
          String pushTo = pushRepository(repositoryUrl);
          ImagePublisher publisher =
              new ImagePublisher(
                  Path.of("").toAbsolutePath(),
                  runner,
                  settings.dockerBinary(),
                  buildArgs(),
                  Optional.of(settings.platform().docker()));
          String tag = imageTag();
          clock.time("build", () -> publisher.build(pushTo, tag));
          clock.note(
              "build",
              "for "
                  + settings.platform().docker()
                  + " (task runtime platform "
                  + settings.platform().fargateArchitecture()
                  + ")");
          ImagePublisher.PushedImage pushed =
              clock.time(
                  "push",
                  () -> {
                    ImagePublisher.RegistryLogin login =
                        ImagePublisher.ecrLogin(session.clients().ecr());
                    if (settings.registry().isEmpty()) {
                      publisher.login(login);
                    }
                    return publisher.push(pushTo, tag);
                  });
          settings
              .registry()
              .ifPresent(
                  r ->
                      clock.note(
                          "push",
                          "to "
                              + r
                              + " standing in for ECR (GetAuthorizationToken called, no docker"
                              + " login: the stand-in has no auth)"));
          publisher.removeLocal(pushed);
          image = new ImagePublisher.PushedImage(repositoryUrl, tag, pushed.digest());
          LOG.info(
              "[deploy] pushed {} (built for {})", image.pinned(), settings.platform().docker());
        },
        () -> image);
  }

  /** Phase "apply": the whole stack, with the image pinned by the digest just pushed. */
  public TerraformOutputs applyStack() {
    publish();
    return phases(
        () -> outputs != null,
        () -> {
          variables.put("image", image.pinned());
          saveVariables();
          clock.time("apply", () -> require(terraform.apply(tfDir, variables), "terraform apply"));
          outputs = terraform.outputs(tfDir);
        },
        () -> outputs);
  }

  /** Phase "deploy": UpdateService(forceNewDeployment); answers the deployment it started. */
  public RolloutExpectation forceDeployment() {
    applyStack();
    return phases(
        () -> expectation != null,
        () -> {
          EcsDriver ecs = ecs();
          Deployment started = clock.time("deploy", ecs::forceNewDeployment);
          expectation =
              new RolloutExpectation(
                  started.id(),
                  image.digest(),
                  config.expectedTasks(),
                  Optional.ofNullable(started.createdAt()).orElse(Instant.now()),
                  RolloutExpectation.VISIBILITY_GRACE);
          LOG.info("[deploy] forced deployment {} of {}", started.id(), ecs.where());
        },
        () -> expectation);
  }

  /**
   * Phase "rollout": waits for {@link RolloutJudge} to call our deployment complete, failing within
   * one poll of a state that will not recover. On an emulator, which runs no tasks, the state it
   * does model is checked instead and the outcome says what could not be.
   */
  public RolloutOutcome awaitRollout() {
    forceDeployment();
    return phases(
        () -> rollout != null,
        () -> {
          rollout = clock.time("rollout", this::rolloutOutcome);
          if (rollout instanceof RolloutOutcome.EmulatorCannotRunTasks cannot) {
            clock.limited("rollout", "emulator: " + cannot.reason());
          }
        },
        () -> rollout);
  }

  /** The deployed stack for the specs: every phase up to the rollout runs first if it has not. */
  public AwsStack stack() {
    RolloutOutcome outcome = awaitRollout();
    Optional<String> limit =
        outcome instanceof RolloutOutcome.EmulatorCannotRunTasks cannot
            ? Optional.of(cannot.reason())
            : Optional.empty();
    return new AwsStack(config.runId(), session.account(), session.clients(), outputs, limit);
  }

  private RolloutOutcome rolloutOutcome() {
    RolloutVerifier verifier = verifier();
    Duration poll = settings.emulated() ? Duration.ofSeconds(2) : Duration.ofSeconds(15);
    try {
      return new RolloutOutcome.Completed(
          verifier.awaitCompletion(expectation, settings.rolloutTimeout(), poll, cancelled::get));
    } catch (RolloutTimeoutException timedOut) {
      if (!settings.emulated()) {
        throw timedOut;
      }
      String reason =
          EmulatorLimits.rolloutCannotComplete(
                  expectation, ecs().describe(), ecs().tasks(), settings.rolloutTimeout())
              .orElseThrow(() -> timedOut);
      LOG.warn("[deploy] {}", reason);
      return new RolloutOutcome.EmulatorCannotRunTasks(reason);
    }
  }

  /** Stops every phase: one SIGINT to a running command, then its waits are interrupted. */
  public void cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return;
    }
    LOG.warn("[deploy] interrupted: stopping the running phase, then teardown by policy");
    Thread phase = phaseThread;
    runner.cancel();
    if (phase != null) {
      phase.interrupt();
    }
  }

  public PhaseClock clock() {
    return clock;
  }

  /** The run's log (terraform and docker output, masked), for the report. */
  public List<Path> logs() {
    return List.of(runDir.resolve("run.log"));
  }

  public String runId() {
    return config.runId();
  }

  public boolean emulated() {
    return settings.emulated();
  }

  /** Everything the run's state holds, as Terraform lists it. */
  public List<String> resourcesInState() {
    return terraform.stateList(tfDir);
  }

  /** Terraform's own JSON of the state, for checks over every resource. */
  public String stateJson() {
    return terraform.showJson(tfDir);
  }

  /** The leftover sweep over this run's resources, through the AWS (or emulator) APIs. */
  public List<AwsSweep.Leftover> sweep() {
    return new AwsSweep(session.clients(), settings.namePrefix()).find(config.runId());
  }

  /** Tears down by policy, prints and saves the phase table; runs once, from any thread. */
  @Override
  public void close() {
    synchronized (teardownLock) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        teardown();
      } finally {
        savePhases();
        session.clients().close();
      }
    }
  }

  private void teardown() {
    Teardown policy = settings.teardown();
    boolean failed = anyScenarioFailed.getAsBoolean() || failure != null && !cancelled.get();
    boolean destroy =
        applied && (policy == Teardown.ALWAYS || (policy == Teardown.ON_SUCCESS && !failed));
    if (destroy) {
      TerraformCli teardown = terraform.loggingTo(runner.forTeardown());
      Optional<String> limit = clock.time("destroy", () -> destroy(teardown));
      limit.ifPresent(note -> clock.limited("destroy", note));
      Optional.ofNullable(removedUntracked.get()).ifPresent(note -> clock.note("destroy", note));
      applied = false;
      LOG.info("[deploy] destroyed everything of run {}", config.runId());
    } else if (applied) {
      LOG.warn(
          "[deploy] KEPT (bdi.teardown={}): run {}, state in {}; reuse it with -Dbdi.run-id={}, remove it"
              + " with: terraform -chdir={} destroy (its terraform.tfvars.json holds the variables),"
              + " or the sweep: -Dit.test=AwsSweepIT -Dbdi.sweep={}",
          policy.key(),
          config.runId(),
          backend().map(f -> "the backend of " + f).orElse(tfDir.toString()),
          config.runId(),
          tfDir,
          config.runId());
    }
  }

  /**
   * Removes what the run created that its state does not know (an apply interrupted mid-call), so
   * that destroy can remove the rest; answers a note on what was removed, if anything.
   */
  private Optional<String> removeUntracked(TerraformCli teardown) {
    java.util.Set<String> inState =
        TerraformState.resources(teardown.showJson(tfDir)).stream()
            .flatMap(r -> r.ids().stream())
            .collect(java.util.stream.Collectors.toSet());
    AwsSweep sweep = new AwsSweep(session.clients(), settings.namePrefix());
    List<AwsSweep.Leftover> untracked = AwsSweep.untracked(sweep.find(config.runId()), inState);
    if (untracked.isEmpty()) {
      return Optional.empty();
    }
    LOG.warn(
        "[deploy] {} resource(s) of run {} are not in its state (their create calls were cut"
            + " short): removing them before destroy: {}",
        untracked.size(),
        config.runId(),
        untracked);
    List<String> failed = sweep.remove(untracked);
    failed.forEach(f -> LOG.warn("[deploy] could not remove {}", f));
    return Optional.of(
        "removed "
            + (untracked.size() - failed.size())
            + " resource(s) the state did not hold"
            + (failed.isEmpty() ? "" : "; could not remove " + failed));
  }

  /** terraform destroy; on an emulator, what it could not delete (and why), if anything. */
  private Optional<String> destroy(TerraformCli teardown) {
    Optional<String> untracked = Optional.empty();
    try {
      untracked = removeUntracked(teardown);
    } catch (RuntimeException e) {
      LOG.warn("[deploy] could not look for resources the state does not hold: {}", e.toString());
    }
    untracked.ifPresent(removedUntracked::set);
    CommandResult destroyed = teardown.destroy(tfDir, variables);
    if (!destroyed.ok()
        && settings.emulated()
        && EmulatorLimits.destroyStoppedOnlyByElastiCache(destroyed.output())) {
      String cluster = settings.namePrefix() + "-" + config.runId();
      String status =
          session
              .clients()
              .elastiCache()
              .describeCacheClusters(b -> b.cacheClusterId(cluster))
              .cacheClusters()
              .stream()
              .map(CacheCluster::cacheClusterStatus)
              .findFirst()
              .orElse("gone");
      if (!"deleting".equals(status) && !"gone".equals(status)) {
        throw new CommandFailedException(
            "terraform destroy: ElastiCache cluster "
                + cluster
                + " is "
                + status
                + ", not deleting",
            destroyed);
      }
      String note =
          "emulator: ElastiCache cluster "
              + cluster
              + " accepted DeleteCacheCluster and stays '"
              + status
              + "', and DeleteCacheSubnetGroup answers HTTP 500 (moto cannot finish either);"
              + " both dropped from the state, everything else destroyed";
      LOG.warn("[deploy] {}", note);
      for (String address : EmulatorLimits.UNDELETABLE) {
        teardown.stateRemove(tfDir, address);
      }
      destroyed = teardown.destroy(tfDir, variables);
      require(destroyed, "terraform destroy");
      return Optional.of(note);
    }
    require(destroyed, "terraform destroy");
    return Optional.empty();
  }

  private <T> T phases(BooleanSupplier done, Runnable work, Supplier<T> result) {
    synchronized (phaseLock) {
      if (failure != null) {
        throw new PhaseFailedException(
            "not run: an earlier phase of this deployment failed: " + failure.getMessage(),
            failure);
      }
      if (done.getAsBoolean()) {
        return result.get();
      }
      if (cancelled.get()) {
        throw new PhaseFailedException("not run: the run was interrupted", null);
      }
      phaseThread = Thread.currentThread();
      try {
        work.run();
        return result.get();
      } catch (RuntimeException e) {
        failure =
            cancelled.get() ? new PhaseFailedException("interrupted: " + e.getMessage(), e) : e;
        throw failure;
      } finally {
        phaseThread = null;
        Thread.interrupted();
      }
    }
  }

  private void prepareDirectory() {
    if (Files.exists(tfDir.resolve("terraform.tfstate"))) {
      LOG.info("[deploy] reusing the kept state of run {} in {}", config.runId(), tfDir);
    }
    TerraformCli.copyConfiguration(Path.of("terraform"), tfDir);
    try {
      if (backend().isPresent()) {
        addRemoteBackend(tfDir);
      }
      if (settings.emulated()) {
        Files.writeString(
            tfDir.resolve(EmulatorOverride.FILE_NAME),
            EmulatorOverride.text(
                session.clients().endpoint().orElseThrow(),
                AwsPreflight.EMULATOR_CREDENTIALS.accessKeyId(),
                AwsPreflight.EMULATOR_CREDENTIALS.secretAccessKey()),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + tfDir, e);
    }
    saveVariables();
  }

  /**
   * terraform.tfvars.json is read by Terraform itself: a kept run can be destroyed by hand or by
   * the sweep.
   */
  private void saveVariables() {
    try {
      Files.writeString(
          tfDir.resolve("terraform.tfvars.json"),
          JSON.writeValueAsString(variables),
          StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run's variables as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the run's variables in " + tfDir, e);
    }
  }

  private Optional<Path> pluginDir() {
    return settings.pluginDir().map(Path::of);
  }

  private Optional<Path> backend() {
    return settings.backendConfig();
  }

  private Map<String, String> backendKey() {
    return backendKey(settings.namePrefix(), config.runId());
  }

  /** Each run's state under its own key: a kept run is found by its id from any machine. */
  static Map<String, String> backendKey(String namePrefix, String runId) {
    return Map.of("key", namePrefix + "/" + runId + "/terraform.tfstate");
  }

  /** The S3 backend block ({@code terraform/backend-s3.tf.example}) in a run's copy. */
  static void addRemoteBackend(Path tfDir) throws IOException {
    Files.copy(
        Path.of("terraform", "backend-s3.tf.example"),
        tfDir.resolve("backend.tf"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private String pushRepository(String ecrRepositoryUrl) {
    String name = ecrRepositoryUrl.substring(ecrRepositoryUrl.indexOf('/') + 1);
    return settings.registry().map(r -> r + "/" + name).orElse(ecrRepositoryUrl);
  }

  /** Commit, run id and time: ECR tags are immutable, and a reused run pushes again. */
  private String imageTag() {
    return GitCommit.shortId(runner).orElse("nogit")
        + "-"
        + config.runId()
        + "-"
        + LocalTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HHmmss"));
  }

  private static List<String> buildArgs() {
    return Optional.ofNullable(System.getenv("BASE_IMAGE"))
        .map(b -> List.of("BASE_IMAGE=" + b))
        .orElse(List.of());
  }

  private EcsDriver ecs() {
    return new EcsDriver(session.clients().ecs(), outputs.clusterName(), outputs.serviceName());
  }

  private RolloutVerifier verifier() {
    return new RolloutVerifier(
        ecs(),
        new TargetHealthDriver(session.clients().elb(), outputs.targetGroupArn()),
        new LogTail(session.clients().logs(), outputs.logGroupName(), "guestbook"),
        LOG::info,
        settings.verbose());
  }

  private static void require(CommandResult result, String what) {
    if (!result.ok()) {
      throw new CommandFailedException(what, result);
    }
  }

  private void savePhases() {
    String table = clock.table();
    LOG.info("[deploy] phase timings of run {}\n{}", config.runId(), table);
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("phases.txt"), table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("[deploy] could not save phases.txt in {}: {}", runDir, e.toString());
    }
  }
}
