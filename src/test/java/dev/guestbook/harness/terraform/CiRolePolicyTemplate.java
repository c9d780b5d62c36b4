package dev.guestbook.harness.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one source of the CI role's policy, {@code terraform/ci-role/ci-role-policy.json.tftpl},
 * rendered as Terraform's {@code templatefile} renders it. The template uses plain {@code
 * ${name}} interpolations only; anything else ({@code %{…}} directives, {@code $${} escapes, an
 * unknown name) is refused, so this rendering and Terraform's cannot differ.
 */
public final class CiRolePolicyTemplate {

  /** The template. */
  public static final Path TEMPLATE = Path.of("terraform", "ci-role", "ci-role-policy.json.tftpl");

  /** Its rendering for the default prefix, the file the rules, docs and emulator checks read. */
  public static final Path RENDERED = Path.of("terraform", "ci-role-policy.json");

  /** The permissions boundary's template (the stack's roles are created under it). */
  public static final Path BOUNDARY_TEMPLATE =
      Path.of("terraform", "ci-role", "ci-boundary-policy.json.tftpl");

  /** Its rendering for the default prefix (what the policy engine's checks read). */
  public static final Path BOUNDARY_RENDERED = Path.of("terraform", "ci-boundary-policy.json");

  /** The trust policy's template. */
  public static final Path TRUST =
      Path.of("terraform", "ci-role", "ci-role-trust-policy.json.tftpl");

  /** What {@link #RENDERED} is rendered with. */
  public static final Map<String, String> DEFAULTS =
      Map.of("name_prefix", "guestbook", "state_bucket", "REPLACE-WITH-STATE-BUCKET");

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([a-z_]+)}");

  private CiRolePolicyTemplate() {}

  /** The policy for {@code namePrefix} and the state bucket {@code bucket}. */
  public static CiRolePolicy policy(String namePrefix, String bucket) {
    String where = TEMPLATE + " for " + namePrefix;
    return CiRolePolicy.parse(
        where, render(TEMPLATE, Map.of("name_prefix", namePrefix, "state_bucket", bucket)));
  }

  /** {@code file} rendered with {@code values}. */
  public static String render(Path file, Map<String, String> values) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + file, e);
    }
    if (text.contains("%{") || text.contains("$${")) {
      throw new IllegalArgumentException(
          file + ": only ${name} interpolations are rendered here, no %{ } directives or $${");
    }
    Matcher m = INTERPOLATION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(file + ": no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
