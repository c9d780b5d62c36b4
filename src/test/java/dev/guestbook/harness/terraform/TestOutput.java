package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.text.Text;
import java.io.IOException;

/** The lines {@code terraform test -json -verbose} prints: one JSON message per line. */
final class TestOutput {

  /** A verbose plan line carries the provider's schemas: megabytes in one JSON document. */
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(200_000_000).build());
  }

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
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new TerraformConfigException(
          "terraform test printed a line that is not JSON: " + Text.firstLine(e.getMessage()), e);
    }
  }
}
