package dev.guestbook.harness.client;

import dev.guestbook.harness.text.Text;
import java.net.URI;
import java.time.Duration;

/**
 * One HTTP exchange with the guestbook, kept whole for failure messages.
 *
 * @param url what was asked
 * @param status the answer's status code
 * @param body the answer's body (possibly abbreviated by {@link #toString()})
 * @param servedBy which task answered ({@code X-Served-By}), empty if none said
 * @param contentType the answer's content type
 * @param took the exchange itself, as the HTTP client measured it; negative when it could not
 * @param method the request's method ({@code GET}, {@code POST})
 */
public record HttpResult(
    URI url,
    int status,
    String body,
    String servedBy,
    String contentType,
    Duration took,
    String method) {

  public HttpResult(URI url, int status, String body, String servedBy, String contentType) {
    this(url, status, body, servedBy, contentType, Duration.ofMillis(-1), "GET");
  }

  /** The answer without the request: status, who answered, the (abbreviated) body. */
  public String summary() {
    return status
        + " ("
        + (contentType.isEmpty() ? "no content type" : contentType)
        + ") from "
        + (servedBy.isEmpty() ? "?" : servedBy)
        + ": "
        + Text.abbreviate(body, 300);
  }

  @Override
  public String toString() {
    String shown = Text.abbreviate(body, 300);
    return "GET "
        + url
        + " -> "
        + status
        + " from "
        + (servedBy.isEmpty() ? "?" : servedBy)
        + ": "
        + shown;
  }
}
