package dev.guestbook.harness.stack.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guestbook.harness.stack.StackStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The embedded target's stand-in for the load balancer: an HTTP reverse proxy on 127.0.0.1 that
 * spreads requests round-robin over the running tasks. Like an ALB it resends nothing a task
 * accepted: each request goes to one task on a fresh connection ({@link TaskForwarder}); only a
 * connection that a task refused or never established is tried on the next task (standing in for
 * ECS's deregistration of a stopping task, which this target does not have). A task that accepted
 * the request and dropped it is a 502 for the visitor, naming the task. It does no active health
 * checks.
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
          "expect",
          "te",
          "trailer",
          "proxy-connection");

  private final HttpServer server;
  private final ExecutorService workers;
  private final TaskForwarder forwarder =
      new TaskForwarder(Duration.ofSeconds(2), Duration.ofSeconds(30));
  private final Supplier<List<URI>> upstreams;
  private final boolean retries;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<URI, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /**
   * @param retries whether a refused connection is retried on the next task (off only for a broken
   *     stack)
   */
  RoundRobinFrontDoor(Supplier<List<URI>> upstreams, boolean retries) {
    this.upstreams = upstreams;
    this.retries = retries;
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
      byte[] body = readBody(exchange);
      Optional<String> failure =
          sendToATask(
              exchange, pathAndQuery(exchange.getRequestURI()), forwardedHeaders(exchange), body);
      if (failure.isPresent()) {
        badGateway(exchange, failure.get());
      }
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static String pathAndQuery(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** The request's headers but the hop-by-hop ones, each value on its own. */
  private static List<Map.Entry<String, String>> forwardedHeaders(HttpExchange exchange) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> headers.add(Map.entry(name, value)));
              }
            });
    return headers;
  }

  /**
   * Relays the answer of the next task in turn; a request is sent to another task only when the
   * connection to this one was refused or never established.
   *
   * @return empty when an answer was relayed, else why none was
   */
  private Optional<String> sendToATask(
      HttpExchange exchange,
      String pathAndQuery,
      List<Map.Entry<String, String>> headers,
      byte[] body)
      throws IOException {
    List<URI> targets = upstreams.get();
    int start = Math.floorMod(next.getAndIncrement(), Math.max(1, targets.size()));
    int attempts = retries ? targets.size() : Math.min(1, targets.size());
    String failure = "no task to send to";
    for (int attempt = 0; attempt < attempts; attempt++) {
      URI target = targets.get((start + attempt) % targets.size());
      AtomicInteger sending = inFlight.computeIfAbsent(target, t -> new AtomicInteger());
      sending.incrementAndGet();
      try {
        relay(
            exchange,
            forwarder.send(target, exchange.getRequestMethod(), pathAndQuery, headers, body));
        return Optional.empty();
      } catch (TaskForwarder.NotReached e) {
        // Never reached that task: the next one may take it, as no request was sent.
        failure = "no task accepted the connection (" + (attempt + 1) + " tried)";
      } catch (TaskForwarder.Dropped e) {
        failure = e.getMessage();
        break;
      } finally {
        sending.decrementAndGet();
      }
    }
    return Optional.of(failure);
  }

  private static void badGateway(HttpExchange exchange, String failure) throws IOException {
    byte[] error =
        ("{\"error\":\"front door: " + failure.replace("\\", "\\\\").replace("\"", "'") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(502, error.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(error);
    }
  }

  private static void relay(HttpExchange exchange, TaskForwarder.Answer answer) throws IOException {
    for (Map.Entry<String, String> header : answer.headers()) {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        exchange.getResponseHeaders().add(header.getKey(), header.getValue());
      }
    }
    byte[] body = answer.body();
    boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.status(), empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Requests sent to {@code target} that have not ended yet. */
  int inFlight(URI target) {
    AtomicInteger n = inFlight.get(target);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
