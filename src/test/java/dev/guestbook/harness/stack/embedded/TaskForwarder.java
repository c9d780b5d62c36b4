package dev.guestbook.harness.stack.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to one task, as an ALB sends it: a fresh connection, the request once, the answer
 * read to its end. Nothing here resends: a connection the task refused (or that was never
 * established) is {@link NotReached}, and the front door may try the next task; a task that
 * accepted the request and then closed, reset or stopped answering is {@link Dropped} — the visitor
 * gets a 502, as from a load balancer whose target dropped the request.
 */
final class TaskForwarder {

  /** The request never reached the task: nothing was sent. */
  static final class NotReached extends IOException {
    NotReached(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The task accepted the connection, took (part of) the request and gave no complete answer. */
  static final class Dropped extends IOException {
    Dropped(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A task's complete answer. */
  record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

  private final Duration connectTimeout;
  private final Duration readTimeout;

  TaskForwarder(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * Sends {@code method target+pathAndQuery} with {@code headers} (hop-by-hop ones already left
   * out) and {@code body} on a new connection that the answer closes.
   */
  Answer send(
      URI target,
      String method,
      String pathAndQuery,
      List<Map.Entry<String, String>> headers,
      byte[] body)
      throws NotReached, Dropped {
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(target.getHost(), target.getPort()),
          (int) connectTimeout.toMillis());
    } catch (IOException e) {
      closeQuietly(socket);
      throw new NotReached(target + " did not accept the connection: " + e, e);
    }
    try {
      socket.setSoTimeout((int) readTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head(target, method, pathAndQuery, headers, body).getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()), method);
    } catch (SocketTimeoutException e) {
      throw new Dropped(
          target + " accepted the request and sent no answer within " + readTimeout, e);
    } catch (IOException | RuntimeException e) {
      throw new Dropped(target + " accepted the request and dropped it: " + e.getMessage(), e);
    } finally {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the answer (or the failure) is already in hand
    }
  }

  private static String head(
      URI target,
      String method,
      String pathAndQuery,
      List<Map.Entry<String, String>> headers,
      byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
    head.append("Host: ")
        .append(target.getHost())
        .append(':')
        .append(target.getPort())
        .append("\r\n");
    headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  /** The status line, the headers and the body (by length, chunked, or to the end). */
  private static Answer read(InputStream in, String method) throws IOException {
    String status = line(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: '" + status + "'");
    }
    int code = Integer.parseInt(parts[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long length = -1;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("a malformed header line: '" + header + "'");
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (lower.equals("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      }
      headers.add(Map.entry(name, value));
    }
    boolean bodiless = method.equals("HEAD") || code == 204 || code == 304 || code < 200;
    byte[] body =
        bodiless
            ? new byte[0]
            : chunked ? chunked(in) : length >= 0 ? exactly(in, length) : in.readAllBytes();
    return new Answer(code, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers: not relayed
        }
        return body.toByteArray();
      }
      body.write(exactly(in, n));
      line(in);
    }
  }

  private static byte[] exactly(InputStream in, long n) throws IOException {
    byte[] bytes = in.readNBytes((int) n);
    if (bytes.length < n) {
      throw new IOException("the answer ended after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  /** One CRLF-terminated line; the end of the stream before it is a dropped answer. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException(
            line.size() == 0
                ? "the connection closed before an answer"
                : "the answer ended mid-line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
