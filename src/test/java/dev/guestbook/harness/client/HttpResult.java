package dev.guestbook.harness.client;

import java.net.URI;

/**
 * One HTTP exchange with the guestbook, kept whole for failure messages.
 *
 * @param url what was asked
 * @param status the answer's status code
 * @param body the answer's body (possibly abbreviated by {@link #toString()})
 * @param servedBy which task answered ({@code X-Served-By}), empty if none said
 * @param contentType the answer's content type
 */
public record HttpResult(URI url, int status, String body, String servedBy, String contentType) {

  @Override
  public String toString() {
    String shown =
        body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + " chars)" : body;
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
