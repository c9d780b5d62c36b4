package dev.guestbook.harness.stack;

import java.util.List;
import java.util.Optional;

/**
 * What a stack publishes on the host it runs on.
 *
 * @param ports every published port, or empty with {@code unknown} saying why it cannot be told
 * @param unknown why this target has no such answer (then {@code ports} is empty)
 */
public record HostExposure(List<PublishedPort> ports, Optional<String> unknown) {

  /**
   * One published port.
   *
   * @param service the compose service (or component) that publishes it
   * @param containerPort the port inside
   * @param hostIp the host address it is bound to ({@code 0.0.0.0}: every interface)
   * @param hostPort the port on the host
   */
  public record PublishedPort(String service, int containerPort, String hostIp, int hostPort) {
    @Override
    public String toString() {
      return service + " " + containerPort + " on " + hostIp + ":" + hostPort;
    }
  }

  public HostExposure {
    ports = List.copyOf(ports);
  }

  public static HostExposure of(List<PublishedPort> ports) {
    return new HostExposure(ports, Optional.empty());
  }

  public static HostExposure unknown(String why) {
    return new HostExposure(List.of(), Optional.of(why));
  }
}
