package dev.guestbook.harness.sabotage;

import dev.guestbook.app.GuestbookServer;
import dev.guestbook.app.InMemoryEntryStore;
import java.net.InetSocketAddress;

/**
 * A deliberately wrong guestbook for the harness's own tests: the real HTTP layer over a store that
 * keeps entries in this process's memory. It looks healthy and answers every request, yet each task
 * has its own guestbook and Redis stays empty; the specs must catch that.
 */
public final class InMemoryGuestbook {

  private InMemoryGuestbook() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
    String instance = System.getenv().getOrDefault("GUESTBOOK_INSTANCE", "in-memory");
    GuestbookServer server =
        new GuestbookServer(
            new InMemoryEntryStore(), new InetSocketAddress(port), instance, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
    server.start();
    System.out.println("in-memory guestbook (sabotage) listening on port " + port);
  }
}
