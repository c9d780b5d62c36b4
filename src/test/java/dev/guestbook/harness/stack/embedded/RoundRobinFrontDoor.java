package dev.guestbook.harness.stack.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guestbook.harness.stack.StackStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The embedded target's stand-in for the load balancer: an HTTP reverse proxy on 127.0.0.1 that
 * spreads requests round-robin over the running tasks and, like nginx's {@code proxy_next_upstream
 * error}, tries the next task when one refuses the connection. It does no active health checks.
 * Being part of the stand-in stack (a server that forwards), it forwards with the JDK's HTTP
 * client; the harness's own requests all go through {@code GuestbookClient}.
 */
final class RoundRobinFrontDoor implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "transfer-encoding",
          "keep-alive",
          "upgrade",
          "expect");

  private final HttpServer server;
  private final ExecutorService workers;
  private final HttpClient http;
  private final Supplier<List<URI>> upstreams;
  private final boolean retries;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param retries whether a refused connection is retried on the next task (off only for a broken
   *     stack)
   */
  RoundRobinFrontDoor(Supplier<List<URI>> upstreams, boolean retries) {
    this.upstreams = upstreams;
    this.retries = retries;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new StackStartException(
          "embedded target: cannot open the front door on 127.0.0.1: " + e.getMessage(), e);
    }
    this.workers =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "front-door");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(workers);
    server.createContext("/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      List<URI> targets = upstreams.get();
      int start = Math.floorMod(next.getAndIncrement(), Math.max(1, targets.size()));
      int attempts = retries ? targets.size() : Math.min(1, targets.size());
      for (int attempt = 0; attempt < attempts; attempt++) {
        URI target = targets.get((start + attempt) % targets.size());
        try {
          HttpResponse<byte[]> answer =
              http.send(request(exchange, target, body), HttpResponse.BodyHandlers.ofByteArray());
          relay(exchange, answer);
          return;
        } catch (ConnectException | HttpConnectTimeoutException e) {
          // That task is gone: try the next one, as a load balancer retries a refused connection.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      byte[] error =
          ("{\"error\":\"front door: no task accepted the connection ("
                  + targets.size()
                  + " tried)\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(502, error.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(error);
      }
    }
  }

  private static HttpRequest request(HttpExchange exchange, URI target, byte[] body) {
    URI uri =
        URI.create(
            target.toString()
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    return builder.build();
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] body = answer.body();
    boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
