package dev.guestbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntryTest {

  @Test
  void acceptsOneToAThousandCharacters() {
    assertThat(new Entry("a").text()).isEqualTo("a");
    assertThat(new Entry("x".repeat(1000)).text()).hasSize(1000);
  }

  @Test
  void countsCharactersNotBytesOrUtf16Units() {
    String thousandEmoji = "😀".repeat(1000); // 2000 UTF-16 units, 4000 UTF-8 bytes
    assertThat(new Entry(thousandEmoji).text()).isEqualTo(thousandEmoji);
    assertThatThrownBy(() -> new Entry("😀".repeat(1001))).hasMessageContaining("had 1001");
  }

  @Test
  void refusesEmptyBlankAndOversize() {
    assertThatThrownBy(() -> new Entry(""))
        .isInstanceOf(Entry.InvalidEntryException.class)
        .hasMessageContaining("was empty");
    assertThatThrownBy(() -> new Entry(" \t ")).hasMessageContaining("white space");
    assertThatThrownBy(() -> new Entry("x".repeat(1001)))
        .hasMessageContaining("1 to 1000 characters, had 1001");
  }

  @Test
  void refusesLoneSurrogates() {
    assertThatThrownBy(() -> new Entry("a\uD800b")).hasMessageContaining("UTF-8");
  }
}
