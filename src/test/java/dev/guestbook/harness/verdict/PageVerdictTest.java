package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.HttpResult;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageVerdictTest {

  private static final URI URL = URI.create("http://127.0.0.1:8080/");
  private static final String PAGE =
      "<html><head><title>Guestbook</title></head><body><form method=\"post\"><input name=\"entry\"></form>"
          + "<li>&lt;script&gt;x&lt;/script&gt;</li></body></html>";

  private static HttpResult html(int status, String body) {
    return new HttpResult(URL, status, body, "task-1", "text/html; charset=utf-8");
  }

  @Test
  void theGuestbookPagePasses() {
    assertThat(PageVerdict.guestbookPage(html(200, PAGE), "Guestbook")).isEmpty();
  }

  @Test
  void aWrongPageIsRefusedWithEachReason() {
    assertThat(PageVerdict.guestbookPage(html(502, "Bad Gateway"), "Guestbook")).hasSize(3);
    assertThat(
            PageVerdict.guestbookPage(
                new HttpResult(URL, 200, PAGE, "", "application/json"), "Guestbook"))
        .singleElement()
        .asString()
        .contains("content type: expected text/html, saw 'application/json'");
  }

  @Test
  void escapedMarkupPassesAndLiveMarkupFails() {
    assertThat(PageVerdict.showsAsText(html(200, PAGE), "<script>x</script>")).isEmpty();
    assertThat(
            PageVerdict.showsAsText(html(200, "<li><script>x</script></li>"), "<script>x</script>"))
        .hasSize(2);
  }

  @Test
  void aJsonErrorNeedsTheStatusAndAnErrorField() {
    assertThat(
            PageVerdict.jsonError(
                new HttpResult(URL, 400, "{\"error\":\"empty\"}", "", "application/json"), 400))
        .isEmpty();
    assertThat(
            PageVerdict.jsonError(new HttpResult(URL, 200, "[\"\"]", "", "application/json"), 400))
        .hasSize(2);
    assertThat(PageVerdict.jsonError(new HttpResult(URL, 400, "bad", "", "text/plain"), 400))
        .hasSize(1);
  }

  private static HttpResult page(String... entries) {
    StringBuilder html = new StringBuilder("<ul id=\"entries\">\n");
    for (String e : entries) {
      html.append("    <li>")
          .append(e.replace("&", "&amp;").replace("<", "&lt;"))
          .append("</li>\n");
    }
    html.append("  </ul>\n");
    return new HttpResult(
        java.net.URI.create("http://127.0.0.1:1/"), 200, html.toString(), "task-1", "text/html");
  }

  @Test
  void thePageListsEveryEntryWhileOthersSign() {
    assertThat(PageVerdict.entriesOnPage(page("a", "b<&", "c").body()))
        .containsExactly("a", "b<&", "c");
    // "c" was signed while the page was read: it may or may not be on it
    assertThat(
            PageVerdict.listsEveryEntry(
                List.of("a", "b"), page("a", "b", "c"), List.of("a", "b", "c", "d")))
        .isEmpty();
    assertThat(
            PageVerdict.listsEveryEntry(List.of("a", "b"), page("a", "b"), List.of("a", "b", "c")))
        .isEmpty();
  }

  @Test
  void aPageWithOnlyTheNewestEntriesIsRedNamingTheOldestMissing() {
    assertThat(
            PageVerdict.listsEveryEntry(
                List.of("a", "b", "c"), page("b", "c"), List.of("a", "b", "c")))
        .singleElement()
        .asString()
        .contains(
            "expected all 3 the guestbook held, oldest first, saw 2, without 1 of them, the oldest missing 'a'");
    assertThat(PageVerdict.listsEveryEntry(List.of("a", "b"), page("b", "a"), List.of("a", "b")))
        .singleElement()
        .asString()
        .contains("not in the guestbook's order");
    assertThat(PageVerdict.listsEveryEntry(List.of("a"), page("a", "x"), List.of("a", "b")))
        .singleElement()
        .asString()
        .contains("only entries the guestbook holds");
  }
}
