package dev.guestbook.harness.stack.compose;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.guestbook.harness.stack.RedisEndpoint;
import dev.guestbook.harness.stack.TaskHealth;
import dev.guestbook.harness.stack.TaskStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads container facts from docker-java, and turns them into the seam's task status (pure). */
final class ComposeFacts {

  private ComposeFacts() {}

  static ContainerFacts read(InspectContainerResponse info) {
    Map<String, String> env = new HashMap<>();
    String[] raw = info.getConfig() == null ? null : info.getConfig().getEnv();
    if (raw != null) {
      for (String pair : raw) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    var state = info.getState();
    String health =
        state == null || state.getHealth() == null
            ? ""
            : String.valueOf(state.getHealth().getStatus());
    String ip = "";
    if (info.getNetworkSettings() != null && info.getNetworkSettings().getNetworks() != null) {
      ip =
          info.getNetworkSettings().getNetworks().values().stream()
              .map(ContainerNetwork::getIpAddress)
              .filter(a -> a != null && !a.isEmpty())
              .findFirst()
              .orElse("");
    }
    String name = info.getName() == null ? info.getId() : info.getName().replaceFirst("^/", "");
    Long exit = state == null ? null : state.getExitCodeLong();
    return new ContainerFacts(
        info.getId(),
        name,
        info.getConfig() == null ? "" : String.valueOf(info.getConfig().getHostName()),
        state == null ? "unknown" : String.valueOf(state.getStatus()),
        exit == null ? 0 : exit,
        health,
        ComposeStack.lastHealthOutput(info),
        env,
        ip);
  }

  static TaskStatus task(InspectContainerResponse info, int port) {
    return task(read(info), port);
  }

  /** A web container as a task: health from docker's health check (the app's /healthz). */
  static TaskStatus task(ContainerFacts c, int port) {
    TaskHealth health;
    if (!c.running()) {
      health = TaskHealth.unhealthy("container " + c.state() + " with exit code " + c.exitCode());
    } else if ("healthy".equals(c.health())) {
      health = TaskHealth.healthy("docker health check: healthy (" + c.lastHealthOutput() + ")");
    } else if ("unhealthy".equals(c.health())) {
      health =
          TaskHealth.unhealthy(
              "docker health check: unhealthy, last output: " + c.lastHealthOutput());
    } else {
      health =
          new TaskHealth(
              TaskHealth.State.UNKNOWN,
              "docker health check: '" + c.health() + "' (" + c.lastHealthOutput() + ")");
    }
    RedisEndpoint redis =
        new RedisEndpoint(
            c.env().getOrDefault("REDISHOST", "(unset)"),
            Integer.parseInt(c.env().getOrDefault("REDISPORT", "6379")));
    Optional<URI> direct =
        c.ip().isEmpty()
            ? Optional.empty()
            : Optional.of(URI.create("http://" + c.ip() + ":" + port));
    return new TaskStatus(
        c.hostname(),
        c.running(),
        health,
        direct,
        redis,
        "container " + c.name() + " (" + c.id().substring(0, Math.min(12, c.id().length())) + ")");
  }

  static boolean healthy(InspectContainerResponse info) {
    ContainerFacts c = read(info);
    return c.running() && "healthy".equals(c.health());
  }

  static String describeState(InspectContainerResponse info) {
    ContainerFacts c = read(info);
    String text =
        c.state()
            + (c.running() ? "" : " (exit " + c.exitCode() + ")")
            + (c.health().isEmpty() ? "" : ", " + c.health());
    return c.lastHealthOutput().isEmpty() || "healthy".equals(c.health())
        ? text
        : text + ": " + c.lastHealthOutput();
  }
}
