package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guestbook.harness.verdict.TagVerdict.StateResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The managed resources of a state, from {@code terraform show -json} (its documented format). */
public final class TerraformState {

  private TerraformState() {}

  /** Every managed resource in the root module and its child modules, with its AWS ids. */
  public static List<StateResource> resources(String showJson) {
    JsonNode root = TerraformJson.read("terraform show -json", showJson);
    List<StateResource> out = new ArrayList<>();
    collect(root.path("values").path("root_module"), out);
    return out;
  }

  private static void collect(JsonNode module, List<StateResource> out) {
    for (JsonNode resource : module.path("resources")) {
      if (!"managed".equals(resource.path("mode").asText())) {
        continue;
      }
      Set<String> ids = new LinkedHashSet<>();
      for (String field : List.of("arn", "id", "name")) {
        String value = resource.path("values").path(field).asText("");
        if (!value.isBlank()) {
          ids.add(value);
        }
      }
      out.add(
          new StateResource(
              resource.path("address").asText(), resource.path("type").asText(), ids));
    }
    for (JsonNode child : module.path("child_modules")) {
      collect(child, out);
    }
  }
}
