package dev.guestbook.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The guestbook's HTTP API, compatible with the original example web app, on the JDK's built-in
 * HTTP server. {@code /env} of the original is deliberately gone: it dumped the environment.
 */
public final class GuestbookServer {

  private static final int MAX_FORM_BYTES = 16 * 1024;
  private static final String LIST_PATH = "/lrange/guestbook";
  private static final String PUSH_PREFIX = "/rpush/guestbook/";

  private final EntryStore store;
  private final HttpServer server;
  private final ExecutorService workers;
  private final PrintStream log;
  private final String instance;
  private final Object inFlightLock = new Object();
  private int inFlight;

  /**
   * @param instance what this task answers in {@code X-Served-By}, so a client can tell which task
   *     behind the load balancer served it
   */
  public GuestbookServer(
      EntryStore store, InetSocketAddress address, String instance, PrintStream log)
      throws IOException {
    this.store = store;
    this.log = log;
    this.instance = instance;
    this.server = HttpServer.create(address, 128);
    this.workers = Executors.newFixedThreadPool(32);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Lets in-flight requests finish (up to {@code graceSeconds}), stops the server, then closes the
   * store. This is what SIGTERM from ECS or Docker ends up calling. The JDK 17 server's own {@code
   * stop(delay)} always waits the whole delay (JDK-8304065), so requests are counted here.
   */
  public void stop(int graceSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
    synchronized (inFlightLock) {
      long left;
      while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    synchronized (inFlightLock) {
      inFlight++;
    }
    try {
      serve(exchange);
    } finally {
      synchronized (inFlightLock) {
        inFlight--;
        inFlightLock.notifyAll();
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    Response response;
    try {
      response = route(exchange);
    } catch (Entry.InvalidEntryException e) {
      response = Response.json(400, Json.object(Map.of("error", e.getMessage())));
    } catch (EntryStore.StoreUnavailableException e) {
      response = Response.json(503, Json.object(Map.of("error", e.getMessage())));
    } catch (RuntimeException e) {
      response = Response.json(500, Json.object(Map.of("error", "internal error: " + e)));
    }
    try (exchange) {
      exchange.getResponseHeaders().set("X-Served-By", instance);
      response.send(exchange);
    } finally {
      log.printf(
          "%s %s %s %d %dms%n",
          Instant.now(),
          exchange.getRequestMethod(),
          abbreviate(exchange.getRequestURI().getRawPath()),
          response.status(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private Response route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    boolean get = method.equals("GET") || method.equals("HEAD");
    if (path.equals("/") && get) {
      return Response.html(200, GuestbookPage.render(store.entries()));
    }
    if (path.equals("/") && method.equals("POST")) {
      store.append(new Entry(formEntry(exchange)));
      return Response.redirect("/");
    }
    if (path.equals(LIST_PATH) && get) {
      return Response.json(200, Json.array(store.entries()));
    }
    if (path.startsWith(PUSH_PREFIX) && get) {
      String raw = path.substring(PUSH_PREFIX.length());
      if (raw.contains("/")) {
        throw new Entry.InvalidEntryException(
            "an entry must be one path segment: encode '/' as %2F");
      }
      Entry entry = new Entry(PercentDecoding.pathSegment(raw));
      return Response.json(200, Json.array(store.append(entry)));
    }
    if (path.equals(PUSH_PREFIX.substring(0, PUSH_PREFIX.length() - 1)) && get) {
      throw new Entry.InvalidEntryException(
          "an entry must have 1 to " + Entry.MAX_CHARACTERS + " characters, was empty");
    }
    if (path.equals("/info") && get) {
      return Response.text(200, store.replicationInfo());
    }
    if (path.equals("/healthz") && get) {
      return health();
    }
    return Response.json(
        404, Json.object(Map.of("error", "no route for " + method + " " + abbreviate(path))));
  }

  private Response health() {
    try {
      store.ping();
      return Response.json(200, Json.object(Map.of("status", "ok", "store", store.describe())));
    } catch (EntryStore.StoreUnavailableException e) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("status", "unavailable");
      body.put("reason", e.getMessage());
      return Response.json(503, Json.object(body));
    }
  }

  private static String formEntry(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        throw new Entry.InvalidEntryException("form body larger than " + MAX_FORM_BYTES + " bytes");
      }
      for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals("entry")) {
          // a browser sends every line break of a textarea as CRLF; the visitor wrote LF
          return PercentDecoding.formValue(pair.substring(eq + 1)).replace("\r\n", "\n");
        }
      }
      throw new Entry.InvalidEntryException("the form has no 'entry' field");
    }
  }

  private static String abbreviate(String path) {
    return path.length() <= 120
        ? path
        : path.substring(0, 120) + "...(" + path.length() + " chars)";
  }

  private record Response(
      int status, String contentType, byte[] body, Map<String, String> headers) {

    static Response json(int status, String json) {
      return new Response(status, "application/json; charset=utf-8", utf8(json), Map.of());
    }

    static Response html(int status, String html) {
      return new Response(status, "text/html; charset=utf-8", utf8(html), Map.of());
    }

    static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", utf8(text), Map.of());
    }

    static Response redirect(String location) {
      return new Response(
          303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    private static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    void send(HttpExchange exchange) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (body.length == 0 || head) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
