package dev.guestbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecodingTest {

  @Test
  void decodesUtf8Escapes() {
    assertThat(PercentDecoding.pathSegment("gr%C3%BC%C3%9Fe%20%E2%9C%93")).isEqualTo("grüße ✓");
  }

  @Test
  void plusIsLiteralInPathsAndSpaceInForms() {
    assertThat(PercentDecoding.pathSegment("a+b")).isEqualTo("a+b");
    assertThat(PercentDecoding.formValue("a+b")).isEqualTo("a b");
  }

  @Test
  void keepsRawNonAsciiCharacters() {
    assertThat(PercentDecoding.pathSegment("😀x")).isEqualTo("😀x");
  }

  @Test
  void refusesMalformedEscapesAndInvalidUtf8() {
    assertThatThrownBy(() -> PercentDecoding.pathSegment("abc%2"))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> PercentDecoding.pathSegment("%G1")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> PercentDecoding.pathSegment("%FF%FE")).hasMessageContaining("UTF-8");
  }
}
