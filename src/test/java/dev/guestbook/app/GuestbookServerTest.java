package dev.guestbook.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuestbookServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private GuestbookServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void signsListsAndRendersEscapedEntries() throws Exception {
    start(new ListStore());
    assertThat(get("/rpush/guestbook/%3Cb%3Ehi%3C%2Fb%3E").body())
        .isEqualTo("[\"\\u003cb\\u003ehi\\u003c/b\\u003e\"]");
    assertThat(get("/lrange/guestbook").body())
        .isEqualTo("[\"\\u003cb\\u003ehi\\u003c/b\\u003e\"]");
    HttpResponse<String> page = get("/");
    assertThat(page.body())
        .contains("<title>Guestbook</title>", "<li>&lt;b&gt;hi&lt;/b&gt;</li>")
        .doesNotContain("<b>hi</b>");
    assertThat(page.headers().firstValue("X-Served-By")).contains("test-task");
  }

  @Test
  void formPostStoresAndRedirects() throws Exception {
    ListStore store = new ListStore();
    start(store);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(url("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("entry=hello+there"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(store.entries()).containsExactly("hello there");
  }

  @Test
  void aFormsLineBreaksAreTheVisitorsNotTheBrowsers() throws Exception {
    ListStore store = new ListStore();
    start(store);
    http.send(
        HttpRequest.newBuilder(url("/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("entry=one%0D%0Atwo%0D%0A%0D%0Afour"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(store.entries()).containsExactly("one\ntwo\n\nfour");
  }

  @Test
  void badEntriesAre400JsonAndStoreNothing() throws Exception {
    ListStore store = new ListStore();
    start(store);
    for (String path :
        List.of(
            "/rpush/guestbook/",
            "/rpush/guestbook/%20%20",
            "/rpush/guestbook/" + "x".repeat(1001),
            "/rpush/guestbook/%FF",
            "/rpush/guestbook/a/b")) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(answer.body()).as(path).startsWith("{\"error\":");
    }
    assertThat(store.entries()).isEmpty();
  }

  @Test
  void storeOutageIs503JsonNotAHangOr500() throws Exception {
    start(new DownStore());
    HttpResponse<String> write = get("/rpush/guestbook/hello");
    assertThat(write.statusCode()).isEqualTo(503);
    assertThat(write.body()).contains("\"error\":", "Redis at nowhere:6379 is unavailable");
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"status\":\"unavailable\"", "\"reason\":");
  }

  @Test
  void healthIs200WhenTheStorePings() throws Exception {
    start(new ListStore());
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void hasNoEnvironmentDumpAndLogsOneLinePerRequest() throws Exception {
    start(new ListStore());
    assertThat(get("/env").statusCode()).isEqualTo(404);
    get("/healthz");
    // the line is written once the answer is sent: the client may see the answer first
    org.awaitility.Awaitility.await("one log line per request")
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              String[] lines = log.toString(StandardCharsets.UTF_8).strip().split("\n");
              assertThat(lines).hasSize(2);
              assertThat(lines[0]).contains("GET /env 404");
              assertThat(lines[1]).contains("GET /healthz 200");
            });
  }

  @Test
  void stopLetsAnInFlightRequestFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        new ListStore() {
          @Override
          public List<String> append(Entry entry) {
            entered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.append(entry);
          }
        });
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            HttpRequest.newBuilder(url("/rpush/guestbook/slow")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(10));
    release.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    stopping.get(10, TimeUnit.SECONDS);
    server = null;
  }

  private void start(EntryStore store) throws Exception {
    server =
        new GuestbookServer(
            store,
            new InetSocketAddress("127.0.0.1", 0),
            "test-task",
            new PrintStream(log, true, StandardCharsets.UTF_8));
    server.start();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static class ListStore extends InMemoryEntryStore {}

  private static final class DownStore extends ListStore {
    private StoreUnavailableException down() {
      return new StoreUnavailableException(
          "Redis at nowhere:6379 is unavailable: Connection refused", null);
    }

    @Override
    public List<String> entries() {
      throw down();
    }

    @Override
    public List<String> append(Entry entry) {
      throw down();
    }

    @Override
    public void ping() {
      throw down();
    }
  }
}
