package dev.guestbook.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestbookClientTest {

  @Test
  void encodesEverythingButUnreservedCharacters() {
    assertThat(GuestbookClient.encodePathSegment("a b/c+ü✓"))
        .isEqualTo("a%20b%2Fc%2B%C3%BC%E2%9C%93");
    assertThat(GuestbookClient.encodePathSegment("Az09-._~")).isEqualTo("Az09-._~");
  }
}
