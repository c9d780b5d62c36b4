package dev.guestbook.harness.client;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.exception.JsonPathException;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.http.client.HttpClient;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;

/**
 * The guestbook's HTTP API as a visitor uses it, through one base address (the front door or a
 * single task): the harness's one HTTP client. One REST Assured request specification per client
 * (no global state); REST Assured encodes the path parameters. It answers what came back and never
 * judges it: the steps and verdicts do.
 */
public final class GuestbookClient {

  private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final RequestSpecification spec;

  public GuestbookClient(URI base) {
    this(base, READ_TIMEOUT);
  }

  /** A client whose answers must come within {@code readTimeout} (a health probe's is short). */
  public GuestbookClient(URI base, Duration readTimeout) {
    this.base = base;
    this.spec =
        new RequestSpecBuilder()
            .setBaseUri(base.toString())
            .setConfig(
                RestAssuredConfig.config()
                    .redirect(RedirectConfig.redirectConfig().followRedirects(false))
                    .httpClient(
                        HttpClientConfig.httpClientConfig()
                            .httpClientFactory(GuestbookClient::neverResending)
                            .setParam("http.connection.timeout", CONNECT_TIMEOUT_MILLIS)
                            .setParam("http.socket.timeout", (int) readTimeout.toMillis())))
            .build();
  }

  /**
   * Apache HttpClient as REST Assured makes it, but without its retry handler: by default it sends
   * a GET (signing is one) up to three more times when the connection dies after the request was
   * sent, so a request a task dropped would look answered. A visitor's browser does not do that
   * through a load balancer's 502, and neither does a visitor here.
   */
  @SuppressWarnings("deprecation")
  private static HttpClient neverResending() {
    DefaultHttpClient client = new DefaultHttpClient();
    client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
    return client;
  }

  public URI base() {
    return base;
  }

  /** {@code GET /}: the HTML page. */
  public HttpResult frontPage() {
    return get("/");
  }

  /** {@code GET /rpush/guestbook/{entry}}: signs the guestbook; the entry is a path parameter. */
  public HttpResult sign(String entry) {
    return exchange(request -> request.pathParam("entry", entry).get("/rpush/guestbook/{entry}"))
        .result();
  }

  /**
   * {@code POST /} with the page's form, form-encoded as a browser sends it (UTF-8, spaces as
   * {@code +}, every line break as CRLF); the answer as it comes (a 303 is not followed).
   */
  public HttpResult signThroughForm(String entry) {
    String body = "entry=" + URLEncoder.encode(entry.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    return exchange(
            request ->
                request
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .body(body)
                    .post("/"))
        .result();
  }

  /** {@code GET /lrange/guestbook}: the raw answer. */
  public HttpResult listing() {
    return get("/lrange/guestbook");
  }

  /**
   * The exchange, and the entries when the answer is a 200 JSON array of strings (empty otherwise).
   */
  public record Listing(HttpResult answer, Optional<List<String>> entries) {}

  /** {@code GET /lrange/guestbook}, parsed when it is a 200 JSON array. */
  public Listing read() {
    Exchange exchange = exchange(request -> request.get("/lrange/guestbook"));
    HttpResult result = exchange.result();
    Response response = exchange.response();
    if (result.status() != 200 || !result.contentType().startsWith("application/json")) {
      return new Listing(result, Optional.empty());
    }
    try {
      return new Listing(result, Optional.of(response.jsonPath().getList("$", String.class)));
    } catch (JsonPathException | ClassCastException e) {
      return new Listing(result, Optional.empty());
    }
  }

  /** {@code GET /healthz}. */
  public HttpResult health() {
    return get("/healthz");
  }

  public HttpResult get(String path) {
    return exchange(request -> request.get(path)).result();
  }

  private record Exchange(Response response, HttpResult result) {}

  /** One request; the URL in the result is the one sent, as REST Assured encoded it. */
  private Exchange exchange(Function<RequestSpecification, Response> send) {
    AtomicReference<String> sent = new AtomicReference<>(base.toString());
    AtomicReference<String> method = new AtomicReference<>("GET");
    Response response =
        send.apply(
            given(spec)
                .filter(
                    (request, answer, next) -> {
                      sent.set(request.getURI());
                      method.set(request.getMethod());
                      return next.next(request, answer);
                    }));
    String servedBy = response.getHeader("X-Served-By");
    String type = response.getContentType();
    HttpResult result =
        new HttpResult(
            URI.create(sent.get()),
            response.statusCode(),
            response.asString(),
            servedBy == null ? "" : servedBy,
            type == null ? "" : type,
            Duration.ofMillis(response.timeIn(TimeUnit.MILLISECONDS)),
            method.get());
    return new Exchange(response, result);
  }
}
