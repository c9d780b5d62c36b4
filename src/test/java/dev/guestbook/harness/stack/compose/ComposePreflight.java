package dev.guestbook.harness.stack.compose;

import com.github.dockerjava.api.DockerClient;
import dev.guestbook.harness.process.Command;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.process.CommandRunner;
import dev.guestbook.harness.stack.StackStartException;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;

/** Before anything is created: a Docker engine answers, and {@code docker compose} is v2. */
final class ComposePreflight {

  private ComposePreflight() {}

  static DockerClient dockerOrFail() {
    boolean available;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      available = false;
    }
    if (!available) {
      throw new StackStartException(
          "compose target: no Docker engine answers (DOCKER_HOST="
              + System.getenv("DOCKER_HOST")
              + "); start one, e.g. `sudo bash docker/install-docker.sh`");
    }
    CommandResult version =
        CommandRunner.unlogged()
            .run(Command.of(Duration.ofSeconds(20), "docker", "compose", "version", "--short"));
    if (version.ending() == CommandResult.Ending.NOT_STARTED) {
      throw new StackStartException(
          "compose target: no `docker` command on the PATH: " + version.output());
    }
    String out = version.output().strip();
    if (!version.ok() || !out.matches("v?2\\..*")) {
      throw new StackStartException(
          "compose target: `docker compose` v2 is needed, `docker compose version --short` said: "
              + out);
    }
    return DockerClientFactory.instance().client();
  }
}
