package dev.guestbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/** The store against a real redis-server: entries survive a restart, and so does the pool. */
class RedisEntryStoreTest {

  @TempDir Path data;

  @Test
  void theFirstWriteAfterARedisRestartSucceeds() throws IOException {
    int port = freePort();
    RedisServer redis =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("appendonly yes")
            .setting("appendfsync always")
            .setting("dir " + data.toAbsolutePath())
            .build();
    redis.start();
    try (RedisEntryStore store = new RedisEntryStore("127.0.0.1", port)) {
      store.append(new Entry("before"));
      redis.stop();
      redis.start();
      // The pool still holds the connection from before the restart: it must not answer for it.
      assertThat(store.append(new Entry("after"))).containsExactly("before", "after");
    } finally {
      redis.stop();
    }
  }

  @Test
  void aStoppedRedisIsUnavailableNamingWhere() throws IOException {
    int port = freePort();
    try (RedisEntryStore store = new RedisEntryStore("127.0.0.1", port)) {
      assertThatThrownBy(store::ping)
          .isInstanceOf(EntryStore.StoreUnavailableException.class)
          .hasMessageContaining("Redis at 127.0.0.1:" + port + " is unavailable");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
