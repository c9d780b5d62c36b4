package dev.guestbook.harness.sabotage;

import dev.guestbook.app.GuestbookMain;
import dev.guestbook.app.InMemoryEntryStore;

/**
 * A deliberately wrong guestbook for the harness's own tests: the real app (its HTTP layer, its
 * start-up and shutdown) over a store that keeps entries in this process's memory. It looks healthy
 * and answers every request, yet each task has its own guestbook and Redis stays empty; the specs
 * must catch that.
 */
public final class InMemoryGuestbook {

  private InMemoryGuestbook() {}

  public static void main(String[] args) {
    GuestbookMain.run(config -> new InMemoryEntryStore());
  }
}
