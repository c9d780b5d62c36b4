package dev.guestbook.harness.steps;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Target;
import dev.guestbook.harness.stack.StackUnderTest;
import dev.guestbook.harness.stack.aws.AwsStack;
import dev.guestbook.harness.stack.compose.ComposeStack;
import dev.guestbook.harness.stack.embedded.EmbeddedStack;

/**
 * The one object that lives for a whole run. Cucumber builds glue afresh for every scenario, but a
 * stack takes seconds (locally) to many minutes (AWS) to build, so it is started once, on first
 * use, and closed by the {@code @AfterAll} hook or, on Ctrl-C or SIGTERM, by a JVM shutdown hook
 * that is registered before anything is started. This is the project's only static state, on
 * purpose.
 */
final class RunScope {

  private static final RunScope RUN = new RunScope();

  private final java.util.concurrent.atomic.AtomicBoolean anyScenarioFailed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Object lock = new Object();
  private HarnessConfig config;
  private StackUnderTest stack;
  private RuntimeException startFailure;
  private Thread shutdownHook;

  private RunScope() {}

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
        System.out.println(config.describe());
      }
      return config;
    }
  }

  /**
   * The run's stack, started on first call. A failed start is remembered, so every later scenario
   * fails at once with the same one-line cause instead of trying (and waiting) again.
   */
  StackUnderTest stack() {
    synchronized (lock) {
      if (stack != null) {
        return stack;
      }
      if (startFailure != null) {
        throw startFailure;
      }
      HarnessConfig cfg = config();
      shutdownHook = new Thread(this::close, "bdi-stack-cleanup");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      long started = System.nanoTime();
      try {
        stack = startStack(cfg);
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      System.out.printf(
          "stack up in %d ms: %s%n", (System.nanoTime() - started) / 1_000_000, stack.describe());
      return stack;
    }
  }

  java.util.Optional<StackUnderTest> startedStack() {
    synchronized (lock) {
      return java.util.Optional.ofNullable(stack);
    }
  }

  /** Closes the stack, if one was started; safe to call twice (after-all hook, then JVM exit). */
  void close() {
    synchronized (lock) {
      if (stack != null) {
        StackUnderTest closing = stack;
        stack = null;
        closing.close();
        System.out.println("stack closed: " + closing.describe());
      }
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // the hook is running or about to: it will find nothing left to close
        }
        shutdownHook = null;
      }
      config = null;
      startFailure = null;
      anyScenarioFailed.set(false);
    }
  }

  private StackUnderTest startStack(HarnessConfig config) {
    if (config.target() == Target.EMBEDDED) {
      return EmbeddedStack.start(config);
    }
    if (config.target() == Target.COMPOSE) {
      return ComposeStack.start(config);
    }
    return AwsStack.start(config, anyScenarioFailed::get);
  }
}
