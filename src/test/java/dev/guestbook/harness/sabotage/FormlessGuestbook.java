package dev.guestbook.harness.sabotage;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guestbook.app.AppConfig;
import dev.guestbook.app.GuestbookServer;
import dev.guestbook.app.RedisEntryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import redis.clients.jedis.Jedis;

/**
 * The real app behind a broken form: {@code POST /} answers 303 back to the page, as if signed, and
 * either stores nothing ({@code GUESTBOOK_FORM=stores-nothing}) or stores whatever the form held,
 * unchecked, straight into Redis ({@code GUESTBOOK_FORM=skips-checks}: an over-long or blank entry
 * too); every other request reaches the real app (on a loopback port of its own) unchanged. Only a
 * spec that signs through the page's form can tell.
 */
public final class FormlessGuestbook {

  private static final Set<String> NOT_PASSED =
      Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

  static final String FORM = "GUESTBOOK_FORM";

  private FormlessGuestbook() {}

  public static void main(String[] args) throws IOException {
    AppConfig config = AppConfig.fromEnvironment(System.getenv());
    String breakage = System.getenv().getOrDefault(FORM, "stores-nothing");
    boolean storesUnchecked =
        switch (breakage) {
          case "stores-nothing" -> false;
          case "skips-checks" -> true;
          default ->
              throw new IllegalArgumentException(
                  FORM + ": unknown form breakage '" + breakage + "'");
        };
    Jedis redis = new Jedis(config.redisHost(), config.redisPort());
    GuestbookServer real =
        new GuestbookServer(
            new RedisEntryStore(config.redisHost(), config.redisPort()),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            config.instance(),
            System.out);
    real.start();
    URI inside = URI.create("http://127.0.0.1:" + real.port());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpServer front = HttpServer.create(new InetSocketAddress(config.port()), 128);
    front.setExecutor(Executors.newFixedThreadPool(16));
    front.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getRawPath().equals("/")) {
              String form = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
              if (storesUnchecked && form.startsWith("entry=")) {
                synchronized (redis) {
                  // line breaks as the app stores them: only the checks are skipped
                  String entry = URLDecoder.decode(form.substring(6), UTF_8).replace("\r\n", "\n");
                  redis.rpush("guestbook", entry);
                }
              }
              exchange.getResponseHeaders().set("Location", "/");
              exchange.getResponseHeaders().set("X-Served-By", config.instance());
              exchange.sendResponseHeaders(303, -1);
              return;
            }
            pass(client, inside, exchange);
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  front.stop(0);
                  real.stop(1);
                  redis.close();
                }));
    front.start();
    System.out.println(
        "guestbook: listening on port "
            + config.port()
            + (storesUnchecked ? " (the form stores unchecked)" : " (the form stores nothing)"));
  }

  private static void pass(HttpClient client, URI inside, HttpExchange exchange)
      throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(inside.resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(10))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] out = answer.body();
    boolean empty = out.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : out.length);
    if (!empty) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }
}
