package dev.guestbook.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries in this process's memory: the app's HTTP layer over a store that is not Redis, for the
 * app's own tests and for the harness's deliberately wrong "in-memory" guestbook.
 */
public class InMemoryEntryStore implements EntryStore {

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

  /** Always answers: health alone proves nothing about where entries are kept. */
  @Override
  public void ping() {}

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
