package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CI role's IAM policy document ({@code terraform/ci-role-policy.json}), read into its
 * statements: what each allows or denies, on which resources, under which conditions. Matching
 * follows IAM's: actions are case-insensitive with {@code *} and {@code ?} wildcards.
 *
 * @param where the file it was read from, for findings
 * @param statements its statements in order
 */
public record CiRolePolicy(String where, List<Statement> statements) {

  /** The condition operators that restrict a key to the values they list. */
  static final Set<String> POSITIVE = Set.of("StringEquals", "StringLike", "ArnEquals", "ArnLike");

  /**
   * One statement.
   *
   * @param sid its Sid, or its position ({@code #3}) when it has none
   * @param allow Effect Allow (else Deny)
   * @param actions its Action patterns (a NotAction statement is read as allowing {@code *})
   * @param resources its Resource patterns
   * @param conditions operator → condition key → values
   */
  public record Statement(
      String sid,
      boolean allow,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {

    /** Whether this statement names {@code action} (wildcards as IAM reads them). */
    public boolean covers(String action) {
      return actions.stream().anyMatch(pattern -> matches(pattern, action));
    }

    /** The condition keys a positive operator restricts (see {@link #conditionValues}). */
    public List<String> conditionKeys() {
      List<String> keys = new ArrayList<>();
      conditions.forEach(
          (operator, byKey) -> {
            if (POSITIVE.contains(operator)) {
              keys.addAll(byKey.keySet());
            }
          });
      return keys;
    }

    /**
     * The values condition key {@code key} must take under a positive operator ({@code
     * StringEquals}, {@code StringLike}, {@code ArnEquals}, {@code ArnLike}); empty when none
     * restricts it so: a negated operator ({@code ArnNotEquals}, say) restricts nothing the rules
     * can rely on.
     */
    public List<String> conditionValues(String key) {
      List<String> values = new ArrayList<>();
      conditions.forEach(
          (operator, byKey) -> {
            if (POSITIVE.contains(operator)) {
              byKey.forEach(
                  (k, v) -> {
                    if (k.equalsIgnoreCase(key)) {
                      values.addAll(v);
                    }
                  });
            }
          });
      return values;
    }
  }

  /** Reads {@code file}, or fails in one line naming it. */
  public static CiRolePolicy read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CI role's policy " + file, e);
    }
  }

  /** Parses a policy document's JSON; {@code where} names it in findings. */
  public static CiRolePolicy parse(String where, String json) {
    JsonNode root;
    try {
      root = TerraformJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ": not a JSON policy document: " + e.getMessage(), e);
    }
    List<Statement> statements = new ArrayList<>();
    JsonNode all = root.path("Statement");
    List<JsonNode> nodes = new ArrayList<>();
    if (all.isArray()) {
      all.forEach(nodes::add);
    } else if (all.isObject()) {
      nodes.add(all);
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode s = nodes.get(i);
      List<String> actions = s.has("NotAction") ? List.of("*") : strings(s.path("Action"));
      List<String> resources = s.has("NotResource") ? List.of("*") : strings(s.path("Resource"));
      Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
      s.path("Condition")
          .fields()
          .forEachRemaining(
              op -> {
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                op.getValue()
                    .fields()
                    .forEachRemaining(k -> byKey.put(k.getKey(), strings(k.getValue())));
                conditions.put(op.getKey(), byKey);
              });
      statements.add(
          new Statement(
              s.path("Sid").asText("#" + (i + 1)),
              "Allow".equals(s.path("Effect").asText()),
              actions,
              resources,
              conditions));
    }
    return new CiRolePolicy(where, List.copyOf(statements));
  }

  /** The Allow statements that name {@code action}. */
  public List<Statement> allowing(String action) {
    return statements.stream().filter(Statement::allow).filter(s -> s.covers(action)).toList();
  }

  /**
   * Whether {@code pattern} (IAM's {@code *} and {@code ?} wildcards) matches {@code value}: an
   * action, case-insensitively, as IAM reads actions.
   */
  public static boolean matches(String pattern, String value) {
    return matches(pattern, value, true);
  }

  /** The same for a resource ARN or a condition value, which IAM matches case-sensitively. */
  public static boolean matchesResource(String pattern, String value) {
    return matches(pattern, value, false);
  }

  private static boolean matches(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
        .matcher(value)
        .matches();
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.add(node.asText());
    }
    return List.copyOf(out);
  }
}
