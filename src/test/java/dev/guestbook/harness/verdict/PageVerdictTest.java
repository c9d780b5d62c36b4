package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.HttpResult;
import java.net.URI;
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
}
