package dev.guestbook.harness.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Terraform's JSON values as the rules read them: numbers that may be strings, lists or one. */
final class Values {

  private Values() {}

  static Optional<Double> number(Object value) {
    if (value instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    if (value instanceof String s) {
      try {
        return Optional.of(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A list as it is, one value as a list of it, nothing as an empty list. */
  static List<Object> list(Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return value == null ? List.of() : List.of(value);
  }

  static List<String> strings(Object value) {
    return list(value).stream().filter(Objects::nonNull).map(String::valueOf).toList();
  }
}
