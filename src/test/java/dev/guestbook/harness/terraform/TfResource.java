package dev.guestbook.harness.terraform;

import java.nio.file.Path;
import java.util.Map;

/**
 * One {@code resource "type" "name"} block as parsed: attribute values are literals (strings,
 * doubles, booleans, lists, maps) or, for expressions, their reference text such as {@code
 * aws_security_group.service.id} or {@code var.desired_count}.
 */
public record TfResource(String type, String name, Path file, Map<String, Object> body) {

  public String address() {
    return type + "." + name;
  }
}
