package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.client.GuestbookClient;
import java.util.List;

/** Reading the guestbook is itself a check: the answer must be a 200 JSON array of entries. */
final class Entries {

  private Entries() {}

  static GuestbookClient.Listing read(GuestbookClient client) {
    GuestbookClient.Listing listing = client.read();
    assertThat(listing.entries())
        .as(
            "the guestbook's entries through %s: expected 200 with a JSON array of entries, got %s",
            client.base(), listing.answer())
        .isPresent();
    return listing;
  }

  static List<String> of(GuestbookClient client) {
    return read(client).entries().orElseThrow();
  }
}
