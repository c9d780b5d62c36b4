package dev.guestbook.app;

import java.util.List;

/** Where entries live. The app itself keeps no state: every task sees the same store. */
public interface EntryStore extends AutoCloseable {

  /** Raised when the store cannot be reached or answered with an error; maps to HTTP 503. */
  final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  List<String> entries();

  /** Appends and answers the list as it stands after the append. */
  List<String> append(Entry entry);

  /** Replication section of the store's INFO, as the original app's {@code /info} served it. */
  String replicationInfo();

  /** Throws {@link StoreUnavailableException} unless the store answers a liveness probe. */
  void ping();

  /** Where the store is, for health and error messages. */
  String describe();

  @Override
  void close();
}
