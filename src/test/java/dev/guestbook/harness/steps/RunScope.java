package dev.guestbook.harness.steps;

import dev.guestbook.harness.client.HeadlessChromium;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Target;
import dev.guestbook.harness.sabotage.SabotagedLayouts;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.aws.DeployRunbook;
import dev.guestbook.harness.stack.aws.PhaseClock;
import dev.guestbook.harness.stack.compose.ComposeStack;
import dev.guestbook.harness.stack.embedded.EmbeddedStack;
import dev.guestbook.harness.terraform.TerraformCache;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformJobs;
import dev.guestbook.harness.terraform.TerraformUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object that lives for a whole run. Cucumber builds glue afresh for every scenario, but a
 * stack takes seconds (locally) to many minutes (AWS) to build, so it is started once, on first
 * use, and closed by the {@code @AfterAll} hook or, on Ctrl-C or SIGTERM, by a JVM shutdown hook
 * that is registered before anything is started. This is the project's only static state, on
 * purpose.
 *
 * <p>On AWS the deployment is a {@link DeployRunbook} whose phases the deploy steps carry out; its
 * long phases run outside this object's lock, so the shutdown hook can cancel them at once.
 */
final class RunScope {

  private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);
  private static final RunScope RUN = new RunScope();

  private final AtomicBoolean anyScenarioFailed = new AtomicBoolean();
  private final Object lock = new Object();
  private HarnessConfig config;
  private volatile StackUnderTest stack;
  private volatile DeployRunbook runbook;
  private RuntimeException startFailure;
  private volatile Thread shutdownHook;
  private final Map<Path, TerraformJobs> terraform = new HashMap<>();
  private final CompletableFuture<Void> interruptCleanup = new CompletableFuture<>();
  private volatile DeployRunbook closedRunbook;
  private final Object browserLock = new Object();
  private final List<Runnable> phaseListeners = new CopyOnWriteArrayList<>();
  private HeadlessChromium browser;

  /**
   * Set when the shutdown hook begins: scenario threads go on running while it tears down, and
   * whatever they would start after that (a stack, a deployment, a browser, Terraform) nobody would
   * close.
   */
  private volatile boolean shuttingDown;

  /** One per JVM ({@link #run()}); tests make their own. */
  RunScope() {}

  /** Remembered for {@code bdi.teardown=on-success}. */
  void scenarioFailed() {
    anyScenarioFailed.set(true);
  }

  static RunScope run() {
    return RUN;
  }

  HarnessConfig config() {
    synchronized (lock) {
      if (config == null) {
        config = HarnessConfig.fromSystem();
        LOG.info(config.describe());
      }
      return config;
    }
  }

  /**
   * The AWS deployment's runbook, prepared (preflight) on first call; a failed preflight is
   * remembered, so every later scenario fails at once with the same one-line cause.
   */
  DeployRunbook runbook() {
    synchronized (lock) {
      if (runbook == null) {
        HarnessConfig cfg = config();
        runbook = startOnce(() -> DeployRunbook.prepare(cfg, anyScenarioFailed::get));
        phaseListeners.forEach(runbook.clock()::onPhaseStart);
      }
      return runbook;
    }
  }

  Optional<DeployRunbook> preparedRunbook() {
    return Optional.ofNullable(runbook);
  }

  /**
   * The run's stack, started on first call. A failed start is remembered, so every later scenario
   * fails at once with the same one-line cause instead of trying (and waiting) again.
   */
  StackUnderTest stack() {
    refuseWhenShuttingDown("the stack"); // before the configuration is read; again under the lock
    if (config().target() == Target.AWS) {
      long started = System.nanoTime();
      StackUnderTest deployed = runbook().stack();
      synchronized (lock) {
        if (stack == null && !shuttingDown) {
          stack = deployed;
          LOG.info(
              "stack up in {} ms: {}",
              (System.nanoTime() - started) / 1_000_000,
              deployed.describe());
        }
      }
      return deployed;
    }
    synchronized (lock) {
      if (stack == null) {
        HarnessConfig cfg = config();
        long started = System.nanoTime();
        stack =
            startOnce(
                () ->
                    cfg.target() == Target.EMBEDDED
                        ? EmbeddedStack.start(cfg, SabotagedLayouts.embedded(cfg))
                        : ComposeStack.start(cfg, SabotagedLayouts.compose(cfg)));
        LOG.info(
            "stack up in {} ms: {}", (System.nanoTime() - started) / 1_000_000, stack.describe());
      }
      return stack;
    }
  }

  /**
   * Starts what {@code start} makes, under the lock, with the shutdown hook in place first. A
   * failed start is remembered: every later call fails at once with the same cause instead of
   * trying (and waiting) again.
   */
  private <T> T startOnce(Supplier<T> start) {
    refuseWhenShuttingDown("the stack");
    if (startFailure != null) {
      throw startFailure;
    }
    registerShutdownHook();
    try {
      return start.get();
    } catch (RuntimeException e) {
      startFailure = e;
      LOG.debug("the stack did not start; the cause, for a verbose run", e);
      throw e;
    }
  }

  /**
   * The Terraform checks of the configuration in {@code dir} (its reading, validate, its own
   * tests), started together on first call, once a run, and shared by every static scenario.
   *
   * @throws TerraformUnavailableException when there is no terraform binary
   */
  TerraformJobs terraformJobs(Path dir) {
    synchronized (lock) {
      TerraformJobs known = terraform.get(dir);
      if (known != null) {
        return known;
      }
      refuseWhenShuttingDown("Terraform's checks");
      HarnessConfig cfg = config();
      registerShutdownHook();
      TerraformCli cli =
          TerraformCli.configured(
              cfg.aws().terraformBinary(),
              System.getenv("PATH"),
              TerraformUnavailableException::new);
      TerraformJobs checks =
          TerraformJobs.start(
              cli,
              dir,
              Path.of("target", "terraform-checks", Long.toString(ProcessHandle.current().pid())),
              cfg.aws().pluginDir().map(Path::of),
              TerraformCache.in(cfg.aws().terraformCache()));
      terraform.put(dir, checks);
      return checks;
    }
  }

  /**
   * The run's browser, started on first call (one for every visitor of the run, each in a user
   * context of its own); started anew when it no longer answers.
   */
  HeadlessChromium browser() {
    synchronized (lock) {
      refuseWhenShuttingDown("the browser");
      registerShutdownHook();
    }
    // its own lock: a browser start (seconds) must not hold up the static scenarios beside it
    synchronized (browserLock) {
      refuseWhenShuttingDown("the browser");
      if (browser != null && !browser.answers()) {
        LOG.warn("[browser] the run's browser no longer answers: starting another");
        browser.close();
        browser = null;
      }
      if (browser == null) {
        browser = HeadlessChromium.start();
      }
      return browser;
    }
  }

  Optional<StackUnderTest> startedStack() {
    return Optional.ofNullable(stack);
  }

  /** Known only once registered: a signal before anything started leaves nothing to wait for. */
  private void registerShutdownHook() {
    if (shutdownHook == null) {
      Thread hook = new Thread(this::interrupted, "bdi-stack-cleanup");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException shutdownInProgress) {
        shuttingDown = true;
        throw new IllegalStateException(
            "the run is shutting down (SIGINT or SIGTERM) before anything was started: nothing"
                + " is started",
            shutdownInProgress);
      }
      shutdownHook = hook;
    }
  }

  /**
   * Called under the lock that guards what it starts, so a start either ends before the teardown
   * takes that lock (and is torn down) or refuses.
   */
  private void refuseWhenShuttingDown(String what) {
    if (shuttingDown) {
      throw new IllegalStateException(
          "the run is shutting down (SIGINT or SIGTERM): not starting "
              + what
              + ", which the teardown under way would never close");
    }
  }

  /** Ctrl-C or SIGTERM: stop what runs now (no lock a phase holds), then tear down. */
  void interrupted() {
    shuttingDown = true;
    try {
      DeployRunbook deploying = runbook;
      if (deploying != null) {
        deploying.cancel();
      }
      close();
    } catch (RuntimeException e) {
      LOG.error("the teardown after the interrupt had errors: {}", e.getMessage(), e);
    } finally {
      interruptCleanup.complete(null);
    }
  }

  /** {@code listener} runs each time a phase of this run's deployment starts. */
  void onDeployPhaseStart(Runnable listener) {
    phaseListeners.add(listener);
  }

  /**
   * The deploy phase running now, if a deployment is under way: for an interrupted run's report.
   */
  Optional<String> runningPhase() {
    return Optional.ofNullable(runbook)
        .flatMap(
            r ->
                r.clock().phases().stream()
                    .filter(p -> p.result() == PhaseClock.Result.RUNNING)
                    .map(PhaseClock.Phase::name)
                    .reduce((a, b) -> b));
  }

  /** How an interrupted run's own teardown went, as far as the report can wait for it. */
  enum InterruptTeardown {
    /** Nothing had been started, so there was nothing to tear down. */
    NOTHING_STARTED,
    ENDED,
    /** It was still going when the bound ran out. */
    NOT_ENDED
  }

  /**
   * Waits (at most {@code bound}) for the shutdown hook's teardown; at once when no hook was
   * registered (nothing was started).
   */
  InterruptTeardown awaitInterruptTeardown(Duration bound) {
    if (shutdownHook == null) {
      return InterruptTeardown.NOTHING_STARTED;
    }
    try {
      interruptCleanup.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return InterruptTeardown.ENDED;
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("the interrupted run's teardown did not end within {}", bound, e);
      return InterruptTeardown.NOT_ENDED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return InterruptTeardown.NOT_ENDED;
    }
  }

  /** The deployment the last close tore down, if any: its phase table and log, for the report. */
  Optional<DeployRunbook> closedRunbook() {
    return Optional.ofNullable(closedRunbook);
  }

  /**
   * Closes what was started: the deployment, the stack, Terraform's checks, the browser; safe to
   * call twice (after-all hook, then JVM exit). Each is closed even when one before it fails; the
   * first failure is thrown, the others suppressed in it.
   */
  void close() {
    List<RuntimeException> failures = new ArrayList<>();
    DeployRunbook deploying = runbook;
    if (deploying != null) {
      attempt(failures, deploying::close);
      closedRunbook = deploying;
    }
    synchronized (lock) {
      DeployRunbook prepared = runbook;
      if (prepared != null && prepared != deploying) {
        // prepared (under this lock) after this close read the field: none of it may run now
        if (shuttingDown) {
          attempt(failures, prepared::cancel);
        }
        attempt(failures, prepared::close);
        closedRunbook = prepared;
      }
      StackUnderTest closing = stack;
      stack = null;
      runbook = null;
      if (closing != null) {
        if (attempt(failures, closing::close)) {
          LOG.info("stack closed: {}", closing.describe());
        }
      }
      terraform.values().forEach(jobs -> attempt(failures, jobs::close));
      terraform.clear();
      synchronized (browserLock) {
        HeadlessChromium closingBrowser = browser;
        browser = null;
        if (closingBrowser != null) {
          attempt(failures, closingBrowser::close);
        }
      }
      config = null;
      startFailure = null;
      phaseListeners.clear();
      anyScenarioFailed.set(false);
      // last: a signal until now still finds the hook, which tears down whatever is left
      removeShutdownHook();
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  /** Whether {@code closing} ran without failing; its failure joins {@code failures}. */
  private static boolean attempt(List<RuntimeException> failures, Runnable closing) {
    try {
      closing.run();
      return true;
    } catch (RuntimeException e) {
      failures.add(e);
      return false;
    }
  }

  private void removeShutdownHook() {
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        shutdownHook = null;
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or about to (it finds nothing left to close); it stays known, so
        // an interrupted run's report waits for it
      }
    }
  }
}
