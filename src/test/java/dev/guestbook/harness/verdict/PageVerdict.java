package dev.guestbook.harness.verdict;

import dev.guestbook.harness.client.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Pure checks over guestbook answers; each returns what is wrong, with the answer for context. */
public final class PageVerdict {

  private static final Pattern FORM =
      Pattern.compile("<form[^>]*>.*<(input|textarea)[^>]*name=\"entry\".*</form>", Pattern.DOTALL);

  private PageVerdict() {}

  private static String where(HttpResult answer) {
    return answer.method() + " " + answer.url();
  }

  public static List<Finding> guestbookPage(HttpResult page, String title) {
    List<Finding> problems = new ArrayList<>();
    if (page.status() != 200) {
      problems.add(new Finding(where(page), "status", "200", page.summary()));
    }
    if (!page.contentType().startsWith("text/html")) {
      problems.add(
          new Finding(where(page), "content type", "text/html", "'" + page.contentType() + "'"));
    }
    if (!page.body().contains("<title>" + title + "</title>")) {
      problems.add(new Finding(where(page), "title", "'" + title + "'", page.summary()));
    }
    if (!FORM.matcher(page.body()).find()) {
      problems.add(
          new Finding(where(page), "form", "a form with an 'entry' field", page.summary()));
    }
    return problems;
  }

  /** The entry appears HTML-escaped and never as live markup. */
  public static List<Finding> showsAsText(HttpResult page, String entry) {
    List<Finding> problems = new ArrayList<>();
    String escaped =
        entry
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
    if (!page.body().contains(escaped)) {
      problems.add(
          new Finding(
              where(page),
              "the entry",
              "escaped as '" + escaped + "'",
              "not found in " + page.summary()));
    }
    if (!escaped.equals(entry) && page.body().contains(entry)) {
      problems.add(
          new Finding(where(page), "the entry", "shown as text", "unescaped, as live markup"));
    }
    return problems;
  }

  private static final Pattern ENTRIES =
      Pattern.compile("<ul id=\"entries\">(.*?)</ul>", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL);

  /** The entries the page lists ({@code <ul id="entries">}), unescaped, in the page's order. */
  public static List<String> entriesOnPage(String html) {
    var list = ENTRIES.matcher(html);
    List<String> entries = new ArrayList<>();
    if (list.find()) {
      var entry = ENTRY.matcher(list.group(1));
      while (entry.find()) {
        entries.add(
            entry
                .group(1)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&"));
      }
    }
    return entries;
  }

  /**
   * The page lists every entry the guestbook holds, oldest first. Other visitors may sign while the
   * page is read, and entries are only ever appended: so what the guestbook held just before must
   * open the page's list, and the page's list must open what it held just after.
   */
  public static List<Finding> listsEveryEntry(
      List<String> before, HttpResult page, List<String> after) {
    List<String> shown = entriesOnPage(page.body());
    List<Finding> problems = new ArrayList<>();
    if (shown.size() < before.size() || !shown.subList(0, before.size()).equals(before)) {
      List<String> missing = before.stream().filter(e -> !shown.contains(e)).toList();
      problems.add(
          new Finding(
              where(page),
              "entries on the page",
              "all " + before.size() + " the guestbook held, oldest first",
              shown.size()
                  + (missing.isEmpty()
                      ? ", not in the guestbook's order"
                      : ", without "
                          + missing.size()
                          + " of them, the oldest missing '"
                          + missing.get(0)
                          + "'")));
    } else if (after.size() < shown.size() || !after.subList(0, shown.size()).equals(shown)) {
      problems.add(
          new Finding(
              where(page),
              "entries on the page",
              "only entries the guestbook holds, in its order",
              shown.size() + " that the guestbook's listing right after does not open with"));
    }
    return problems;
  }

  public static List<Finding> jsonError(HttpResult answer, int status) {
    List<Finding> problems = new ArrayList<>();
    if (answer.status() != status) {
      problems.add(
          new Finding(where(answer), "status", Integer.toString(status), answer.summary()));
    }
    if (!answer.contentType().startsWith("application/json")
        || !answer.body().contains("\"error\"")) {
      problems.add(
          new Finding(where(answer), "body", "JSON with an \"error\" field", answer.summary()));
    }
    return problems;
  }
}
