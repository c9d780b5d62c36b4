package dev.guestbook.harness.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void firstAndLastLinesSkipBlankLines() {
    assertThat(Text.firstLine("\n  \n  Error: boom  \nmore\n")).isEqualTo("Error: boom");
    assertThat(Text.lastLine("one\ntwo  \n\n")).isEqualTo("two");
    assertThat(Text.firstLine("   ")).isEqualTo("(no output)");
    assertThat(Text.lastLine((String) null)).isEqualTo("(no output)");
  }

  @Test
  void theFirstLineOfAnErrorIsItsRootCauses() {
    Exception wrapped =
        new IllegalStateException("outer", new UncheckedIOException(new IOException("disk\nfull")));
    assertThat(Text.firstLine(wrapped)).isEqualTo("disk");
    assertThat(Text.firstLine(new IllegalStateException()))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void oneLineFoldsWhitespaceAndSaysWhatWasCut() {
    assertThat(Text.oneLine("a\n  b\tc", 100)).isEqualTo("a b c");
    assertThat(Text.oneLine("abcdefghij", 4)).isEqualTo("abcd...(10 chars)");
    assertThat(Text.abbreviate("abc", 3)).isEqualTo("abc");
  }
}
