package dev.guestbook.harness.text;

import java.util.Optional;

/** How the harness shortens what others printed, for one-line messages: one place, one rule. */
public final class Text {

  private Text() {}

  /** The first non-blank line, stripped; {@code "(no output)"} when there is none. */
  public static String firstLine(String text) {
    return Optional.ofNullable(text)
        .flatMap(t -> t.lines().filter(l -> !l.isBlank()).findFirst())
        .map(String::strip)
        .orElse("(no output)");
  }

  /** The last non-blank line, stripped; {@code "(no output)"} when there is none. */
  public static String lastLine(String text) {
    return Optional.ofNullable(text)
        .flatMap(t -> t.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b))
        .map(String::strip)
        .orElse("(no output)");
  }

  /** The first line of the innermost cause's message: what went wrong, without the wrapping. */
  public static String firstLine(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(root.getMessage() == null ? root.toString() : root.getMessage());
  }

  /** Whitespace runs (newlines included) as one space, cut to {@code max} characters. */
  public static String oneLine(String text, int max) {
    return abbreviate(String.valueOf(text).replaceAll("\\s+", " ").strip(), max);
  }

  /** At most {@code max} characters, saying how long the whole was when it was cut. */
  public static String abbreviate(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + "...(" + text.length() + " chars)";
  }
}
