package dev.guestbook.harness.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the AWS target runs.
 *
 * @param region the region, if given ({@code bdi.aws.region}); else the SDK's region chain decides
 * @param endpoint an endpoint override for every AWS client, for a local emulator in tests only
 * @param teardown when the stack is destroyed
 * @param verbose progress on every poll instead of on changes only
 * @param terraformBinary {@code terraform} or {@code tofu} (or a path); empty: look on the PATH
 * @param pluginDir provider mirror for {@code terraform init -plugin-dir}
 */
public record AwsSettings(
    Optional<String> region,
    Optional<String> endpoint,
    Teardown teardown,
    boolean verbose,
    Optional<String> terraformBinary,
    Optional<String> pluginDir) {

  /** The defaults: region and credentials from the SDK's chains, teardown always. */
  public static AwsSettings defaults() {
    return new AwsSettings(
        Optional.empty(),
        Optional.empty(),
        Teardown.ALWAYS,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** {@code bdi.teardown}: always (default), on-success, never. */
  public enum Teardown {
    ALWAYS("always"),
    ON_SUCCESS("on-success"),
    NEVER("never");

    private final String key;

    Teardown(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Teardown parse(String value) {
      return Arrays.stream(values())
          .filter(t -> t.key.equals(value.trim().toLowerCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(
              () ->
                  new HarnessConfigException(
                      "bdi.teardown: unknown policy '"
                          + value
                          + "'; expected one of "
                          + Arrays.stream(values())
                              .map(Teardown::key)
                              .collect(Collectors.joining(", "))));
    }
  }
}
