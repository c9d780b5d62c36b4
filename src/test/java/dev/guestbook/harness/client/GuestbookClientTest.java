package dev.guestbook.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a local server that records what it was sent and answers as told. */
class GuestbookClientTest {

  private HttpServer server;
  private final AtomicReference<String> rawPath = new AtomicReference<>();
  private final AtomicReference<String> contentType = new AtomicReference<>("application/json");
  private final AtomicReference<String> body = new AtomicReference<>("[]");

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/",
        exchange -> {
          rawPath.set(exchange.getRequestURI().getRawPath());
          byte[] answer = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType.get());
          exchange.getResponseHeaders().add("X-Served-By", "task-7");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private GuestbookClient client() {
    return new GuestbookClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @Test
  void anEntryIsSentAsOnePercentEncodedPathSegment() {
    HttpResult answer = client().sign("a b/c+ü✓");

    assertThat(rawPath.get()).isEqualTo("/rpush/guestbook/a%20b%2Fc%2B%C3%BC%E2%9C%93");
    assertThat(answer.url().getRawPath()).isEqualTo(rawPath.get());
    assertThat(answer.servedBy()).isEqualTo("task-7");
  }

  @Test
  void aListingIsParsedOnlyWhenItIsAJsonArray() {
    body.set("[\"one\",\"two\"]");
    assertThat(client().read().entries()).contains(List.of("one", "two"));

    contentType.set("text/html");
    GuestbookClient.Listing html = client().read();
    assertThat(html.entries()).isEqualTo(Optional.empty());
    assertThat(html.answer().contentType()).startsWith("text/html");

    contentType.set("application/json");
    body.set("{\"error\":\"redis down\"}");
    assertThat(client().read().entries()).isEqualTo(Optional.empty());
  }

  @Test
  void aRequestTheServerDroppedIsNotSentAgain() throws IOException {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket dropping = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread dropper =
          new Thread(
              () -> {
                while (!dropping.isClosed()) {
                  try (Socket s = dropping.accept()) {
                    accepted.incrementAndGet();
                    s.getInputStream().read(new byte[64]);
                    s.setSoLinger(true, 0);
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      dropper.setDaemon(true);
      dropper.start();
      GuestbookClient client =
          new GuestbookClient(URI.create("http://127.0.0.1:" + dropping.getLocalPort()));

      assertThatThrownBy(() -> client.sign("once")).isNotNull();
      assertThat(accepted)
          .as("connections for one signing (Apache HttpClient resends a GET 3 times by default)")
          .hasValue(1);
    }
  }
}
