package dev.guestbook.harness.steps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a scenario writes an entry that a feature file cannot hold literally: a backslash and {@code
 * n} is a line break, a backslash, {@code u} and hex digits in braces a code point (U+1F600 as
 * backslash-u-{1F600}), {@code {marker}} a short id unique to the scenario, and {@code {992×é}} a
 * character repeated (so the longest entry allowed stays readable).
 */
final class EntryText {

  private static final Pattern CODE_POINT = Pattern.compile("\\\\u\\{([0-9A-Fa-f]{1,6})\\}");

  /** {@code {N×c}}: one code point (a supplementary one is two chars) repeated N times. */
  private static final Pattern REPEAT =
      Pattern.compile("\\{(\\d+)×([\\x{10000}-\\x{10FFFF}]|.)\\}", Pattern.DOTALL);

  private EntryText() {}

  static String decode(String written, String marker) {
    Matcher cp = CODE_POINT.matcher(written.replace("\\n", "\n"));
    StringBuilder escaped = new StringBuilder();
    while (cp.find()) {
      cp.appendReplacement(
          escaped, Matcher.quoteReplacement(Character.toString(Integer.parseInt(cp.group(1), 16))));
    }
    cp.appendTail(escaped);
    String text = escaped.toString().replace("{marker}", marker);
    Matcher repeat = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (repeat.find()) {
      repeat.appendReplacement(
          out, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
    }
    repeat.appendTail(out);
    return out.toString();
  }
}
