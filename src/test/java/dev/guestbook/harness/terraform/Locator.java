package dev.guestbook.harness.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a resource is declared, for messages only: Terraform's JSON carries no source positions, so
 * the {@code resource "type" "name"} headers of the configuration's files (its local modules
 * included) are indexed. Nothing is judged from this text; a header it cannot find just leaves the
 * message with the directory instead of a file and line.
 */
final class Locator {

  private static final Pattern HEADER =
      Pattern.compile("^\\s*resource\\s+\"([A-Za-z0-9_-]+)\"\\s+\"([A-Za-z0-9_-]+)\"");

  private final Path dir;
  private final Map<String, List<Location>> headers;

  private Locator(Path dir, Map<String, List<Location>> headers) {
    this.dir = dir;
    this.headers = headers;
  }

  static Locator of(Path dir) {
    Map<String, List<Location>> headers = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().endsWith(".tf"))
              .filter(f -> !f.toString().contains(".terraform"))
              .sorted()
              .toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = HEADER.matcher(lines.get(i));
          if (m.find()) {
            headers
                .computeIfAbsent(m.group(1) + "." + m.group(2), k -> new ArrayList<>())
                .add(new Location(file, i + 1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration in " + dir, e);
    }
    return new Locator(dir, headers);
  }

  /** The declaration of {@code address}: in the root module's files unless it is in a module. */
  Location declaration(String address, String type, String name) {
    List<Location> found = headers.getOrDefault(type + "." + name, List.of());
    boolean inModule = address.startsWith("module.");
    return found.stream()
        .filter(l -> l.file().getParent().equals(dir) != inModule)
        .findFirst()
        .or(() -> found.stream().findFirst())
        .orElse(new Location(dir, 0));
  }
}
