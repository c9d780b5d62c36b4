package dev.guestbook.harness.stack.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.terraform.TerraformCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's own directory, {@code target/deploy/<run-id>/}: its copy of {@code terraform/} (with the
 * remote backend and the endpoint's override where asked), its variables as {@code
 * terraform.tfvars.json} (so a kept run can be destroyed by hand or by the sweep), its log and its
 * phase table.
 */
final class RunDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Terraform's dependency lock file, committed in {@code terraform/}. */
  static final String LOCK_FILE = ".terraform.lock.hcl";

  private final Path runDir;
  private final Path tfDir;
  private final Map<String, String> variables = new LinkedHashMap<>();

  RunDirectory(String runId) {
    this(Path.of("target", "deploy"), runId);
  }

  /** A run's directory under {@code base} (tests keep theirs out of {@code target/deploy}). */
  RunDirectory(Path base, String runId) {
    this.runDir = base.resolve(runId).toAbsolutePath();
    this.tfDir = runDir.resolve("terraform");
  }

  Path terraform() {
    return tfDir;
  }

  Path log() {
    return runDir.resolve("run.log");
  }

  /** The variables every terraform command of the run gets, as they stand now. */
  Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  /** Sets a variable and saves them all. */
  void set(String name, String value) {
    variables.put(name, value);
    if (Files.isDirectory(tfDir)) {
      saveVariables();
    }
  }

  /** Copies the configuration in, adds the backend and what {@code endpoint} needs. */
  void prepare(Optional<Path> backendConfig, AwsEndpoint endpoint) {
    if (Files.exists(tfDir.resolve("terraform.tfstate"))) {
      LOG.info("[deploy] reusing the kept state in {}", tfDir);
    }
    copyConfiguration(backendConfig);
    try {
      endpoint.prepare(tfDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + tfDir, e);
    }
    saveVariables();
  }

  /**
   * Copies {@code terraform/} in, with its dependency lock file (the run installs the provider
   * version and hashes committed there) and the S3 backend block when there is a backend.
   */
  void copyConfiguration(Optional<Path> backendConfig) {
    TerraformCli.copyConfiguration(Path.of("terraform"), tfDir);
    try {
      Path lock = Path.of("terraform", LOCK_FILE);
      if (Files.exists(lock)) {
        Files.copy(lock, tfDir.resolve(LOCK_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
      if (backendConfig.isPresent()) {
        addRemoteBackend(tfDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + tfDir, e);
    }
  }

  /**
   * The variables every command of a run needs: where, which run, the prefix of its names, and the
   * image (a destroy does not read it, but needs every variable without a default).
   */
  static Map<String, String> runVariables(
      String region, String runId, String namePrefix, String image) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("region", region);
    variables.put("run_id", runId);
    variables.put("name_prefix", namePrefix);
    variables.put("image", image);
    return variables;
  }

  /** Each run's state under its own key: a kept run is found by its id from any machine. */
  static Map<String, String> backendKey(String namePrefix, String runId) {
    return Map.of("key", namePrefix + "/" + runId + "/terraform.tfstate");
  }

  /** The S3 backend block ({@code terraform/backend-s3.tf.example}) in a run's copy. */
  private static void addRemoteBackend(Path tfDir) throws IOException {
    Files.copy(
        Path.of("terraform", "backend-s3.tf.example"),
        tfDir.resolve("backend.tf"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Prints the phase table and saves it beside the log. */
  void savePhases(String table) {
    LOG.info("[deploy] phase timings of run {}\n{}", runDir.getFileName(), table);
    try {
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve("phases.txt"), table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("[deploy] could not save phases.txt in {}: {}", runDir, e.toString());
    }
  }

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
}
