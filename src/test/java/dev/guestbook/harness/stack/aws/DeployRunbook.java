package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformOutputs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Deployment;

/**
 * The deploy runbook, one method a phase, each timed on the {@link PhaseClock}: {@link #provision}
 * (init, ECR first), {@link #publish} (build, login, push, digest), {@link #applyStack} (the whole
 * stack with the pinned image), {@link #forceDeployment}, {@link #awaitRollout}, and {@link #close}
 * (teardown as {@link TeardownDecision} decides). A phase runs its predecessors first, and once
 * ({@link Phases}); {@link #cancel()} (Ctrl-C, SIGTERM) stops the running command with one SIGINT
 * so teardown can start at once. What differs on an emulator is the {@link AwsEndpoint}'s.
 */
public final class DeployRunbook implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployRunbook.class);
  private static final String BOOTSTRAP_IMAGE = "bootstrap@sha256:" + "0".repeat(64);

  private final HarnessConfig config;
  private final AwsSettings settings;
  private final AwsPreflight.Session session;
  private final AwsEndpoint endpoint;
  private final CommandRunner runner;
  private final TerraformCli terraform;
  private final RunTerraform stack;
  private final RunDirectory run;
  private final PhaseClock clock = new PhaseClock();
  private final BooleanSupplier anyScenarioFailed;
  private final Phases phases;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean applied;
  private String repositoryUrl;
  private ImagePublisher.PushedImage image;
  private TerraformOutputs outputs;
  private RolloutExpectation expectation;
  private RolloutOutcome rollout;

  private DeployRunbook(
      HarnessConfig config,
      AwsPreflight.Session session,
      AwsEndpoint endpoint,
      BooleanSupplier anyScenarioFailed) {
    this.config = config;
    this.settings = config.aws();
    this.session = session;
    this.endpoint = endpoint;
    this.anyScenarioFailed = anyScenarioFailed;
    this.run = new RunDirectory(config.runId());
    this.runner = new CommandRunner(Optional.of(run.log()), settings.stopGrace());
    this.terraform = session.terraform().loggingTo(runner);
    this.stack = new RunTerraform(terraform, run, settings, config.runId());
    this.phases = new Phases(runner::cancel);
    RunDirectory.runVariables(
            session.clients().region().id(), config.runId(), settings.namePrefix(), BOOTSTRAP_IMAGE)
        .forEach(run::set);
    run.set("cpu_architecture", settings.platform().fargateArchitecture());
  }

  /** Preflight (nothing is created when it fails), then a runbook ready for its first phase. */
  public static DeployRunbook prepare(HarnessConfig config, BooleanSupplier anyScenarioFailed) {
    AwsSettings settings = config.aws();
    AwsEndpoint.check(settings);
    AwsPreflight.Session session = AwsPreflight.check(settings, System.getenv("PATH"));
    LOG.info(
        "[deploy] preflight ok: account {} as {} in {}, {}",
        session.account(),
        session.callerArn(),
        session.clients().where(),
        session.terraform().binary());
    return new DeployRunbook(
        config, session, AwsEndpoint.of(settings, session, config.runId()), anyScenarioFailed);
  }

  /** Phase "init" and "apply-ecr": the run's Terraform, and the ECR repository the image needs. */
  public String provision() {
    return phases.once(
        () -> repositoryUrl != null,
        () -> {
          run.prepare(settings.backendConfig(), endpoint);
          clock.time("init", stack::init);
          applied = true;
          repositoryUrl = clock.time("apply-ecr", stack::applyRepository);
          LOG.info("[deploy] ECR repository {}", repositoryUrl);
        },
        () -> repositoryUrl);
  }

  /** Phases "build" and "push": the image for the task's platform, pushed, pinned by digest. */
  public ImagePublisher.PushedImage publish() {
    provision();
    return phases.once(
        () -> image != null,
        () ->
            image =
                new ImageRelease(runner, settings, endpoint, clock)
                    .publish(repositoryUrl, config.runId(), session.clients().ecr()),
        () -> image);
  }

  /** Phase "apply": the whole stack, with the image pinned by the digest just pushed. */
  public TerraformOutputs applyStack() {
    publish();
    return phases.once(
        () -> outputs != null,
        () -> {
          outputs = clock.time("apply", () -> stack.applyAll(image.pinned()));
        },
        () -> outputs);
  }

  /** Phase "deploy": UpdateService(forceNewDeployment); answers the deployment it started. */
  public RolloutExpectation forceDeployment() {
    applyStack();
    return phases.once(
        () -> expectation != null,
        () -> {
          EcsDriver ecs = EcsDriver.of(session.clients(), outputs);
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
    return phases.once(
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
    RolloutVerifier verifier =
        RolloutVerifier.of(session.clients(), outputs, LOG::info, settings.verbose());
    try {
      return new RolloutOutcome.Completed(
          verifier.awaitCompletion(
              expectation, settings.rolloutTimeout(), endpoint.pollInterval(), phases::cancelled));
    } catch (RolloutTimeoutException late) {
      EcsDriver ecs = EcsDriver.of(session.clients(), outputs);
      return endpoint.timedOut(late, expectation, ecs, settings.rolloutTimeout());
    }
  }

  /** Stops every phase: one SIGINT to a running command, then its waits are interrupted. */
  public void cancel() {
    if (phases.cancel()) {
      LOG.warn("[deploy] interrupted: stopping the running phase, then teardown by policy");
    }
  }

  public PhaseClock clock() {
    return clock;
  }

  /** The run's log (terraform and docker output, masked), for the report. */
  public List<Path> logs() {
    return List.of(run.log());
  }

  public String runId() {
    return config.runId();
  }

  /** Terraform's own JSON of the state, for checks over every resource. */
  public String stateJson() {
    return stack.showJson();
  }

  /** The leftover sweep over this run's resources, through the AWS (or emulator) APIs. */
  public List<AwsSweep.Leftover> sweep() {
    return new AwsSweep(session.clients(), settings.namePrefix()).find(config.runId());
  }

  /** Tears down by policy, prints and saves the phase table; runs once, from any thread. */
  @Override
  public void close() {
    synchronized (closed) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        teardown();
      } finally {
        run.savePhases(clock.table());
        session.clients().close();
      }
    }
  }

  private void teardown() {
    TeardownDecision decision =
        TeardownDecision.decide(
            settings.teardown(),
            applied,
            TeardownDecision.end(
                anyScenarioFailed.getAsBoolean(),
                phases.failure().isPresent(),
                phases.cancelled()));
    new StackTeardown(new AwsSweep(session.clients(), settings.namePrefix()), endpoint)
        .carryOut(
            decision,
            terraform.loggingTo(runner.forTeardown()),
            run,
            clock,
            settings,
            config.runId());
  }
}
