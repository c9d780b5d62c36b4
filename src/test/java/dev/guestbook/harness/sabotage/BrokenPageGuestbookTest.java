package dev.guestbook.harness.sabotage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.verdict.PageVerdict;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BrokenPageGuestbookTest {

  @Test
  void theNewestOnlyPageKeepsTheLastTenEntriesAndTheRestOfThePage() {
    String html =
        "<html><body><form></form>\n  <ul id=\"entries\">\n"
            + IntStream.rangeClosed(1, 12)
                .mapToObj(i -> "    <li>entry " + i + "\n line two</li>\n")
                .collect(Collectors.joining())
            + "  </ul>\n</body></html>\n";
    String broken = BrokenPageGuestbook.newestOnly(html);
    assertThat(PageVerdict.entriesOnPage(broken))
        .hasSize(10)
        .first()
        .isEqualTo("entry 3\n line two");
    assertThat(broken)
        .startsWith("<html><body><form></form>")
        .endsWith("  </ul>\n</body></html>\n");
    String few = html.replaceAll("(?s)    <li>entry (1[0-2]|[3-9]).*?</li>\n", "");
    assertThat(BrokenPageGuestbook.newestOnly(few)).isEqualTo(few);
  }
}
