package dev.guestbook.harness.stack.compose;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in task behind the compose front door, run in a container by {@code FrontDoorRetriesIT}
 * (JDK only, one class file): {@code healthy} answers every request 200 and prints {@code served}
 * for each; {@code dropping} accepts each connection, reads the start of the request, prints {@code
 * dropped} and resets the connection without answering (a task that dies with the request).
 */
public final class ProbeTask {

  private ProbeTask() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "healthy" -> healthy(port);
      case "dropping" -> dropping(port);
      default -> throw new IllegalArgumentException("probe task: unknown kind " + args[0]);
    }
  }

  private static void healthy(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            System.out.println("served " + exchange.getRequestMethod());
            System.out.flush();
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Served-By", "healthy");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.start();
    System.out.println("probe task healthy on " + port);
  }

  private static void dropping(int port) throws IOException {
    try (ServerSocket listening = new ServerSocket(port, 64)) {
      System.out.println("probe task dropping on " + port);
      while (true) {
        try (Socket s = listening.accept()) {
          InputStream in = s.getInputStream();
          if (in.read(new byte[64]) > 0) {
            System.out.println("dropped");
            System.out.flush();
          }
          s.setSoLinger(true, 0);
        }
      }
    }
  }
}
