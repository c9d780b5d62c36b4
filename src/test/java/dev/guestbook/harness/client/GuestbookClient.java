package dev.guestbook.harness.client;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The guestbook's HTTP API as a visitor uses it, through one base address (the front door or a
 * single task). One request specification per client: no REST Assured global state.
 */
public final class GuestbookClient {

  private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final URI base;
  private final RequestSpecification spec;

  public GuestbookClient(URI base) {
    this.base = base;
    this.spec =
        new RequestSpecBuilder()
            .setBaseUri(base.toString())
            .setUrlEncodingEnabled(false)
            .setConfig(
                RestAssuredConfig.config()
                    .redirect(RedirectConfig.redirectConfig().followRedirects(false))
                    .httpClient(
                        HttpClientConfig.httpClientConfig()
                            .setParam("http.connection.timeout", CONNECT_TIMEOUT_MILLIS)
                            .setParam("http.socket.timeout", READ_TIMEOUT_MILLIS)))
            .build();
  }

  public URI base() {
    return base;
  }

  /** {@code GET /}: the HTML page. */
  public HttpResult frontPage() {
    return get("/");
  }

  /**
   * {@code GET /rpush/guestbook/{entry}}: signs the guestbook (the entry is percent-encoded here).
   */
  public HttpResult sign(String entry) {
    return get("/rpush/guestbook/" + encodePathSegment(entry));
  }

  /** {@code GET /lrange/guestbook}: the raw answer. */
  public HttpResult listing() {
    return get("/lrange/guestbook");
  }

  /** The entries and the exchange that carried them (who answered, from where). */
  public record Listing(HttpResult answer, List<String> entries) {}

  /**
   * {@code GET /lrange/guestbook}, parsed; fails with the exchange when it is not a 200 JSON array.
   */
  public Listing read() {
    Response response = request("/lrange/guestbook");
    HttpResult result = toResult("/lrange/guestbook", response);
    if (result.status() != 200 || !result.contentType().startsWith("application/json")) {
      throw new AssertionError("expected 200 with a JSON array of entries, got " + result);
    }
    return new Listing(result, response.jsonPath().getList("$", String.class));
  }

  /** The entries alone, see {@link #read()}. */
  public List<String> entries() {
    return read().entries();
  }

  /** {@code GET /healthz}. */
  public HttpResult health() {
    return get("/healthz");
  }

  public HttpResult get(String path) {
    return toResult(path, request(path));
  }

  private Response request(String path) {
    return given(spec).get(path);
  }

  private HttpResult toResult(String path, Response response) {
    String servedBy = response.getHeader("X-Served-By");
    String type = response.getContentType();
    return new HttpResult(
        base.resolve(path),
        response.statusCode(),
        response.asString(),
        servedBy == null ? "" : servedBy,
        type == null ? "" : type);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters, on UTF-8 bytes. */
  static String encodePathSegment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
