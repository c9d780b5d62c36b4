package dev.guestbook.harness.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the AWS target runs.
 *
 * @param region the region, if given ({@code bdi.aws.region}); else the SDK's region chain decides
 * @param endpoint an endpoint override for every AWS client and for Terraform's provider: an AWS
 *     API emulator ({@code bdi.aws.endpoint}); empty against AWS
 * @param registry a registry standing in for ECR when an emulator is used ({@code
 *     bdi.aws.registry}, e.g. {@code 127.0.0.1:5000})
 * @param teardown when the stack is destroyed
 * @param verbose progress on every poll instead of on changes only
 * @param terraformBinary {@code terraform} or {@code tofu} (or a path); empty: look on the PATH
 * @param pluginDir provider mirror for {@code terraform init -plugin-dir}
 * @param terraformCache where readings, validate and the configuration's own tests are kept by the
 *     hash of what they depend on ({@code bdi.terraform.cache-dir}); empty: never kept
 * @param backendConfig an S3 backend's settings for {@code terraform init -backend-config}, so the
 *     state outlives the machine ({@code bdi.terraform.backend-config}); empty: local state
 * @param dockerBinary the docker CLI ({@code bdi.docker.binary})
 * @param namePrefix Terraform's {@code name_prefix}: every name is {@code <prefix>-<run id>}
 * @param platform the task's platform, which the image is built for ({@code bdi.aws.platform})
 * @param rolloutTimeout how long the rollout may take
 * @param stopGrace how long terraform or docker get to stop after one SIGINT (Ctrl-C)
 * @param sweep the run id (or {@code all}) whose leftovers {@code SweepCommand} lists ({@code
 *     bdi.sweep}); empty: no sweep asked for
 * @param sweepDestroy whether the sweep first runs {@code terraform destroy} of that run's state
 *     ({@code bdi.sweep.destroy})
 */
public record AwsSettings(
    Optional<String> region,
    Optional<String> endpoint,
    Optional<String> registry,
    Teardown teardown,
    boolean verbose,
    Optional<String> terraformBinary,
    Optional<String> pluginDir,
    Optional<Path> terraformCache,
    Optional<Path> backendConfig,
    String dockerBinary,
    String namePrefix,
    Platform platform,
    Duration rolloutTimeout,
    Duration stopGrace,
    Optional<String> sweep,
    boolean sweepDestroy) {

  /** The defaults: region and credentials from the SDK's chains, teardown always. */
  public static AwsSettings defaults() {
    return new AwsSettings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Teardown.ALWAYS,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "docker",
        "guestbook",
        Platform.LINUX_AMD64,
        Duration.ofMinutes(20),
        Duration.ofMinutes(2),
        Optional.empty(),
        false);
  }

  /** True when the AWS APIs are an emulator's ({@code bdi.aws.endpoint}), not AWS's. */
  public boolean emulated() {
    return endpoint.isPresent();
  }

  /** {@code bdi.teardown}: always (default), on-success, never. */
  public enum Teardown {
    ALWAYS("always"),
    ON_SUCCESS("on-success"),
    NEVER("never");

    private final String key;

    Teardown(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Teardown parse(String value) {
      return SettingValues.parse("bdi.teardown", "policy", value, values(), Teardown::key);
    }
  }

  /**
   * {@code bdi.aws.platform}: what {@code docker build --platform} builds and what the task
   * definition's {@code runtime_platform} asks Fargate for. An image built for the laptop's arm64
   * does not start on x86 Fargate ({@code CannotPullContainerError ... platform}).
   */
  public enum Platform {
    LINUX_AMD64("linux/amd64", "X86_64"),
    LINUX_ARM64("linux/arm64", "ARM64");

    private final String docker;
    private final String fargate;

    Platform(String docker, String fargate) {
      this.docker = docker;
      this.fargate = fargate;
    }

    /** {@code docker build --platform} value. */
    public String docker() {
      return docker;
    }

    /** The task definition's {@code runtime_platform.cpu_architecture}. */
    public String fargateArchitecture() {
      return fargate;
    }

    public static Platform parse(String value) {
      return SettingValues.parse("bdi.aws.platform", "platform", value, values(), Platform::docker);
    }
  }
}
