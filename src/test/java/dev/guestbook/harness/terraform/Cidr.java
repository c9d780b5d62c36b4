package dev.guestbook.harness.terraform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** An IPv4 or IPv6 block: its address bits and prefix length. */
record Cidr(byte[] address, int prefix) {

  /** Private, shared, link-local and loopback ranges: a source inside them is not the internet. */
  private static final List<String> NOT_INTERNET =
      List.of(
          "10.0.0.0/8",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "100.64.0.0/10",
          "169.254.0.0/16",
          "127.0.0.0/8",
          "fc00::/7",
          "fe80::/10",
          "::1/128");

  static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0
        || !text.matches("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*)/\\d{1,3}")) {
      return Optional.empty();
    }
    try {
      // a literal address only (the pattern above): no name is ever looked up
      byte[] address = InetAddress.getByName(text.substring(0, slash)).getAddress();
      int prefix = Integer.parseInt(text.substring(slash + 1));
      return prefix <= address.length * 8
          ? Optional.of(new Cidr(address, prefix))
          : Optional.empty();
    } catch (UnknownHostException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A source CIDR reaches the internet unless it lies wholly inside a private range: {@code
   * 0.0.0.0/1} is half the internet, {@code 203.0.113.7/32} one host of it. A prefix list (or
   * anything that is no CIDR) cannot be judged here and does not count.
   */
  static boolean reachesTheInternet(String source) {
    Optional<Cidr> cidr = parse(source);
    return cidr.isPresent()
        && NOT_INTERNET.stream()
            .map(Cidr::parse)
            .flatMap(Optional::stream)
            .noneMatch(range -> range.contains(cidr.get()));
  }

  /** {@code other} lies wholly inside this block. */
  boolean contains(Cidr other) {
    if (other.address.length != address.length || other.prefix < prefix) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((address[bit / 8] & mask) != (other.address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
