package dev.guestbook.harness.stack.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Before anything is created, through the docker CLI (Testcontainers' own start-up would try to
 * pull its helper images and hide why it failed): a Docker engine answers, {@code docker compose}
 * is v2, and every image the run will use — the compose services', the app image's base, and
 * Testcontainers' helpers — is on this machine or pullable. Fails in seconds with one line naming
 * each missing image and the setting that replaces it.
 */
final class ComposePreflight {

  private static final Duration QUICK = Duration.ofSeconds(20);

  /**
   * How long a pull of a missing image may take to show it can succeed: a registry that answers
   * starts sending layers within this; an unreachable one fails (or hangs) instead.
   */
  private static final Duration PULL_PROBE = Duration.ofSeconds(15);

  /** Testcontainers 2.0.5's helper images (RyukContainer, DockerClientFactory, ComposeDelegate). */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  static final String TINY_IMAGE = "alpine:3.17";
  static final String SOCAT_IMAGE = "alpine/socat:1.7.4.3-r0";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern FROM = Pattern.compile("(?im)^\\s*FROM\\s+(\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An image the run needs, and the setting that names a replacement for it. */
  record NeededImage(String name, String setting) {
    @Override
    public String toString() {
      return name + " (" + setting + ")";
    }
  }

  private final CommandRunner runner = CommandRunner.unlogged();

  static void check(ComposeLayout layout, Map<String, String> variables) {
    new ComposePreflight().run(layout, variables);
  }

  private void run(ComposeLayout layout, Map<String, String> variables) {
    CommandResult engine =
        runner.run(Command.of(QUICK, "docker", "version", "--format", "{{.Server.Version}}"));
    if (engine.ending() == CommandResult.Ending.NOT_STARTED) {
      throw fail("no `docker` command on the PATH: " + Text.firstLine(engine.output()));
    }
    if (!engine.ok()) {
      throw fail(
          "no Docker engine answers (DOCKER_HOST="
              + System.getenv("DOCKER_HOST")
              + "): "
              + Text.firstLine(engine.output())
              + "; start one, e.g. `sudo bash docker/install-docker.sh`");
    }
    CommandResult version =
        runner.run(Command.of(QUICK, "docker", "compose", "version", "--short"));
    String out = version.output().strip();
    if (!version.ok() || !out.matches("v?2\\..*")) {
      throw fail(
          "`docker compose` v2 is needed, `docker compose version --short` said: "
              + Text.firstLine(out));
    }
    List<NeededImage> needed = new ArrayList<>(composeImages(layout, variables));
    needed.addAll(testcontainersImages());
    List<CompletableFuture<Optional<NeededImage>>> probes =
        needed.stream()
            .distinct()
            .map(image -> CompletableFuture.supplyAsync(() -> unavailable(image)))
            .toList();
    List<NeededImage> missing =
        probes.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    if (!missing.isEmpty()) {
      throw fail(
          "image(s) not on this machine and no registry serves them: "
              + missing
              + "; build local ones with docker/offline-images.sh and `set -a; . docker/offline.env;"
              + " set +a`, or set the named variables");
    }
  }

  /** Empty when the image is here or a pull of it starts. */
  private Optional<NeededImage> unavailable(NeededImage image) {
    if (runner.run(Command.of(QUICK, "docker", "image", "inspect", image.name())).ok()) {
      return Optional.empty();
    }
    CommandResult pull = runner.run(Command.of(PULL_PROBE, "docker", "pull", image.name()));
    boolean started =
        pull.ok()
            || (pull.ending() == CommandResult.Ending.TIMED_OUT
                && pull.output().matches("(?s).*(Pulling fs layer|Downloading|Already exists).*"));
    return started ? Optional.empty() : Optional.of(image);
  }

  /**
   * The services' images and the app image's base, from {@code docker compose config} (resolved,
   * and raw for the variable each comes from).
   */
  static List<NeededImage> composeImages(ComposeLayout layout, Map<String, String> variables) {
    JsonNode resolved = config(layout, variables, false);
    JsonNode raw = config(layout, variables, true);
    List<NeededImage> images = new ArrayList<>();
    resolved
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              JsonNode rawService = raw.path("services").path(service.getKey());
              JsonNode build = service.getValue().path("build");
              if (build.isMissingNode()) {
                String image = service.getValue().path("image").asText();
                images.add(
                    new NeededImage(image, setting(rawService.path("image").asText(), image)));
              } else {
                images.addAll(baseImages(build, rawService.path("build")));
              }
            });
    return images;
  }

  private static List<NeededImage> baseImages(JsonNode build, JsonNode rawBuild) {
    Path dockerfile =
        Path.of(build.path("context").asText(".")).resolve(build.path("dockerfile").asText());
    String text;
    try {
      text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw fail("cannot read " + dockerfile + ": " + e.getMessage(), e);
    }
    List<NeededImage> images = new ArrayList<>();
    Matcher from = FROM.matcher(text);
    while (from.find()) {
      String image = from.group(1);
      Matcher arg = VARIABLE.matcher(image);
      if (arg.find()) {
        String name = arg.group(1);
        String value = build.path("args").path(name).asText();
        images.add(
            new NeededImage(value, setting(rawBuild.path("args").path(name).asText(), name)));
      } else {
        images.add(new NeededImage(image, dockerfile + " FROM"));
      }
    }
    return images;
  }

  private static String setting(String raw, String fallback) {
    Matcher variable = VARIABLE.matcher(raw);
    return variable.find() ? variable.group(1) : fallback;
  }

  private static JsonNode config(ComposeLayout layout, Map<String, String> variables, boolean raw) {
    List<String> argv = new ArrayList<>(List.of("docker", "compose"));
    layout.files().forEach(f -> argv.addAll(List.of("-f", f.toString())));
    argv.addAll(List.of("config", "--format", "json"));
    if (raw) {
      argv.add("--no-interpolate");
    }
    Command command = Command.of(QUICK, argv).parsingStdout();
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      command = command.withEnv(variable.getKey(), variable.getValue());
    }
    CommandResult result = CommandRunner.unlogged().run(command);
    if (!result.ok()) {
      throw fail("docker compose config: " + Text.firstLine(result.output()));
    }
    try {
      return JSON.readTree(result.output());
    } catch (IOException e) {
      throw fail("docker compose config printed no JSON: " + e.getMessage(), e);
    }
  }

  /** Ryuk (unless disabled), the start-up check's tiny image (unless checks are off), socat. */
  static List<NeededImage> testcontainersImages() {
    TestcontainersConfiguration tc = TestcontainersConfiguration.getInstance();
    List<NeededImage> images = new ArrayList<>();
    if (!Boolean.parseBoolean(tc.getEnvVarOrProperty("ryuk.disabled", "false"))) {
      images.add(
          new NeededImage(
              substituted(RYUK_IMAGE), "Testcontainers' Ryuk; TESTCONTAINERS_RYUK_DISABLED=true"));
    }
    if (!tc.isDisableChecks()) {
      images.add(
          new NeededImage(substituted(TINY_IMAGE), "TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE"));
    }
    images.add(new NeededImage(substituted(SOCAT_IMAGE), "TESTCONTAINERS_SOCAT_CONTAINER_IMAGE"));
    return images;
  }

  private static String substituted(String image) {
    return ImageNameSubstitutor.instance()
        .apply(DockerImageName.parse(image))
        .asCanonicalNameString();
  }

  private static StackStartException fail(String why) {
    return fail(why, null);
  }

  private static StackStartException fail(String why, Throwable cause) {
    return new StackStartException("compose target preflight: " + why, cause);
  }
}
