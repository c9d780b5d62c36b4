package dev.guestbook.harness.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one, or a check that a chosen one is free. */
public final class FreePorts {

  private FreePorts() {}

  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StackStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  /** Fails with one line naming the port and the setting it came from when something holds it. */
  public static void requireFree(int port, String setting) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    } catch (IOException e) {
      throw new StackStartException(
          "port " + port + " (" + setting + ") is already in use on 127.0.0.1", e);
    }
  }
}
