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
