package dev.guestbook.harness.stack.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the compose target runs, as plain settings: the compose files (docker-compose.yml first,
 * then overlays) and the variables they are interpolated with ({@code WEB_REPLICAS}, {@code
 * WEB_REDISHOST}, the images).
 *
 * @param files compose files, in the order {@code docker compose -f} takes them
 * @param environment variables for the files' {@code ${...}} interpolation
 * @param deviation how this layout differs from the stack as built; empty for the stack as built
 */
public record ComposeLayout(
    List<Path> files, Map<String, String> environment, Optional<String> deviation) {

  public ComposeLayout {
    files = List.copyOf(files);
    environment = Map.copyOf(environment);
  }

  /** {@code docker-compose.yml} as it is. */
  public static ComposeLayout asBuilt() {
    return new ComposeLayout(List.of(Path.of("docker-compose.yml")), Map.of(), Optional.empty());
  }

  public ComposeLayout withFile(Path overlay) {
    return new ComposeLayout(
        Stream.concat(files.stream(), Stream.of(overlay)).toList(), environment, deviation);
  }

  public ComposeLayout withEnvironment(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(environment);
    changed.put(name, value);
    return new ComposeLayout(files, changed, deviation);
  }

  public ComposeLayout deviating(String description) {
    return new ComposeLayout(files, environment, Optional.of(description));
  }
}
