package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerVerdictTest {

  private static final List<String> SIGNED = List.of("a", "b", "c", "d");

  @Test
  void everyEntryOnceInOrderPassesWhateverElseIsListed() {
    assertThat(LedgerVerdict.keptInOrder(SIGNED, List.of("x", "a", "b", "y", "c", "d"), "gb"))
        .isEmpty();
  }

  @Test
  void aStackThatKeepsOnlyTheNewestEntriesIsCaught() {
    assertThat(LedgerVerdict.keptInOrder(SIGNED, List.of("c", "d"), "gb"))
        .singleElement()
        .asString()
        .isEqualTo("gb: acknowledged entries: expected all 4 listed, saw 2 lost: [a, b]");
  }

  @Test
  void aReorderedListingIsCaught() {
    assertThat(LedgerVerdict.keptInOrder(SIGNED, List.of("d", "c", "b", "a"), "gb"))
        .singleElement()
        .asString()
        .contains("order of acknowledged entries: expected 'a' before 'b', as signed");
  }

  @Test
  void anEntryListedTwiceIsCaught() {
    assertThat(LedgerVerdict.keptInOrder(SIGNED, List.of("a", "b", "b", "c", "d"), "gb"))
        .singleElement()
        .asString()
        .contains("each listed exactly once, saw listed more than once: [b]");
  }

  @Test
  void signedAtTheSameMomentEachIsListedOnceInAnyOrder() {
    List<String> acknowledged = List.of("r1 v1", "r1 v2", "r1 v3");
    assertThat(LedgerVerdict.keptOnce(acknowledged, List.of("x", "r1 v3", "r1 v1", "r1 v2"), "lb"))
        .isEmpty();
    // a read-modify-write append: two signings wrote back lists without each other's entry
    assertThat(LedgerVerdict.keptOnce(acknowledged, List.of("r1 v3", "r1 v1"), "lb"))
        .singleElement()
        .asString()
        .isEqualTo("lb: acknowledged entries: expected all 3 listed, saw 1 lost: [r1 v2]");
  }
}
