package dev.guestbook.harness.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded front door resends only what never reached a task, as an ALB would: a refused
 * connection goes to the next task; a request a task accepted and dropped is the visitor's 502.
 */
class RoundRobinFrontDoorTest {

  private HttpServer healthy;
  private final AtomicInteger healthyRequests = new AtomicInteger();
  private ServerSocket dropping;
  private final AtomicInteger droppedConnections = new AtomicInteger();
  private Thread dropper;

  @BeforeEach
  void start() throws IOException {
    healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    healthy.createContext(
        "/",
        exchange -> {
          healthyRequests.incrementAndGet();
          byte[] answer = "[\"ok\"]".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Served-By", "healthy");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    healthy.start();
    // a task that accepts the connection, reads the request's first bytes and closes: dropped
    dropping = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    dropper =
        new Thread(
            () -> {
              while (!dropping.isClosed()) {
                try (Socket s = dropping.accept()) {
                  droppedConnections.incrementAndGet();
                  InputStream in = s.getInputStream();
                  in.read(new byte[64]);
                  s.setSoLinger(true, 0);
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "dropping-task");
    dropper.setDaemon(true);
    dropper.start();
  }

  @AfterEach
  void stop() throws IOException {
    healthy.stop(0);
    dropping.close();
  }

  private URI healthyUrl() {
    return URI.create("http://127.0.0.1:" + healthy.getAddress().getPort());
  }

  private URI droppingUrl() {
    return URI.create("http://127.0.0.1:" + dropping.getLocalPort());
  }

  private static URI refusingUrl() throws IOException {
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + closed.getLocalPort());
    }
  }

  @Test
  void aRefusedConnectionGoesToTheNextTask() throws IOException {
    URI refusing = refusingUrl();
    try (RoundRobinFrontDoor door =
        new RoundRobinFrontDoor(() -> List.of(refusing, healthyUrl()), true)) {
      HttpResult answer = new GuestbookClient(door.url()).listing();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.servedBy()).isEqualTo("healthy");
    }
  }

  @Test
  void aRequestATaskAcceptedAndDroppedIsA502AndNotResent() {
    try (RoundRobinFrontDoor door =
        new RoundRobinFrontDoor(() -> List.of(droppingUrl(), healthyUrl()), true)) {
      HttpResult answer = new GuestbookClient(door.url()).sign("once");

      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body()).contains(droppingUrl().toString()).contains("dropped");
      assertThat(droppedConnections).as("connections the dropping task accepted").hasValue(1);
      assertThat(healthyRequests).as("requests resent to the other task").hasValue(0);
    }
  }

  @Test
  void withoutRetriesARefusedConnectionIsA502() throws IOException {
    URI refusing = refusingUrl();
    try (RoundRobinFrontDoor door =
        new RoundRobinFrontDoor(() -> List.of(refusing, healthyUrl()), false)) {
      HttpResult answer = new GuestbookClient(door.url()).listing();

      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body()).contains("no task accepted the connection");
    }
  }
}
