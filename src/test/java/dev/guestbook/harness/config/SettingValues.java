package dev.guestbook.harness.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a setting whose value is one of an enum's keys, or names the setting and the choices. */
final class SettingValues {

  private SettingValues() {}

  /**
   * The constant whose key is {@code value} (case and surrounding blanks ignored).
   *
   * @param setting the setting's name, for the message ({@code bdi.target})
   * @param what what the value is, for the message ({@code target}, {@code policy})
   */
  static <E> E parse(
      String setting, String what, String value, E[] constants, Function<E, String> key) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(constants)
        .filter(c -> key.apply(c).equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new HarnessConfigException(
                    setting
                        + ": unknown "
                        + what
                        + " '"
                        + value
                        + "'; expected one of "
                        + Arrays.stream(constants).map(key).collect(Collectors.joining(", "))));
  }
}
