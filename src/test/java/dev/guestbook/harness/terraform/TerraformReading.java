package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.text.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Terraform's own understanding of a configuration, not its text: every managed resource the
 * configuration declares — modules expanded, {@code count} and {@code for_each} instances, all
 * expressions evaluated by Terraform — with its attribute values.
 *
 * <p>The values come from two runs of one {@code terraform test -json -verbose} (see {@link
 * OfflineReading}): a plan with the real AWS provider (its defaults, its {@code tags_all} from
 * {@code default_tags}, its validation), and an apply against Terraform's mocked provider, which
 * gives the values only AWS would know (ids, endpoints, whatever depends on them) a made-up but
 * consistent value. An attribute is the plan's value where the plan knows it, the mocked apply's
 * otherwise. A reference between resources is thus an equal value: a security group rule whose
 * {@code referenced_security_group_id} equals the id of the service's group refers to that group,
 * however it was spelled.
 */
public final class TerraformReading {

  /**
   * The AWS provider's alias resource types (documented as "known as"): the same resource, the same
   * schema.
   */
  static final Map<String, String> ALIASES =
      Map.of(
          "aws_alb", "aws_lb",
          "aws_alb_target_group", "aws_lb_target_group",
          "aws_alb_listener", "aws_lb_listener",
          "aws_alb_listener_rule", "aws_lb_listener_rule",
          "aws_alb_listener_certificate", "aws_lb_listener_certificate",
          "aws_alb_target_group_attachment", "aws_lb_target_group_attachment");

  private static final ObjectMapper JSON = TestOutput.JSON;

  /** What Terraform's mocked provider makes up for a computed string: 8 random [a-z0-9]. */
  private static final Pattern MOCKED = Pattern.compile("[a-z0-9]{8}");

  /**
   * One resource instance.
   *
   * @param address its full address, e.g. {@code module.service.aws_ecs_service.this[0]}
   * @param type its type with aliases resolved ({@code aws_alb} is read as {@code aws_lb})
   * @param declaredType the type as written
   * @param values its attributes: the plan's where known, else the mocked apply's
   * @param unknownInPlan the plan's {@code after_unknown} for it: which values only AWS knows
   * @param declared where it is declared
   */
  public record Resource(
      String address,
      String type,
      String declaredType,
      Map<String, Object> values,
      Object unknownInPlan,
      Location declared) {

    /** The value at a dotted path; a list of blocks is read at its first element. */
    public Object at(String path) {
      return TerraformReading.at(values, path);
    }

    /**
     * The value at a dotted path was known when planning: written, a default, or derived from both
     * ({@code tags.RunId} is unknown when the whole {@code tags} or that key is).
     */
    public boolean knownInPlan(String path) {
      Object unknown = unknownInPlan;
      for (String key : path.split("\\.")) {
        if (Boolean.TRUE.equals(unknown)) {
          return false;
        }
        unknown = unknown instanceof Map<?, ?> map ? map.get(key) : null;
      }
      return !Boolean.TRUE.equals(unknown);
    }
  }

  private final Path dir;
  private final String runId;
  private final List<Resource> resources;
  private final Map<String, String> lookedUp;

  TerraformReading(Path dir, String runId, List<Resource> resources) {
    this(dir, runId, resources, Map.of());
  }

  TerraformReading(Path dir, String runId, List<Resource> resources, Map<String, String> lookedUp) {
    this.dir = dir;
    this.runId = runId;
    this.resources = List.copyOf(resources);
    this.lookedUp = Map.copyOf(lookedUp);
  }

  /**
   * The data source a value came from, when the configuration looked it up in the account instead
   * of deciding it ({@code data "aws_subnets"}, say): what only the account knows of it — is that
   * subnet private? — cannot be judged offline.
   */
  public Optional<String> lookedUp(Object value) {
    return value == null
        ? Optional.empty()
        : Optional.ofNullable(lookedUp.get(String.valueOf(value)));
  }

  /**
   * The variable or data source whose made-up value {@code text} contains (a name built from a
   * required variable without a default, say), if any.
   */
  public Optional<String> lookedUpIn(String text) {
    return lookedUp.entrySet().stream()
        .filter(e -> e.getKey().length() >= 6 && text.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** Every looked-up value → its data source, for the reading's cache. */
  Map<String, String> lookedUp() {
    return lookedUp;
  }

  /** The configuration's directory, as the user named it. */
  public Path dir() {
    return dir;
  }

  /** The value the reading gave {@code var.run_id}: what every name and tag must carry. */
  public String runId() {
    return runId;
  }

  public List<Resource> resources() {
    return resources;
  }

  /** The instances of one type (aliases included: {@code aws_lb} finds {@code aws_alb} too). */
  public List<Resource> resources(String type) {
    return resources.stream().filter(r -> r.type().equals(type)).toList();
  }

  /** The resource whose {@code id} is {@code id}, among {@code types} (all when empty). */
  public Optional<Resource> byId(Object id, Set<String> types) {
    if (id == null) {
      return Optional.empty();
    }
    return resources.stream()
        .filter(r -> types.isEmpty() || types.contains(r.type()))
        .filter(r -> id.equals(r.values().get("id")))
        .findFirst();
  }

  /** An id as the reader knows it: the address of the resource it belongs to, if any. */
  public String name(Object id, Set<String> types) {
    return byId(id, types)
        .map(Resource::address)
        .or(() -> lookedUp(id).map(data -> "\"" + id + "\" (looked up by " + data + ")"))
        .orElse("\"" + id + "\" (not declared here)");
  }

  /**
   * Reads the output of {@code terraform test -json -verbose}: the plan of run {@code planRun} and
   * the state of run {@code applyRun}, merged per resource address.
   */
  static TerraformReading parse(
      Path dir, String runId, String ndjson, String planRun, String applyRun, Locator locator) {
    return of(
        dir,
        runId,
        TestOutput.message(ndjson, "test_plan", planRun),
        TestOutput.message(ndjson, "test_state", applyRun),
        locator,
        Map.of());
  }

  /**
   * A plan ({@code test_plan}) and a mocked apply's state ({@code test_state}), merged per resource
   * address; {@code lookedUp} says which values came from data sources.
   */
  static TerraformReading of(
      Path dir,
      String runId,
      JsonNode plan,
      JsonNode state,
      Locator locator,
      Map<String, String> lookedUp) {
    Map<String, Map<String, Object>> mocked = new LinkedHashMap<>();
    collectState(state.path("root_module"), mocked);
    Predicate<Object> invented = inventedValues(mocked);
    List<Resource> resources = new ArrayList<>();
    for (JsonNode change : plan.path("resource_changes")) {
      if ("managed".equals(change.path("mode").asText())) {
        resources.add(resource(change, mocked, invented, locator));
      }
    }
    requireSameInstances(dir, resources, mocked);
    return new TerraformReading(dir, runId, resources, lookedUp);
  }

  /**
   * A value the mocked provider made up for an attribute the configuration leaves to AWS (say
   * source_security_group_id of a rule that admits a CIDR) is its random 8 characters, found
   * nowhere else: no reference copied it. Such a value is no relation; it is read as unset.
   */
  private static Predicate<Object> inventedValues(Map<String, Map<String, Object>> mocked) {
    Map<String, Integer> seen = new HashMap<>();
    mocked.values().forEach(values -> count(values, seen));
    return v -> v instanceof String text && MOCKED.matcher(text).matches() && seen.get(text) == 1;
  }

  /** One planned change, with what the plan did not know taken from the mocked apply. */
  private static Resource resource(
      JsonNode change,
      Map<String, Map<String, Object>> mocked,
      Predicate<Object> invented,
      Locator locator) {
    String address = change.path("address").asText();
    String declaredType = change.path("type").asText();
    Object after = value(change.path("change").path("after"));
    Object unknown = value(change.path("change").path("after_unknown"));
    Object values = merge(after, unknown, scrub(mocked.getOrDefault(address, Map.of()), invented));
    return new Resource(
        address,
        ALIASES.getOrDefault(declaredType, declaredType),
        declaredType,
        values instanceof Map<?, ?> ? cast(values) : Map.of(),
        unknown,
        locator.declaration(address, declaredType, change.path("name").asText()));
  }

  /**
   * Both runs evaluate the same configuration with the same variables; instances that differ
   * (for_each over made-up zone names, say) would pair values of different resources.
   */
  private static void requireSameInstances(
      Path dir, List<Resource> resources, Map<String, Map<String, Object>> mocked) {
    List<String> planned = resources.stream().map(Resource::address).toList();
    if (new HashSet<>(planned).equals(mocked.keySet())) {
      return;
    }
    List<String> onlyPlanned =
        planned.stream().filter(a -> !mocked.containsKey(a)).sorted().toList();
    List<String> onlyMocked =
        mocked.keySet().stream().filter(a -> !planned.contains(a)).sorted().toList();
    throw new TerraformConfigException(
        dir
            + ": the provider plan and the mocked apply made different instances, so their"
            + " values cannot be paired: only planned "
            + Text.abbreviate(onlyPlanned.toString(), 300)
            + ", only mocked "
            + Text.abbreviate(onlyMocked.toString(), 300));
  }

  private static void collectState(JsonNode module, Map<String, Map<String, Object>> out) {
    for (JsonNode resource : module.path("resources")) {
      if ("managed".equals(resource.path("mode").asText())) {
        out.put(resource.path("address").asText(), cast(value(resource.path("values"))));
      }
    }
    for (JsonNode child : module.path("child_modules")) {
      collectState(child, out);
    }
  }

  private static void count(Object value, Map<String, Integer> seen) {
    if (value instanceof String text) {
      seen.merge(text, 1, Integer::sum);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> count(v, seen));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> count(v, seen));
    }
  }

  private static Object scrub(Object value, Predicate<Object> invented) {
    if (invented.test(value)) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), scrub(v, invented)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(scrub(v, invented)));
      return out;
    }
    return value;
  }

  /** The planned value, with every part the plan did not know taken from the mocked apply. */
  static Object merge(Object planned, Object unknown, Object mocked) {
    if (Boolean.TRUE.equals(unknown)) {
      return mocked;
    }
    if (unknown instanceof Map<?, ?> unknownMap && mocked instanceof Map<?, ?> mockedMap) {
      Map<String, Object> out =
          new LinkedHashMap<>(planned instanceof Map<?, ?> p ? cast(p) : Map.of());
      unknownMap.forEach(
          (key, part) -> {
            Object merged = merge(out.get(key), part, mockedMap.get(key));
            if (merged != null || out.containsKey(key)) {
              out.put(String.valueOf(key), merged);
            }
          });
      return out;
    }
    if (unknown instanceof List<?> unknownList && mocked instanceof List<?> mockedList) {
      List<Object> out = new ArrayList<>(planned instanceof List<?> p ? p : List.of());
      for (int i = 0; i < unknownList.size() && i < mockedList.size(); i++) {
        while (out.size() <= i) {
          out.add(null);
        }
        out.set(i, merge(out.get(i), unknownList.get(i), mockedList.get(i)));
      }
      return out;
    }
    return planned;
  }

  /** The value at a dotted path; a numeric part indexes a list, a list of blocks is read at [0]. */
  static Object at(Object root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (current instanceof List<?> list) {
        if (key.chars().allMatch(Character::isDigit)) {
          int index = Integer.parseInt(key);
          current = index < list.size() ? list.get(index) : null;
          continue;
        }
        current = list.isEmpty() ? null : list.get(0);
      }
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  static Object value(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return JSON.convertValue(node, new TypeReference<Object>() {});
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object map) {
    return map instanceof Map<?, ?> ? (Map<String, Object>) map : Map.of();
  }
}
