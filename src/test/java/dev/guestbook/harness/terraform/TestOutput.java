package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The lines {@code terraform test -json -verbose} prints: one JSON message per line. */
final class TestOutput {

  /** A verbose plan line carries the provider's schemas: megabytes in one JSON document. */
  static final ObjectMapper JSON = TerraformJson.MAPPER;

  private TestOutput() {}

  /** The first message of {@code type} of run {@code run}; none is a configuration error. */
  static JsonNode message(String ndjson, String type, String run) {
    for (String line : ndjson.split("\n")) {
      if (line.startsWith("{")
          && line.contains("\"type\":\"" + type + "\"")
          && line.contains("\"@testrun\":\"" + run + "\"")) {
        JsonNode message = line(line);
        if (type.equals(message.path("type").asText())
            && run.equals(message.path("@testrun").asText())) {
          return message.path(type);
        }
      }
    }
    throw new TerraformConfigException(
        "terraform test printed no "
            + type.replace("test_", "")
            + " of run \""
            + run
            + "\" (is it Terraform >= 1.7?)");
  }

  /** One printed line as JSON. */
  static JsonNode line(String line) {
    return TerraformJson.read("a line of terraform test -json", line);
  }
}
