package dev.guestbook.harness.verdict;

import dev.guestbook.harness.client.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Pure checks over guestbook answers; each returns what is wrong, with the answer for context. */
public final class PageVerdict {

  private static final Pattern FORM =
      Pattern.compile("<form[^>]*>.*<input[^>]*name=\"entry\".*</form>", Pattern.DOTALL);

  private PageVerdict() {}

  public static List<String> guestbookPage(HttpResult page, String title) {
    List<String> problems = new ArrayList<>();
    if (page.status() != 200) {
      problems.add("expected status 200, got " + page);
    }
    if (!page.contentType().startsWith("text/html")) {
      problems.add(
          "expected an HTML page, got content type '"
              + page.contentType()
              + "' from "
              + page.url());
    }
    if (!page.body().contains("<title>" + title + "</title>")) {
      problems.add("expected the title '" + title + "', got " + page);
    }
    if (!FORM.matcher(page.body()).find()) {
      problems.add("expected a form with an 'entry' field, got " + page);
    }
    return problems;
  }

  /** The entry appears HTML-escaped and never as live markup. */
  public static List<String> showsAsText(HttpResult page, String entry) {
    List<String> problems = new ArrayList<>();
    String escaped =
        entry
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
    if (!page.body().contains(escaped)) {
      problems.add(
          "expected the entry escaped as '"
              + escaped
              + "' on "
              + page.url()
              + ", not found in "
              + page);
    }
    if (!escaped.equals(entry) && page.body().contains(entry)) {
      problems.add("the entry appears unescaped, as live markup, on " + page.url());
    }
    return problems;
  }

  public static List<String> jsonError(HttpResult answer, int status) {
    List<String> problems = new ArrayList<>();
    if (answer.status() != status) {
      problems.add("expected status " + status + ", got " + answer);
    }
    if (!answer.contentType().startsWith("application/json")
        || !answer.body().contains("\"error\"")) {
      problems.add("expected a JSON body with an \"error\" field, got " + answer);
    }
    return problems;
  }
}
