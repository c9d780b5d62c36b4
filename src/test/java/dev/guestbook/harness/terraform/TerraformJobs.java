package dev.guestbook.harness.terraform;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Terraform jobs the static checks read, for one configuration — Terraform's reading of it (as
 * it is, and with a certificate given), {@code validate}, and its own {@code terraform test} —
 * started together, each in its own copy, so that they run side by side (each is mostly one CPU for
 * several seconds) instead of one after the other on the static scenarios' thread. Each is awaited
 * where a step needs it; closing cancels what still runs.
 */
public final class TerraformJobs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TerraformJobs.class);

  private final CommandRunner runner = CommandRunner.unlogged();
  private final Path dir;
  private final ExecutorService pool;
  private final CompletableFuture<TerraformReading> reading;
  private final CompletableFuture<TerraformReading> withCertificate;
  private final CompletableFuture<CommandResult> validate;
  private final CompletableFuture<CommandResult> ownTests;

  private TerraformJobs(
      TerraformCli found, Path dir, Path work, Optional<Path> pluginDir, TerraformCache cache) {
    this.dir = dir;
    TerraformCli cli = found.loggingTo(runner);
    pool =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "bdi-terraform-job");
              thread.setDaemon(true);
              return thread;
            });
    reading =
        start(
            "reading",
            () ->
                OfflineReading.read(cli, dir, work.resolve("terraform-reading"), pluginDir, cache));
    withCertificate =
        start(
            "reading with a certificate",
            () ->
                OfflineReading.read(
                    cli,
                    dir,
                    work.resolve("terraform-reading-certificate"),
                    pluginDir,
                    cache,
                    OfflineReading.WITH_CERTIFICATE));
    validate =
        start(
            "validate",
            () ->
                kept(
                    cache,
                    "validate",
                    cli,
                    pluginDir,
                    () -> cli.validate(dir, work.resolve("terraform-validate"), pluginDir)));
    ownTests =
        start(
            "terraform test",
            () ->
                kept(
                    cache,
                    "test",
                    cli,
                    pluginDir,
                    () -> ownTests(cli, dir, work.resolve("terraform-test"), pluginDir)));
  }

  /**
   * {@code terraform test} of the configuration's own {@code *.tftest.hcl}, after an offline init.
   */
  private static CommandResult ownTests(
      TerraformCli cli, Path dir, Path tests, Optional<Path> pluginDir) {
    CommandResult init = cli.initOffline(dir, tests, pluginDir);
    return init.ok() ? cli.test(tests) : init;
  }

  /**
   * Starts the three checks of {@code dir}, working under {@code work}; what {@code cache} kept of
   * the same configuration, binary and provider is taken instead of run again.
   */
  public static TerraformJobs start(
      TerraformCli cli, Path dir, Path work, Optional<Path> pluginDir, TerraformCache cache) {
    return new TerraformJobs(cli, dir, work, pluginDir, cache);
  }

  /**
   * A check's result from the cache, else run and kept when it passed: a failure is always run
   * again, so what it prints is never stale.
   */
  private CommandResult kept(
      TerraformCache cache,
      String kind,
      TerraformCli cli,
      Optional<Path> pluginDir,
      Supplier<CommandResult> check) {
    String key = cache.key(kind, dir, cli.binary(), pluginDir);
    Optional<String> output = cache.get(kind, key, dir);
    if (output.isPresent()) {
      return new CommandResult(
          Command.of(Duration.ZERO, cli.binary().toString(), kind, "(cached)"),
          0,
          output.get(),
          Duration.ZERO,
          CommandResult.Ending.EXITED);
    }
    CommandResult result = check.get();
    if (result.ok()) {
      cache.put(kind, key, result.output());
    }
    return result;
  }

  private <T> CompletableFuture<T> start(String what, Supplier<T> check) {
    return CompletableFuture.supplyAsync(
        () -> {
          long started = System.nanoTime();
          try {
            return check.get();
          } finally {
            LOG.info(
                "terraform check '{}' of {} ended after {} ms",
                what,
                dir,
                (System.nanoTime() - started) / 1_000_000);
          }
        },
        pool);
  }

  /**
   * Terraform's reading; throws what the reading threw ({@link TerraformUnavailableException},
   * {@link TerraformConfigException}).
   */
  public TerraformReading reading() {
    return await(reading);
  }

  /**
   * Terraform's reading with {@code var.certificate_arn} given ({@link
   * OfflineReading#WITH_CERTIFICATE}).
   */
  public TerraformReading readingWithCertificate() {
    return await(withCertificate);
  }

  /** {@code init -backend=false} + {@code validate} of a copy: init's result if init failed. */
  public CommandResult validate() {
    return await(validate);
  }

  /** {@code init} + {@code terraform test} of a copy: init's result if init failed. */
  public CommandResult ownTests() {
    return await(ownTests);
  }

  private static <T> T await(CompletableFuture<T> check) {
    try {
      return check.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Stops what still runs (SIGINT, then harder) and the threads. */
  @Override
  public void close() {
    runner.cancel();
    pool.shutdownNow();
  }
}
