package dev.guestbook.harness.stack.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the compose target runs, as plain settings: the compose files (docker-compose.yml first,
 * then overlays), the variables they are interpolated with, and the replicas of each scaled
 * service.
 *
 * @param files compose files, in the order {@code docker compose -f} takes them
 * @param environment variables for the files' {@code ${...}} interpolation
 * @param scale service → number of replicas ({@code docker compose up --scale})
 * @param deviation how this layout differs from the stack as built; empty for the stack as built
 */
public record ComposeLayout(
    List<Path> files,
    Map<String, String> environment,
    Map<String, Integer> scale,
    Optional<String> deviation) {

  public ComposeLayout {
    files = List.copyOf(files);
    environment = Map.copyOf(environment);
    scale = Map.copyOf(scale);
  }

  /** {@code docker-compose.yml} as it is. */
  public static ComposeLayout asBuilt() {
    return new ComposeLayout(
        List.of(Path.of("docker-compose.yml")), Map.of(), Map.of(), Optional.empty());
  }

  public ComposeLayout withFile(Path overlay) {
    return new ComposeLayout(
        Stream.concat(files.stream(), Stream.of(overlay)).toList(), environment, scale, deviation);
  }

  public ComposeLayout withEnvironment(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(environment);
    changed.put(name, value);
    return new ComposeLayout(files, changed, scale, deviation);
  }

  public ComposeLayout withScaledService(String service, int replicas) {
    Map<String, Integer> changed = new LinkedHashMap<>(scale);
    changed.put(service, replicas);
    return new ComposeLayout(files, environment, changed, deviation);
  }

  public ComposeLayout deviating(String description) {
    return new ComposeLayout(files, environment, scale, Optional.of(description));
  }
}
