package dev.guestbook.harness.verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure checks of what a visitor's browser shows after signing through the page; each returns what
 * is wrong, with the entries near the one written for context.
 */
public final class VisitorPageVerdict {

  private VisitorPageVerdict() {}

  /** The page's field held the entry as the visitor wrote it when the button was pressed. */
  public static List<Finding> fieldHeldTheEntry(String written, String held, String where) {
    return held.equals(written)
        ? List.of()
        : List.of(
            new Finding(
                where,
                "the page's field when the visitor pressed Sign",
                "the entry as written, " + characters(written),
                visible(held) + ", " + characters(held)));
  }

  /**
   * The browser came back to the page ({@code /}, titled {@code title}) by one redirect: the form
   * was answered with a redirect, not with the page itself, so a reload does not sign again.
   */
  public static List<Finding> backOnThePage(
      String path, String seenTitle, long redirects, String title, String where) {
    List<Finding> problems = new ArrayList<>();
    if (!path.equals("/") && !path.isEmpty()) {
      problems.add(new Finding(where, "where the browser landed after signing", "/", path));
    }
    if (!seenTitle.equals(title)) {
      problems.add(new Finding(where, "title", "'" + title + "'", "'" + seenTitle + "'"));
    }
    if (redirects != 1) {
      problems.add(
          new Finding(
              where,
              "redirects from the form's answer to the page (Navigation Timing)",
              "1: a form answered with the page itself is sent again by a reload",
              Long.toString(redirects)));
    }
    return problems;
  }

  /**
   * The entry is on the page once, exactly, as the browser holds it ({@code held}: the DOM's text),
   * and shown to the eye ({@code shown}: rendered text, empty where the browser does not really
   * show an entry).
   */
  public static List<Finding> entryShownOnce(
      List<String> held, List<String> shown, String entry, String who, String where) {
    List<Finding> problems = new ArrayList<>();
    long times = held.stream().filter(entry::equals).count();
    if (times != 1) {
      problems.add(
          new Finding(
              where,
              "entries on the page, as the browser of " + who + " holds them",
              "once " + visible(entry),
              times + " times; the nearest " + nearest(held, entry)));
    }
    if (times > 0 && !shown.contains(entry)) {
      problems.add(
          new Finding(
              where,
              "entries as the page shows them to " + who,
              visible(entry) + " shown, as written",
              "not shown so; the nearest " + nearest(shown, entry)));
    }
    return problems;
  }

  /** The entries that begin as the written one does (its marker), made visible, for a message. */
  public static List<String> nearest(List<String> entries, String entry) {
    String start = entry.strip();
    String prefix = start.substring(0, Math.min(8, start.length()));
    return entries.stream()
        .filter(e -> !prefix.isEmpty() && e.strip().startsWith(prefix))
        .map(VisitorPageVerdict::visible)
        .toList();
  }

  /** Control characters made visible, so a CR the browser added shows in the message. */
  public static String visible(String text) {
    String shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    return "\""
        + (shown.length() > 120
            ? shown.substring(0, 120) + "…(" + text.length() + " chars)"
            : shown)
        + "\"";
  }

  private static String characters(String text) {
    return text.codePointCount(0, text.length()) + " characters";
  }

  /**
   * Every judged text can be read: its contrast against its effective background meets WCAG 2.2 AA
   * (1.4.3: 4.5:1, large text 3:1). Text over a background image cannot be judged from colours and
   * is a finding too (it is not known to be readable). Nothing judged (no entry found) is a
   * finding: the entry's presence is another check's, but readability is not shown by absence.
   */
  public static List<Finding> readable(List<TextColours> texts, String where) {
    List<Finding> findings = new ArrayList<>();
    if (texts.stream().noneMatch(t -> t.what().equals("the entry"))) {
      findings.add(
          new Finding(where, "the entry's contrast", "judged", "no such entry on the page"));
    }
    for (TextColours text : texts) {
      if (text.backgroundImage()) {
        findings.add(
            new Finding(
                where,
                text.what() + "'s contrast",
                "judged from its colours",
                "not judgeable: a background image lies behind it"));
      } else if (text.contrast() < text.requiredForAa()) {
        findings.add(
            new Finding(
                where,
                text.what() + "'s contrast (WCAG 2.2 AA)",
                String.format(java.util.Locale.ROOT, "at least %.1f:1", text.requiredForAa()),
                String.format(
                    java.util.Locale.ROOT,
                    "%.2f:1 (text %s on %s)",
                    text.contrast(),
                    text.foreground(),
                    text.backgrounds().isEmpty() ? "the white canvas" : text.backgrounds())));
      }
    }
    return findings;
  }
}
