package dev.guestbook.harness.terraform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code terraform} (or {@code tofu}) command line, found on the PATH or named by {@code
 * bdi.terraform.binary}. Every call runs with {@code -no-color} and {@code -input=false} where the
 * subcommand takes it, in the given directory, with a timeout.
 */
public final class TerraformCli {

  /** What one command did. */
  public record Result(List<String> command, int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** init failed only because no provider could be fetched: no registry access and no mirror. */
    public boolean providerUnavailable() {
      return !ok()
          && command.contains("init")
          && (output.contains("Failed to query available provider packages")
              || output.contains("could not connect to registry")
              || output.contains("no such host")
              || output.contains("Failed to install provider"));
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " exited " + exitCode + ": " + output.strip();
    }
  }

  private final Path binary;

  private TerraformCli(Path binary) {
    this.binary = binary;
  }

  /**
   * The configured binary, else {@code terraform}, else {@code tofu} on the PATH; empty if none.
   */
  public static Optional<TerraformCli> find(String configured, String path) {
    List<String> candidates =
        configured == null || configured.isBlank()
            ? List.of("terraform", "tofu")
            : List.of(configured);
    for (String candidate : candidates) {
      Path direct = Path.of(candidate);
      if (candidate.contains(File.separator) && Files.isExecutable(direct)) {
        return Optional.of(new TerraformCli(direct));
      }
      for (String dir : Arrays.asList((path == null ? "" : path).split(File.pathSeparator))) {
        Path onPath = Path.of(dir.isEmpty() ? "." : dir, candidate);
        if (!dir.isEmpty() && Files.isExecutable(onPath)) {
          return Optional.of(new TerraformCli(onPath));
        }
      }
    }
    return Optional.empty();
  }

  public Path binary() {
    return binary;
  }

  /** {@code fmt -check -diff -recursive}: exit 0 when every file is formatted. */
  public Result fmtCheck(Path dir) {
    return run(dir, 60, "fmt", "-check", "-diff", "-recursive", "-no-color");
  }

  /**
   * {@code init -backend=false} then {@code validate}, on a copy of the module's {@code *.tf} files
   * in {@code workDir} (init writes {@code .terraform/} and a lock file, which do not belong in the
   * source tree). The AWS provider comes from {@code pluginDir} when given (an offline mirror,
   * {@code init -plugin-dir}), else from the registry.
   */
  public Result validate(Path module, Path workDir, Optional<Path> pluginDir) {
    try {
      Files.createDirectories(workDir);
      try (var files = Files.list(module)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tf")).toList()) {
          Files.copy(
              file,
              workDir.resolve(file.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      return new Result(List.of("copy", module.toString(), workDir.toString()), -1, e.toString());
    }
    List<String> init =
        new ArrayList<>(List.of("init", "-backend=false", "-input=false", "-no-color"));
    pluginDir.ifPresent(dir -> init.add("-plugin-dir=" + dir.toAbsolutePath()));
    Result initialized = run(workDir, 300, init.toArray(String[]::new));
    if (!initialized.ok()) {
      return initialized;
    }
    return run(workDir, 120, "validate", "-no-color");
  }

  /** {@code init} for a real deployment: per-run working directory, so per-run local state. */
  public Result init(Path workDir, Optional<Path> pluginDir, Path log) {
    List<String> args = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
    pluginDir.ifPresent(dir -> args.add("-plugin-dir=" + dir.toAbsolutePath()));
    return runWithRetries(workDir, 600, log, args);
  }

  /** {@code apply -auto-approve} with every variable passed explicitly as {@code -var}. */
  public Result apply(Path workDir, java.util.Map<String, String> variables, Path log) {
    return apply(workDir, variables, log, List.of());
  }

  /**
   * {@code apply} limited to {@code -target} addresses: how the ECR repository exists before the
   * image.
   */
  public Result apply(
      Path workDir, java.util.Map<String, String> variables, Path log, List<String> targets) {
    List<String> args =
        withVars(List.of("apply", "-input=false", "-no-color", "-auto-approve"), variables);
    targets.forEach(t -> args.add("-target=" + t));
    return runWithRetries(workDir, 3600, log, args);
  }

  /** {@code output -raw NAME}: one output's value. */
  public String output(Path workDir, String name) {
    Result result = run(workDir, 60, "output", "-no-color", "-raw", name);
    if (!result.ok() || result.output().isBlank()) {
      throw new TerraformConfigException("terraform output " + name + " failed: " + result);
    }
    return result.output().strip();
  }

  /** {@code destroy -auto-approve}, same variables as the apply. */
  public Result destroy(Path workDir, java.util.Map<String, String> variables, Path log) {
    return runWithRetries(
        workDir,
        3600,
        log,
        withVars(List.of("destroy", "-input=false", "-no-color", "-auto-approve"), variables));
  }

  /** {@code output -json}, parsed. */
  public TerraformOutputs outputs(Path workDir) {
    Result result = run(workDir, 60, "output", "-json", "-no-color");
    if (!result.ok()) {
      throw new TerraformConfigException("terraform output failed: " + result);
    }
    return TerraformOutputs.parse(result.output());
  }

  /** The raw {@code output -json} text. */
  public Result outputJson(Path workDir) {
    return run(workDir, 60, "output", "-json", "-no-color");
  }

  private static List<String> withVars(List<String> base, java.util.Map<String, String> variables) {
    List<String> args = new ArrayList<>(base);
    new java.util.TreeMap<>(variables).forEach((k, v) -> args.add("-var=" + k + "=" + v));
    return args;
  }

  /**
   * Runs, appending the output to {@code log}; retries (up to 3 tries) only when the output matches
   * a {@link TransientErrors known transient error}, and says so in the log.
   */
  Result runWithRetries(Path workDir, int timeoutSeconds, Path log, List<String> args) {
    Result result = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      result = run(workDir, timeoutSeconds, args.toArray(String[]::new));
      appendLog(log, result);
      Optional<String> transient_ =
          result.ok() ? Optional.empty() : TransientErrors.meaningOf(result.output());
      if (transient_.isEmpty()) {
        return result;
      }
      appendLog(log, "retrying (" + attempt + "/3): " + transient_.get());
    }
    return result;
  }

  private static void appendLog(Path log, Object text) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(
          log,
          text + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write terraform log " + log, e);
    }
  }

  Result run(Path dir, int timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("terraform-", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          return new Result(
              command,
              -1,
              "timed out after "
                  + timeoutSeconds
                  + " s: "
                  + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(
            command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Result(command, -1, "could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(command, -1, "interrupted");
    }
  }
}
