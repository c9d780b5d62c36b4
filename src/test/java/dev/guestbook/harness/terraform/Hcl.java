package dev.guestbook.harness.terraform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Values written as HCL literals, for the test files the reading generates. */
final class Hcl {

  private Hcl() {}

  /**
   * A string, number, boolean, list or map as an HCL expression that evaluates to exactly it:
   * strings quoted with {@code \}, {@code "}, newlines, and template sequences ({@code ${}, {@code
   * %{}) escaped; map keys quoted.
   */
  static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return quote(text);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Hcl::literal).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> quote(String.valueOf(e.getKey())) + " = " + literal(e.getValue()))
          .collect(Collectors.joining(", ", "{ ", " }"));
    }
    throw new IllegalArgumentException("no HCL literal for a " + value.getClass().getName());
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$', '%' -> {
          out.append(c);
          if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
            out.append(c);
          }
        }
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
