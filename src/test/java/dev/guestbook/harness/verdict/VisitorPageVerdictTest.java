package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a visitor's browser shows after signing, judged on the values a browser gives. */
class VisitorPageVerdictTest {

  private static final String AT = "http://127.0.0.1:8080/";
  private static final String ENTRY = "m1234567 first line\nsecond  line";

  @Test
  void theEntryOnceAsHeldAndAsShownPasses() {
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                List.of("other", ENTRY), List.of("other", ENTRY), ENTRY, "the visitor", AT))
        .isEmpty();
  }

  @Test
  void anEntryStoredTwiceIsRed() {
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                List.of(ENTRY, ENTRY), List.of(ENTRY, ENTRY), ENTRY, "the visitor", AT))
        .singleElement()
        .asString()
        .contains("expected once \"m1234567 first line\\nsecond  line\", saw 2 times");
  }

  @Test
  void anEntryCutShortOrMissingIsRedWithTheNearestOne() {
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                List.of("m1234567 first"), List.of("m1234567 first"), ENTRY, "the visitor", AT))
        .singleElement()
        .asString()
        .contains("saw 0 times; the nearest [\"m1234567 first\"]");
  }

  @Test
  void anEntryHeldButNotShownAsWrittenIsRed() {
    // hidden (the browser gives "") or laid out without its line break and double space
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                List.of(ENTRY), List.of(""), ENTRY, "the visitor", AT))
        .singleElement()
        .asString()
        .contains("entries as the page shows them to the visitor");
    assertThat(
            VisitorPageVerdict.entryShownOnce(
                List.of(ENTRY),
                List.of("m1234567 first line second line"),
                ENTRY,
                "the visitor",
                AT))
        .singleElement()
        .asString()
        .contains("not shown so; the nearest [\"m1234567 first line second line\"]");
  }

  @Test
  void aFormAnsweredWithThePageItselfIsRed() {
    assertThat(VisitorPageVerdict.backOnThePage("/", "Guestbook", 1, "Guestbook", AT)).isEmpty();
    assertThat(VisitorPageVerdict.backOnThePage("/", "Guestbook", 0, "Guestbook", AT))
        .singleElement()
        .asString()
        .contains(
            "expected 1: a form answered with the page itself is sent again by a reload, saw 0");
    assertThat(VisitorPageVerdict.backOnThePage("/rpush", "Error", 1, "Guestbook", AT)).hasSize(2);
  }

  @Test
  void aFieldThatCutOrChangedTheEntryIsRed() {
    assertThat(VisitorPageVerdict.fieldHeldTheEntry(ENTRY, ENTRY, AT)).isEmpty();
    assertThat(VisitorPageVerdict.fieldHeldTheEntry("😀".repeat(1000), "😀".repeat(500), AT))
        .singleElement()
        .asString()
        .contains("expected the entry as written, 1000 characters")
        .contains("500 characters");
  }
}
