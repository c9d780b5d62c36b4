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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a resource is declared, for messages only: Terraform's JSON carries no source positions, so
 * the {@code resource "type" "name"} headers of the configuration's files (its local modules
 * included) are indexed. Nothing is judged from this text; a header it cannot find just leaves the
 * message with the directory instead of a file and line. The {@code data "type" "name"} headers are
 * indexed too: they say which data sources the reading gives values to.
 */
final class Locator {

  private static final Pattern HEADER =
      Pattern.compile("^\\s*(resource|data)\\s+\"([A-Za-z0-9_-]+)\"\\s+\"([A-Za-z0-9_-]+)\"");

  /**
   * A {@code data "type" "name"} block, in the module directory {@code moduleDir} (relative to the
   * configuration, {@code ""} for the root).
   */
  record DataSource(String moduleDir, String type, String name) {}

  private final Path dir;
  private final Map<String, List<Location>> headers;
  private final List<DataSource> dataSources;
  private final Map<String, String> modules;

  private Locator(
      Path dir,
      Map<String, List<Location>> headers,
      List<DataSource> dataSources,
      Map<String, String> modules) {
    this.dir = dir;
    this.headers = headers;
    this.dataSources = List.copyOf(dataSources);
    this.modules = Map.copyOf(modules);
  }

  /**
   * The same index, knowing which directory each module call uses ({@code modules.json}'s key →
   * directory), so that two modules declaring {@code aws_security_group.default} are told apart.
   */
  Locator withModules(Map<String, String> modules) {
    return new Locator(dir, headers, dataSources, modules);
  }

  /**
   * The addresses of every data source declared in the module directories Terraform installed:
   * {@code modules} is {@code .terraform/modules/modules.json}'s key (e.g. {@code a.b}) →
   * directory. A data source in a module called with {@code count} or {@code for_each} has instance
   * keys this text cannot know: its address here has none, and the reading learns the real ones
   * from the plan's errors.
   */
  List<String> dataAddresses(Map<String, String> modules) {
    List<String> out = new ArrayList<>();
    modules.forEach(
        (key, moduleDir) -> {
          String prefix =
              key.isEmpty()
                  ? ""
                  : Stream.of(key.split("\\."))
                      .map(k -> "module." + k + ".")
                      .reduce("", String::concat);
          String normalized = Path.of(moduleDir).normalize().toString().replace("\\", "/");
          String wanted = normalized.equals(".") ? "" : normalized;
          for (DataSource data : dataSources) {
            if (data.moduleDir().equals(wanted)) {
              out.add(prefix + "data." + data.type() + "." + data.name());
            }
          }
        });
    return out;
  }

  static Locator of(Path dir) {
    Map<String, List<Location>> headers = new LinkedHashMap<>();
    List<DataSource> dataSources = new ArrayList<>();
    // a configuration reached through a symbolic link is read where the link points, and named
    // as the user named it
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration in " + dir, e);
    }
    try (Stream<Path> files = Files.walk(real)) {
      for (Path found :
          files
              .filter(f -> f.getFileName().toString().endsWith(".tf"))
              .filter(f -> !real.relativize(f).toString().contains(".terraform"))
              .sorted()
              .toList()) {
        Path file = dir.resolve(real.relativize(found).toString());
        List<String> lines = Files.readAllLines(found, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = HEADER.matcher(lines.get(i));
          if (m.find() && m.group(1).equals("resource")) {
            headers
                .computeIfAbsent(m.group(2) + "." + m.group(3), k -> new ArrayList<>())
                .add(new Location(file, i + 1));
          } else if (m.find(0)) {
            Path parent = dir.relativize(file).getParent();
            dataSources.add(
                new DataSource(
                    parent == null ? "" : parent.toString().replace('\\', '/'),
                    m.group(2),
                    m.group(3)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration in " + dir, e);
    }
    return new Locator(dir, headers, dataSources, Map.of());
  }

  /**
   * The declaration of {@code address}: in its module's directory when the module calls are known,
   * else in the root module's files unless it is in a module.
   */
  Location declaration(String address, String type, String name) {
    List<Location> found = headers.getOrDefault(type + "." + name, List.of());
    boolean inModule = address.startsWith("module.");
    String key = moduleKey(address);
    Optional<Path> moduleDir =
        Optional.ofNullable(modules.get(key)).map(d -> dir.resolve(d).normalize());
    return found.stream()
        .filter(l -> moduleDir.map(d -> l.file().getParent().normalize().equals(d)).orElse(true))
        .filter(l -> moduleDir.isPresent() || l.file().getParent().equals(dir) != inModule)
        .findFirst()
        .or(() -> found.stream().findFirst())
        .orElse(new Location(dir, 0));
  }

  /** {@code module.a[0].module.b["x"].aws_vpc.main} → {@code a.b}; a root resource → {@code ""}. */
  static String moduleKey(String address) {
    List<String> names = new ArrayList<>();
    Matcher m = MODULE.matcher(address);
    while (m.find()) {
      names.add(m.group(1));
    }
    return String.join(".", names);
  }

  private static final Pattern MODULE =
      Pattern.compile("(?:^|\\.)module\\.([A-Za-z0-9_-]+)(?:\\[[^\\]]*\\])?(?=\\.)");
}
