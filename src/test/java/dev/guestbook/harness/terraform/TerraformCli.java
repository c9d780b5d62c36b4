package dev.guestbook.harness.terraform;

import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.process.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code terraform} (or {@code tofu}) command line, found on the PATH or named by {@code
 * bdi.terraform.binary}, run through the harness's {@link CommandRunner}. Every call runs with
 * {@code -no-color} and {@code -input=false} where the subcommand takes it, in the given directory,
 * with a timeout; init, apply and destroy are retried only on {@link TransientErrors}.
 */
public final class TerraformCli {

  private static final Duration SHORT = Duration.ofSeconds(120);
  private static final Duration INIT = Duration.ofMinutes(10);
  private static final Duration APPLY = Duration.ofMinutes(60);
  private static final int TRIES = 3;

  /** Where a binary was looked for and not found, as every caller says it. */
  public static final String NOT_FOUND =
      "no terraform or tofu binary on the PATH (or bdi.terraform.binary)";

  private final Path binary;
  private final CommandRunner runner;
  private final Optional<ProviderServer> provider;

  private TerraformCli(Path binary, CommandRunner runner, Optional<ProviderServer> provider) {
    this.binary = binary;
    this.runner = runner;
    this.provider = provider;
  }

  /**
   * The configured binary, else {@code terraform}, else {@code tofu} on the PATH; empty if none.
   * Its output goes to no log until {@link #loggingTo} names a runner.
   */
  public static Optional<TerraformCli> find(String configured, String path) {
    List<String> candidates =
        configured == null || configured.isBlank()
            ? List.of("terraform", "tofu")
            : List.of(configured);
    return candidates.stream()
        .flatMap(candidate -> Executables.find(candidate, path).stream())
        .findFirst()
        .map(binary -> new TerraformCli(binary, CommandRunner.unlogged(), Optional.empty()));
  }

  /**
   * The binary {@code bdi.terraform.binary} names, else {@code terraform} or {@code tofu} on {@code
   * path}; none is {@code missing} applied to {@link #NOT_FOUND}.
   */
  public static <X extends RuntimeException> TerraformCli configured(
      Optional<String> binary, String path, Function<String, X> missing) {
    return find(binary.orElse(null), path).orElseThrow(() -> missing.apply(NOT_FOUND));
  }

  /** The same binary, its commands run (and logged, and cancelled) by {@code runner}. */
  public TerraformCli loggingTo(CommandRunner runner) {
    return new TerraformCli(binary, runner, provider);
  }

  /**
   * The same binary, its {@code terraform test} runs reattached to {@code server} (init, schema and
   * the rest start their provider as usual: init must still install it and write the lock file).
   */
  public TerraformCli testingWith(ProviderServer server) {
    return new TerraformCli(binary, runner, Optional.of(server));
  }

  /** The provider its {@code terraform test} runs reattach to, if any. */
  Optional<ProviderServer> keptProvider() {
    return provider;
  }

  public Path binary() {
    return binary;
  }

  /** init failed only because no provider could be fetched: no registry access and no mirror. */
  public static boolean providerUnavailable(CommandResult result) {
    String output = result.output();
    return !result.ok()
        && result.command().argv().contains("init")
        && (output.contains("Failed to query available provider packages")
            || output.contains("could not connect to registry")
            || output.contains("no such host")
            || output.contains("Failed to install provider"));
  }

  /** {@code fmt -check -diff -recursive}: exit 0 when every file is formatted. */
  public CommandResult fmtCheck(Path dir) {
    return run(dir, SHORT, "fmt", "-check", "-diff", "-recursive", "-no-color");
  }

  /**
   * {@code init -backend=false} then {@code validate}, on a copy of the module's {@code *.tf} files
   * in {@code workDir} (init writes {@code .terraform/} and a lock file, which do not belong in the
   * source tree). The AWS provider comes from {@code pluginDir} when given (an offline mirror,
   * {@code init -plugin-dir}), else from the registry.
   */
  public CommandResult validate(Path module, Path workDir, Optional<Path> pluginDir) {
    CommandResult initialized = initOffline(module, workDir, pluginDir);
    if (!initialized.ok()) {
      return initialized;
    }
    return validateInitialized(workDir);
  }

  /**
   * {@code init -backend=false} of a copy of the module in {@code workDir}: providers (from {@code
   * pluginDir} when given) and local modules, no state.
   */
  public CommandResult initOffline(Path module, Path workDir, Optional<Path> pluginDir) {
    copyConfiguration(module, workDir);
    List<String> init =
        new ArrayList<>(List.of("init", "-backend=false", "-input=false", "-no-color"));
    pluginDir.ifPresent(dir -> init.add("-plugin-dir=" + dir.toAbsolutePath()));
    return run(workDir, INIT, init.toArray(String[]::new));
  }

  /**
   * Copies a module's configuration: every file of it — {@code *.tf}, tests, templates, JSON,
   * archives, scripts, local modules — but never its state ({@code terraform.tfstate*}),
   * Terraform's cache ({@code .terraform/}), the lock file, or a {@code .git} directory. The
   * reading, {@code validate}, the configuration's own tests and the deploy all work on such a
   * copy, so a file that {@code templatefile()} or {@code file()} reads is there for each of them.
   */
  public static void copyConfiguration(Path module, Path workDir) {
    // a configuration reached through a symbolic link is copied from where the link points
    try (Stream<Path> files = Files.walk(module.toRealPath())) {
      Path root = module.toRealPath();
      Files.createDirectories(workDir);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = root.relativize(file);
        if (!belongsToConfiguration(relative)) {
          continue;
        }
        Path target = workDir.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + module + " to " + workDir, e);
    }
  }

  static boolean belongsToConfiguration(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".terraform") || name.equals(".git")) {
        return false;
      }
    }
    String name = relative.getFileName().toString();
    return !name.startsWith("terraform.tfstate") && !name.endsWith(".tfstate.backup");
  }

  /** {@code providers schema -json} in an initialised directory: every provider's schema. */
  public CommandResult providersSchema(Path workDir) {
    return runner.run(
        command(workDir, SHORT, List.of("providers", "schema", "-json")).parsingStdout());
  }

  /** {@code validate} in a directory that {@link #validate} or {@link #init} initialised. */
  public CommandResult validateInitialized(Path workDir) {
    return run(workDir, SHORT, "validate", "-no-color");
  }

  /**
   * {@code terraform test -json -verbose} of one test file, with {@code environment} added: every
   * run's plan or state comes back as one JSON line ({@code test_plan}, {@code test_state}).
   */
  public CommandResult testJson(
      Path workDir, String testDirectory, String file, Map<String, String> environment) {
    Command command =
        command(
                workDir,
                Duration.ofMinutes(5),
                List.of(
                    "test",
                    "-json",
                    "-verbose",
                    "-no-color",
                    "-test-directory=" + testDirectory,
                    "-filter=" + file))
            .parsingStdout();
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      command = command.withEnv(e.getKey(), e.getValue());
    }
    if (provider.isPresent()) {
      command = command.withEnv("TF_REATTACH_PROVIDERS", provider.get().reattachProviders());
    }
    return runner.run(command);
  }

  /**
   * {@code init} for a real deployment in the run's directory: local state there, or the remote
   * backend that {@code backendConfig} describes ({@code -backend-config=FILE} plus {@code
   * backendSettings}, e.g. the state key of this run).
   */
  public CommandResult init(
      Path workDir,
      Optional<Path> pluginDir,
      Optional<Path> backendConfig,
      Map<String, String> backendSettings) {
    List<String> args = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
    pluginDir.ifPresent(dir -> args.add("-plugin-dir=" + dir.toAbsolutePath()));
    backendConfig.ifPresent(
        file -> {
          args.add("-backend-config=" + file.toAbsolutePath());
          new TreeMap<>(backendSettings)
              .forEach((k, v) -> args.add("-backend-config=" + k + "=" + v));
        });
    return runWithRetries(workDir, INIT, args);
  }

  /**
   * How long apply and destroy wait for the state lock instead of failing at once: a lock held by a
   * run that is still stopping (its terraform finishing a call after SIGINT) is let go within
   * seconds; one a killed run left stays, and is the reaper's (see the AWS target's page).
   */
  static final String LOCK_TIMEOUT = "-lock-timeout=120s";

  /** {@code apply -auto-approve} with every variable passed explicitly as {@code -var}. */
  public CommandResult apply(Path workDir, Map<String, String> variables) {
    return apply(workDir, variables, List.of());
  }

  /**
   * {@code apply} limited to {@code -target} addresses: how the ECR repository exists before the
   * image.
   */
  public CommandResult apply(Path workDir, Map<String, String> variables, List<String> targets) {
    List<String> args =
        withVars(
            List.of("apply", "-input=false", "-no-color", "-auto-approve", LOCK_TIMEOUT),
            variables);
    targets.forEach(t -> args.add("-target=" + t));
    return runWithRetries(workDir, APPLY, args);
  }

  /** {@code destroy -auto-approve}, same variables as the apply. */
  public CommandResult destroy(Path workDir, Map<String, String> variables) {
    return runWithRetries(
        workDir,
        APPLY,
        withVars(
            List.of("destroy", "-input=false", "-no-color", "-auto-approve", LOCK_TIMEOUT),
            variables));
  }

  /** {@code output -raw NAME}: one output's value. */
  public String output(Path workDir, String name) {
    CommandResult result =
        runner.run(
            command(workDir, SHORT, List.of("output", "-no-color", "-raw", name)).parsingStdout());
    if (!result.ok() || result.output().isBlank()) {
      throw new TerraformConfigException(
          "terraform output " + name + " in " + workDir + ": " + result.describe(5));
    }
    return result.output().strip();
  }

  /** {@code output -json}, parsed. */
  public TerraformOutputs outputs(Path workDir) {
    return TerraformOutputs.parse(outputJson(workDir).output());
  }

  /** The raw {@code output -json} text; throws when terraform fails. */
  public CommandResult outputJson(Path workDir) {
    CommandResult result =
        runner.run(
            command(workDir, SHORT, List.of("output", "-json", "-no-color")).parsingStdout());
    if (!result.ok()) {
      throw new TerraformConfigException(
          "terraform output -json in " + workDir + ": " + result.describe(5));
    }
    return result;
  }

  /**
   * {@code terraform test}: the configuration's own {@code *.tftest.hcl} runs, against the mocked
   * provider they declare, in a directory {@link #validate} initialised.
   */
  public CommandResult test(Path workDir) {
    return run(workDir, Duration.ofMinutes(5), "test", "-no-color");
  }

  /** {@code state list}: the addresses in the state, one a line (none when there is no state). */
  public List<String> stateList(Path workDir) {
    CommandResult result =
        runner.run(command(workDir, SHORT, List.of("state", "list", "-no-color")).parsingStdout());
    if (!result.ok()) {
      if (result.output().contains("No state file was found")) {
        return List.of();
      }
      throw new TerraformConfigException(
          "terraform state list in " + workDir + ": " + result.describe(5));
    }
    return result.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** {@code show -json}: the state as Terraform reads it, for checks over every resource. */
  public String showJson(Path workDir) {
    CommandResult result =
        runner.run(command(workDir, SHORT, List.of("show", "-json", "-no-color")).parsingStdout());
    if (!result.ok()) {
      throw new TerraformConfigException(
          "terraform show -json in " + workDir + ": " + result.describe(5));
    }
    return result.output();
  }

  /** {@code state rm ADDRESS}: Terraform forgets a resource without touching it. */
  public CommandResult stateRemove(Path workDir, String address) {
    return run(workDir, SHORT, "state", "rm", "-no-color", address);
  }

  private static List<String> withVars(List<String> base, Map<String, String> variables) {
    List<String> args = new ArrayList<>(base);
    new TreeMap<>(variables).forEach((k, v) -> args.add("-var=" + k + "=" + v));
    return args;
  }

  private CommandResult runWithRetries(Path workDir, Duration timeout, List<String> args) {
    return runner.runWithRetries(
        command(workDir, timeout, args), TransientErrors::meaningOf, TRIES);
  }

  private CommandResult run(Path workDir, Duration timeout, String... args) {
    return runner.run(command(workDir, timeout, List.of(args)));
  }

  private Command command(Path workDir, Duration timeout, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(binary.toString());
    argv.addAll(args);
    // Terraform's own "please answer" prompts and colours never reach a non-interactive run.
    return Command.of(timeout, argv).in(workDir).withEnv("TF_IN_AUTOMATION", "1");
  }
}
