package dev.guestbook.harness.stack.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task's {@code /tmp} as Fargate gives it, for the compose target. On Fargate (platform 1.4.0
 * and later) the task definition's {@code tmp} volume ({@code terraform/ecs.tf}) is a bind mount:
 * an empty directory owned by root, mode 0755 — not writable by the app's uid 10001 — unless the
 * image declares a {@code VOLUME} at the same absolute path as the mount's {@code containerPath}:
 * then the data there is copied into it, and AWS says its permissions "can be customized in the
 * Dockerfile" (its example changes the owner; that the mode is kept too is inferred, not
 * documented) — ECS developer guide, "Use bind mounts"; aws/containers-roadmap#938. Docker copies
 * an image's content, owner and mode into a volume whether or not the image declares {@code
 * VOLUME}, and the tmpfs the compose file had takes the image directory's mode (1777): either hides
 * the defect. So the harness builds the image first, reads its declared volumes, and mounts {@code
 * /tmp} with {@code nocopy} exactly where Fargate would not copy. {@code docker-compose.yml} reads
 * the decision from {@link #NOCOPY_VARIABLE}.
 */
final class FargateTmp {

  /** The compose variable for the web service's {@code /tmp} volume's {@code nocopy}. */
  static final String NOCOPY_VARIABLE = "WEB_TMP_NOCOPY";

  /**
   * The task definition's mount point ({@code containerPath} of the {@code tmp} volume): the path
   * the static rule {@code SecurityRules.appCannotChangeItsFilesystem} holds {@code
   * terraform/ecs.tf} to ({@code FargateTmpTest} keeps the two, and the Dockerfile's VOLUME,
   * equal).
   */
  static final String CONTAINER_PATH = "/tmp";

  static final String SERVICE = "web";

  /** A build from Docker's cache takes seconds; a cold one, a base image's layers and the jar. */
  private static final Duration BUILD = Duration.ofMinutes(5);

  private static final Duration QUICK = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FargateTmp() {}

  /**
   * Whether Fargate copies the image's content at {@code containerPath} into the task's bind mount:
   * only when the image declares a {@code VOLUME} at exactly that path.
   */
  static boolean copiesFromImage(Set<String> imageVolumes, String containerPath) {
    // exactly: AWS documents "the same" absolute path; a trailing slash or another spelling is not
    // documented to match, so it is taken not to (the scenario then goes red, not green)
    return imageVolumes.contains(containerPath);
  }

  /** The value of {@link #NOCOPY_VARIABLE} for an image that declares {@code imageVolumes}. */
  static String nocopy(Set<String> imageVolumes) {
    return Boolean.toString(!copiesFromImage(imageVolumes, CONTAINER_PATH));
  }

  /**
   * The volumes an image's configuration declares ({@code docker image inspect}'s Config.Volumes).
   */
  static Set<String> declaredVolumes(String configVolumesJson) {
    Set<String> volumes = new LinkedHashSet<>();
    try {
      JsonNode node = JSON.readTree(configVolumesJson);
      if (node != null && node.isObject()) {
        node.fieldNames().forEachRemaining(volumes::add);
      }
    } catch (IOException e) {
      throw new StackStartException(
          "compose target: the app image's volumes are not JSON: "
              + Text.firstLine(configVolumesJson),
          e);
    }
    return volumes;
  }

  /**
   * Builds the web service's image as {@code docker compose} will (same files, same variables),
   * under a project of its own whose name starts with {@code project} (so the stack's sweep removes
   * what a Ctrl-C leaves), reads the volumes it declares and removes the image again; the stack's
   * own {@code up --build} then builds from Docker's cache.
   */
  static Set<String> builtImageVolumes(
      ComposeLayout layout, Map<String, String> variables, String project) {
    CommandRunner runner = CommandRunner.unlogged();
    String probe = project + "-tmp-probe";
    String image = probe + "-" + SERVICE;
    List<String> argv = new ArrayList<>(List.of("docker", "compose", "-p", probe));
    layout.files().forEach(f -> argv.addAll(List.of("-f", f.toString())));
    argv.addAll(List.of("build", SERVICE));
    Command build = Command.of(BUILD, argv);
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      build = build.withEnv(variable.getKey(), variable.getValue());
    }
    try {
      CommandResult built = runner.run(build);
      if (!built.ok()) {
        throw new StackStartException(
            "compose target: the app image did not build: " + built.describe(5));
      }
      CommandResult inspected =
          runner.run(
              Command.of(
                      QUICK,
                      "docker",
                      "image",
                      "inspect",
                      "--format",
                      "{{json .Config.Volumes}}",
                      image)
                  .parsingStdout());
      if (!inspected.ok()) {
        throw new StackStartException(
            "compose target: cannot read the built image "
                + image
                + ": "
                + Text.firstLine(inspected.output()));
      }
      return declaredVolumes(inspected.output().strip());
    } finally {
      runner.run(Command.of(QUICK, "docker", "image", "rm", "--force", image));
    }
  }
}
