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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * The real app behind a broken page. A broken form ({@code GUESTBOOK_FORM}): {@code POST /} answers
 * 303 back to the page, as if signed, and either stores nothing ({@code stores-nothing}) or stores
 * whatever the form held, unchecked, straight into Redis ({@code skips-checks}: an over-long or
 * blank entry too). A broken page ({@code GUESTBOOK_PAGE}): {@code GET /} shows only the newest 10
 * entries ({@code newest-10}) while the JSON listing has all, or draws the entries white on the
 * white page ({@code white-on-white}). Every other request reaches the real app (on a loopback port
 * of its own) unchanged. Only a spec that reads the page, or signs through its form, can tell.
 */
public final class BrokenPageGuestbook {

  private static final Set<String> NOT_PASSED =
      Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

  static final String FORM = "GUESTBOOK_FORM";
  static final String PAGE = "GUESTBOOK_PAGE";

  /** {@code newest-10} shows this many entries on the page. */
  static final int SHOWN = 10;

  private static final UnaryOperator<String> UNCHANGED = html -> html;

  private static final Pattern ENTRY = Pattern.compile("    <li>.*?</li>\n", Pattern.DOTALL);

  private BrokenPageGuestbook() {}

  public static void main(String[] args) throws IOException {
    AppConfig config = AppConfig.fromEnvironment(System.getenv());
    String breakage = System.getenv().getOrDefault(FORM, "as-built");
    String page = System.getenv().getOrDefault(PAGE, "as-built");
    boolean storesUnchecked =
        switch (breakage) {
          case "as-built", "stores-nothing" -> false;
          case "skips-checks" -> true;
          default ->
              throw new IllegalArgumentException(
                  FORM + ": unknown form breakage '" + breakage + "'");
        };
    UnaryOperator<String> pageChange =
        switch (page) {
          case "as-built" -> UNCHANGED;
          case "newest-10" -> BrokenPageGuestbook::newestOnly;
          case "white-on-white" ->
              html ->
                  html.replace("</head>", "  <style>#entries li { color: #fff; }</style>\n</head>");
          default ->
              throw new IllegalArgumentException(PAGE + ": unknown page breakage '" + page + "'");
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
            if (!"as-built".equals(breakage)
                && exchange.getRequestMethod().equals("POST")
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
            boolean thePage =
                exchange.getRequestMethod().equals("GET")
                    && exchange.getRequestURI().getRawPath().equals("/");
            pass(client, inside, exchange, thePage ? pageChange : UNCHANGED);
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
            + " (form "
            + breakage
            + ", page "
            + page
            + ")");
  }

  /** The page with only its newest {@value #SHOWN} entries (the last ones of its list). */
  static String newestOnly(String html) {
    List<MatchResult> entries = ENTRY.matcher(html).results().toList();
    if (entries.size() <= SHOWN) {
      return html;
    }
    int from = entries.get(0).start();
    int keptFrom = entries.get(entries.size() - SHOWN).start();
    return html.substring(0, from) + html.substring(keptFrom);
  }

  private static void pass(
      HttpClient client, URI inside, HttpExchange exchange, UnaryOperator<String> change)
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
    byte[] out =
        change == UNCHANGED
            ? answer.body()
            : change.apply(new String(answer.body(), UTF_8)).getBytes(UTF_8);
    boolean empty = out.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : out.length);
    if (!empty) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }
}
