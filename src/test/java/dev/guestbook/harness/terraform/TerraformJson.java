package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.text.Text;
import java.io.IOException;

/** The JSON Terraform prints ({@code -json}), read one way, with one message when it is none. */
final class TerraformJson {

  /** A verbose plan line or the provider's schema is megabytes in one JSON document. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(200_000_000).build());
  }

  private TerraformJson() {}

  /**
   * {@code printed} as JSON; else a {@link TerraformConfigException} "{@code what} is not JSON"
   * with the parser's first line, keeping its cause.
   *
   * @param what what printed it, e.g. {@code terraform show -json}
   */
  static JsonNode read(String what, String printed) {
    try {
      return MAPPER.readTree(printed);
    } catch (IOException e) {
      throw new TerraformConfigException(
          what + " is not JSON: " + Text.firstLine(e.getMessage()), e);
    }
  }
}
