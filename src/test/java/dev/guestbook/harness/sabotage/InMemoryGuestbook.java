package dev.guestbook.harness.sabotage;

import dev.guestbook.app.Entry;
import dev.guestbook.app.EntryStore;
import dev.guestbook.app.GuestbookServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

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
    GuestbookServer server = new GuestbookServer(new MemoryStore(), new InetSocketAddress(port), instance, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
    server.start();
    System.out.println("in-memory guestbook (sabotage) listening on port " + port);
  }

  private static final class MemoryStore implements EntryStore {
    private final List<String> entries = new ArrayList<>();

    @Override
    public synchronized List<String> entries() {
      return List.copyOf(entries);
    }

    @Override
    public synchronized List<String> append(Entry entry) {
      entries.add(entry.text());
      return List.copyOf(entries);
    }

    @Override
    public String replicationInfo() {
      return "# Replication\r\nrole:master\r\n";
    }

    @Override
    public void ping() {
      // always "healthy": the point is that health alone proves nothing about storage
    }

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public void close() {}
  }
}
