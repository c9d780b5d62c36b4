package dev.guestbook.harness.terraform;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS provider of the plugin mirror, started once in its debug mode and kept running, so that
 * many {@code terraform test} runs in a row reattach to it ({@code TF_REATTACH_PROVIDERS}) instead
 * of each starting the 700 MB binary and loading its schema again (3.5 s → 1.5 s for one reading's
 * apply run, measured). One server serves one reading at a time; a reading set runs one per thread.
 * Terraform configures it anew on every run, as it would a fresh process.
 *
 * <p>The binary runs under a shell that kills it when this JVM's end of its stdin closes: on {@link
 * #close}, and when the JVM dies in any way (Ctrl-C, SIGTERM, SIGKILL), so no server outlives the
 * run.
 */
public final class ProviderServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderServer.class);

  /** How the provider's debug mode says where it listens. */
  private static final Pattern REATTACH = Pattern.compile("TF_REATTACH_PROVIDERS='([^']+)'");

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(10);

  /**
   * Runs the provider and waits for it; a reader kills it when stdin closes (this JVM closed it or
   * died), a signal to the shell kills it too, and the shell ends when the provider does.
   */
  private static final String WATCHDOG =
      "exec 3<&0\n"
          + "\"$0\" -debug </dev/null & p=$!\n"
          // a background list's stdin is /dev/null unless redirected: the reader reads fd 3
          + "( read -r _ <&3; kill $p 2>/dev/null ) & r=$!\n"
          + "trap 'kill $p $r 2>/dev/null; exit 0' TERM INT HUP\n"
          + "wait $p\n"
          + "kill $r 2>/dev/null\n";

  private final Process process;
  private final Path log;
  private final String reattach;
  private final PlanTimeAws aws;

  private ProviderServer(Process process, Path log, String reattach, PlanTimeAws aws) {
    this.process = process;
    this.log = log;
    this.reattach = reattach;
    this.aws = aws;
  }

  /** The AWS provider's binary in a plugin mirror laid out as {@code terraform init} reads it. */
  static Optional<Path> awsBinary(Path pluginDir) {
    Path provider = pluginDir.resolve("registry.terraform.io/hashicorp/aws");
    if (!Files.isDirectory(provider)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(provider, 3)) {
      List<Path> binaries =
          files
              .filter(f -> f.getFileName().toString().startsWith("terraform-provider-aws"))
              .filter(Files::isExecutable)
              .sorted()
              .toList();
      // a mirror with several versions: which one a configuration wants is init's to choose
      return binaries.size() == 1 ? Optional.of(binaries.get(0)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin mirror " + pluginDir, e);
    }
  }

  /**
   * Starts the mirror's AWS provider and waits (bounded) until it says where it listens; empty when
   * the mirror does not hold exactly one AWS provider (the readings then start theirs as usual).
   */
  public static Optional<ProviderServer> start(Path pluginDir, Path log) {
    Optional<Path> binary = awsBinary(pluginDir);
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    // the provider calls AWS from its own process: the plan-time stub is its endpoint for good
    PlanTimeAws aws = PlanTimeAws.start();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder("sh", "-c", WATCHDOG, binary.get().toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("AWS_ENDPOINT_URL", aws.url());
      builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      // a CA bundle breaks the provider's second configuration ("unable to add custom RootCAs
      // HTTPClient"); the stub speaks plain HTTP and needs none
      builder.environment().remove("AWS_CA_BUNDLE");
      process = builder.start();
    } catch (IOException e) {
      aws.close();
      throw new UncheckedIOException("cannot start the AWS provider " + binary.get(), e);
    }
    try {
      String reattach =
          await("the AWS provider " + binary.get() + " listening in debug mode")
              .atMost(START)
              .pollInterval(Duration.ofMillis(100))
              .failFast("the AWS provider exited", () -> !process.isAlive())
              .until(() -> reattachLine(log), Optional::isPresent)
              .orElseThrow();
      LOG.info("[terraform] AWS provider kept running for the readings (pid {})", process.pid());
      return Optional.of(new ProviderServer(process, log, reattach, aws));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      stop(process);
      aws.close();
      throw new IllegalStateException(
          "the AWS provider "
              + binary.get()
              + " did not say where it listens within "
              + START.toSeconds()
              + " s; its log "
              + log
              + ": "
              + lastLine(log),
          e);
    }
  }

  static Optional<String> reattachLine(Path log) {
    try {
      Matcher m = REATTACH.matcher(Files.readString(log, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** What {@code terraform} needs in its environment to use this server. */
  public String reattachProviders() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the AWS provider kept for the readings has exited; its log "
              + log
              + ": "
              + lastLine(log));
    }
    return reattach;
  }

  /** The plan-time AWS stub this provider calls (its refusals name what a plan needed). */
  PlanTimeAws aws() {
    return aws;
  }

  @Override
  public void close() {
    stop(process);
    aws.close();
  }

  private static void stop(Process process) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
      }
    } catch (IOException e) {
      kill(process);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
    }
  }

  /** The provider first: once its shell is gone, nothing else would stop it. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "(empty)" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
