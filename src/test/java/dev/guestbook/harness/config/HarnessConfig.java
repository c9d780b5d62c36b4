package dev.guestbook.harness.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the harness is told, resolved once: system property, then environment variable ({@code
 * bdi.app.jar} → {@code BDI_APP_JAR}), then default. {@link #sources()} says where each value came
 * from, for the log line at the start of a run.
 *
 * @param target which stack the specs run against
 * @param runId unique id put in every name and tag this run creates
 * @param appJar the guestbook jar built by {@code mvn package}
 * @param workDir where logs of this run's processes go
 * @param sabotage a deliberately broken stack, for proving the specs fail ({@code none} normally)
 * @param expectedTasks how many tasks the stack is built to run
 * @param embeddedRedisPort fixed Redis port for the embedded target, 0 for a free one
 * @param startupTimeout how long a stack may take to come up
 * @param aws settings of the AWS target
 * @param sources key → where its value came from
 */
public record HarnessConfig(
    Target target,
    String runId,
    Path appJar,
    Path workDir,
    Sabotage sabotage,
    int expectedTasks,
    int embeddedRedisPort,
    Duration startupTimeout,
    AwsSettings aws,
    Map<String, String> sources) {

  /** The setting that breaks the stack on purpose; the sabotage checks set it per run. */
  public static final String SABOTAGE = "bdi.sabotage";

  /** The same rule as {@code var.name_prefix}'s validation in {@code terraform/variables.tf}. */
  private static final Pattern NAME_PREFIX = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public HarnessConfig {
    sources = Map.copyOf(sources);
  }

  public static HarnessConfig fromSystem() {
    Map<String, String> properties = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return resolve(properties, System.getenv());
  }

  /**
   * Only {@code bdi.target}, resolved like the rest (for test discovery, before the run's other
   * settings are checked).
   */
  public static Target targetFromSystem() {
    Map<String, String> properties = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return Target.parse(new Resolver(properties, System.getenv()).get("bdi.target", "embedded"));
  }

  public static HarnessConfig resolve(Map<String, String> properties, Map<String, String> env) {
    return resolve(properties, env, true);
  }

  /**
   * The same, for the commands that start no stack (the reaper, the sweep): they run from a
   * checkout where nothing was packaged, so no app jar is asked for.
   */
  public static HarnessConfig resolveWithoutApp(
      Map<String, String> properties, Map<String, String> env) {
    return resolve(properties, env, false);
  }

  private static HarnessConfig resolve(
      Map<String, String> properties, Map<String, String> env, boolean needsApp) {
    Resolver r = new Resolver(properties, env);
    Target target = Target.parse(r.get("bdi.target", "embedded"));
    String runId = r.get("bdi.run-id", newRunId());
    RunIdRule.problem(runId)
        .ifPresent(
            why -> {
              throw new HarnessConfigException(
                  "bdi.run-id: '" + runId + "' " + why + " (it goes into resource names)");
            });
    Path appJar = Path.of(r.get("bdi.app.jar", "target/guestbook-app.jar"));
    Path workDir = Path.of(r.get("bdi.work-dir", "target/stack-logs")).resolve(runId);
    Sabotage sabotage = Sabotage.parse(r.get(SABOTAGE, "none"));
    int redisPort = r.number("bdi.embedded.redis-port", 0, 0, 65535);
    Duration startup = Duration.ofSeconds(r.number("bdi.startup-timeout-seconds", 60, 1, 3600));
    AwsSettings aws = aws(r);
    if (needsApp && !Files.isRegularFile(appJar)) {
      throw new HarnessConfigException(
          "bdi.app.jar: no app jar at "
              + appJar.toAbsolutePath()
              + " (run `mvn package` first, or point bdi.app.jar at it)");
    }
    return new HarnessConfig(
        target, runId, appJar, workDir, sabotage, 2, redisPort, startup, aws, r.sources);
  }

  private static AwsSettings aws(Resolver r) {
    Optional<String> endpoint = r.optional("bdi.aws.endpoint");
    Optional<Path> backend = r.optional("bdi.terraform.backend-config").map(Path::of);
    backend
        .filter(file -> !Files.isRegularFile(file))
        .ifPresent(
            file -> {
              throw new HarnessConfigException(
                  "bdi.terraform.backend-config: no file at " + file.toAbsolutePath());
            });
    String prefix = r.get("bdi.aws.name-prefix", "guestbook");
    if (prefix.length() < 2 || prefix.length() > 12 || !NAME_PREFIX.matcher(prefix).matches()) {
      throw new HarnessConfigException(
          "bdi.aws.name-prefix: '"
              + prefix
              + "' must be 2-12 lower-case letters, digits and single '-', starting with a letter"
              + " and not ending with '-'");
    }
    // An emulator runs no tasks: its rollout is over as soon as that is plain, not after 20 min.
    int rolloutDefault = endpoint.isPresent() ? 20 : 1200;
    return new AwsSettings(
        r.optional("bdi.aws.region"),
        endpoint,
        r.optional("bdi.aws.registry"),
        AwsSettings.Teardown.parse(r.get("bdi.teardown", "always")),
        Boolean.parseBoolean(r.get("bdi.verbose", "false")),
        r.optional("bdi.terraform.binary"),
        r.optional("bdi.terraform.plugin-dir"),
        terraformCache(r),
        backend,
        r.get("bdi.docker.binary", "docker"),
        prefix,
        AwsSettings.Platform.parse(r.get("bdi.aws.platform", "linux/amd64")),
        Duration.ofSeconds(r.number("bdi.aws.rollout-timeout-seconds", rolloutDefault, 5, 7200)),
        Duration.ofSeconds(r.number("bdi.aws.stop-grace-seconds", 120, 1, 1800)),
        r.optional("bdi.sweep"),
        Boolean.parseBoolean(r.get("bdi.sweep.destroy", "false")));
  }

  /**
   * The Terraform cache: {@code bdi.terraform.cache-dir}, else the user's cache directory ({@code
   * $XDG_CACHE_HOME}, else {@code ~/.cache}) {@code /guestbook-stack-spec/terraform}; {@code off}
   * keeps nothing.
   */
  private static Optional<Path> terraformCache(Resolver r) {
    String base =
        Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
            .filter(v -> !v.isBlank())
            .orElse(System.getProperty("user.home") + "/.cache");
    String dir = r.get("bdi.terraform.cache-dir", base + "/guestbook-stack-spec/terraform");
    return dir.equals("off") ? Optional.empty() : Optional.of(Path.of(dir));
  }

  /** One line for the log: each value with where it came from. */
  public String describe() {
    StringBuilder line = new StringBuilder("harness config:");
    sources.forEach((key, source) -> line.append(' ').append(key).append(source));
    return line.toString();
  }

  private static String newRunId() {
    String stamp =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT));
    return "gb-"
        + stamp
        + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
  }

  private static final class Resolver {
    private final Map<String, String> properties;
    private final Map<String, String> env;
    private final Map<String, String> sources = new LinkedHashMap<>();

    Resolver(Map<String, String> properties, Map<String, String> env) {
      this.properties = properties;
      this.env = env;
    }

    String get(String key, String fallback) {
      String envKey = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      String value = blankToNull(properties.get(key));
      String source = "(system property)";
      if (value == null) {
        value = blankToNull(env.get(envKey));
        source = "(env " + envKey + ")";
      }
      if (value == null) {
        value = fallback;
        source = "(default)";
      }
      sources.put(key, "=" + value + " " + source);
      return value;
    }

    Optional<String> optional(String key) {
      String value = get(key, "");
      return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int number(String key, int fallback, int min, int max) {
      String raw = get(key, Integer.toString(fallback));
      Function<String, HarnessConfigException> bad =
          why -> new HarnessConfigException(key + ": '" + raw + "' " + why);
      int value;
      try {
        value = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw new HarnessConfigException(key + ": '" + raw + "' is not a whole number", e);
      }
      if (value < min || value > max) {
        throw bad.apply("must be between " + min + " and " + max);
      }
      return value;
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }
}
