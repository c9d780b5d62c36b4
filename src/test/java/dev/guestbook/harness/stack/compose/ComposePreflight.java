package dev.guestbook.harness.stack.compose;

import com.github.dockerjava.api.DockerClient;
import dev.guestbook.harness.stack.StackStartException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
    try {
      Process version =
          new ProcessBuilder("docker", "compose", "version", "--short")
              .redirectErrorStream(true)
              .start();
      String out = new String(version.getInputStream().readAllBytes()).strip();
      if (!version.waitFor(20, TimeUnit.SECONDS)
          || version.exitValue() != 0
          || !out.matches("v?2\\..*")) {
        throw new StackStartException(
            "compose target: `docker compose` v2 is needed, `docker compose version --short` said: "
                + out);
      }
    } catch (IOException e) {
      throw new StackStartException(
          "compose target: no `docker` command on the PATH: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException(
          "compose target: interrupted while checking `docker compose version`");
    }
    return DockerClientFactory.instance().client();
  }
}
