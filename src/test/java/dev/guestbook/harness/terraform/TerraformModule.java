package dev.guestbook.harness.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Terraform root module read offline with hcl4j: every {@code *.tf} file of one directory, its
 * resources, providers, variables and locals. Expressions are not evaluated by Terraform's rules;
 * references come back as their text, which is what the static rules compare against.
 */
public final class TerraformModule {

  private static final java.util.Set<String> TOP_LEVEL_BLOCKS =
      java.util.Set.of(
          "resource",
          "data",
          "variable",
          "output",
          "locals",
          "provider",
          "terraform",
          "module",
          "moved",
          "import",
          "check",
          "removed");

  private static final java.util.Set<String> PASS_THROUGH_FUNCTIONS =
      java.util.Set.of("jsonencode", "tostring");

  private final Path dir;
  private final List<TfResource> resources;
  private final Map<String, Map<String, Object>> providers;
  private final Map<String, Path> providerFiles;
  private final Map<String, Map<String, Object>> variables;
  private final Map<String, Object> locals;

  private TerraformModule(
      Path dir,
      List<TfResource> resources,
      Map<String, Map<String, Object>> providers,
      Map<String, Path> providerFiles,
      Map<String, Map<String, Object>> variables,
      Map<String, Object> locals) {
    this.dir = dir;
    this.resources = List.copyOf(resources);
    this.providers = providers;
    this.providerFiles = providerFiles;
    this.variables = variables;
    this.locals = locals;
  }

  /**
   * Parses every {@code *.tf} in {@code dir}; fails with one line naming the file that does not
   * parse.
   */
  @SuppressWarnings("unchecked")
  public static TerraformModule load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new TerraformConfigException("no Terraform directory at " + dir.toAbsolutePath());
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
    } catch (IOException e) {
      throw new TerraformConfigException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new TerraformConfigException("no *.tf files in " + dir.toAbsolutePath());
    }
    List<TfResource> resources = new ArrayList<>();
    Map<String, Map<String, Object>> providers = new LinkedHashMap<>();
    Map<String, Path> providerFiles = new LinkedHashMap<>();
    Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    Map<String, Object> locals = new LinkedHashMap<>();
    for (Path file : files) {
      Map<String, Object> parsed = parse(file);
      asMap(parsed.get("resource"))
          .forEach(
              (type, byName) ->
                  asMap(byName)
                      .forEach(
                          (name, body) ->
                              resources.add(new TfResource(type, name, file, asMap(body)))));
      asMap(parsed.get("provider"))
          .forEach(
              (name, body) -> {
                providers.put(name, asMap(body));
                providerFiles.put(name, file);
              });
      asMap(parsed.get("variable")).forEach((name, body) -> variables.put(name, asMap(body)));
      locals.putAll(asMap(parsed.get("locals")));
    }
    return new TerraformModule(dir, resources, providers, providerFiles, variables, locals);
  }

  private static Map<String, Object> parse(Path file) {
    HCLParser parser = new HCLParser();
    // Keep the structure a function wraps (jsonencode of the container definitions, tostring of a
    // reference) instead of hcl4j's null for functions it does not know.
    for (String function : PASS_THROUGH_FUNCTIONS) {
      parser.registerFunction(function, args -> args.isEmpty() ? null : args.get(0));
    }
    Map<String, Object> parsed;
    try {
      parsed = parser.parse(file.toFile(), "UTF-8", false);
    } catch (HCLParserException | IOException | RuntimeException e) {
      throw new TerraformConfigException(
          file + ": cannot parse: " + Text.oneLine(e.getMessage(), 400), e);
    }
    // hcl4j is lenient: an unclosed block comes back as stray top-level attributes. (hcl4j 0.9.7
    // also echoes a function call on an object, jsonencode({...}), as a top-level key: not an
    // error.)
    for (String key : parsed.keySet()) {
      if (!TOP_LEVEL_BLOCKS.contains(key) && !PASS_THROUGH_FUNCTIONS.contains(key)) {
        throw new TerraformConfigException(
            file
                + ": cannot parse: unexpected top-level '"
                + key
                + "' (an unclosed block or a typo?)");
      }
    }
    return normalize(parsed);
  }

  /** Plain Java values all the way down: hcl4j's reference objects become their text. */
  @SuppressWarnings("unchecked")
  private static <T> T normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalize(v)));
      return (T) out;
    }
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return (T) value;
    }
    return (T) value.toString();
  }

  public Path dir() {
    return dir;
  }

  public List<TfResource> resources() {
    return resources;
  }

  public List<TfResource> resources(String type) {
    return resources.stream().filter(r -> r.type().equals(type)).toList();
  }

  public Optional<TfResource> resource(String address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }

  public Map<String, Object> provider(String name) {
    return providers.getOrDefault(name, Map.of());
  }

  public Optional<Path> providerFile(String name) {
    return Optional.ofNullable(providerFiles.get(name));
  }

  public Optional<Object> variableDefault(String name) {
    return Optional.ofNullable(variables.getOrDefault(name, Map.of()).get("default"));
  }

  /**
   * Follows {@code var.x} to its default (if it has one) and {@code local.x} to its value, once
   * each level.
   */
  public Object resolve(Object value) {
    Object current = value;
    for (int depth = 0;
        depth < 5 && current != null && !(current instanceof Map) && !(current instanceof List);
        depth++) {
      // hcl4j gives references as objects whose text is the reference
      String text = String.valueOf(current);
      if (text.startsWith("var.")
          && variables.getOrDefault(text.substring(4), Map.of()).containsKey("default")) {
        current = variables.get(text.substring(4)).get("default");
      } else if (text.startsWith("local.") && locals.containsKey(text.substring(6))) {
        current = locals.get(text.substring(6));
      } else {
        break;
      }
    }
    return current;
  }

  /**
   * The value at a dotted path inside a block, with repeated nested blocks taken as their first.
   */
  public static Object at(Map<String, Object> body, String path) {
    Object current = body;
    for (String key : path.split("\\.")) {
      if (current instanceof List<?> list && !list.isEmpty()) {
        current = list.get(0);
      }
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    return Map.of();
  }

  /** Nested blocks of one kind: hcl4j gives one block as a map and several as a list of maps. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> blocks(Object value) {
    if (value instanceof Map<?, ?> map) {
      return List.of((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }
    return List.of();
  }
}
