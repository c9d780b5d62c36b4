package dev.guestbook.app;

import java.util.List;

/**
 * The HTML front page: a form and the entries, every entry HTML-escaped and shown with its line
 * breaks. The form is a textarea (an input drops line breaks) without a {@code maxlength}: a
 * browser counts that in UTF-16 units, so 1000 characters outside the BMP would be cut at 500; the
 * server counts characters and refuses more than 1000 itself.
 */
final class GuestbookPage {

  private GuestbookPage() {}

  static String render(List<String> entries) {
    StringBuilder html =
        new StringBuilder(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Guestbook</title>
              <style>#entries li { white-space: pre-wrap; }</style>
            </head>
            <body>
              <h1>Guestbook</h1>
              <form method="post" action="/">
                <label for="entry">Your message</label>
                <textarea id="entry" name="entry" rows="3" cols="60" required></textarea>
                <button type="submit">Sign</button>
              </form>
              <ul id="entries">
            """);
    for (String entry : entries) {
      html.append("    <li>").append(escape(entry)).append("</li>\n");
    }
    return html.append("  </ul>\n</body>\n</html>\n").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
