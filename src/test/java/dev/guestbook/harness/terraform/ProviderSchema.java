package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the AWS provider's schema ({@code terraform providers schema -json}) says of each resource
 * and data source type: its computed top-level attributes and their types, written {@code string},
 * {@code number}, {@code bool}, {@code list(string)}, {@code set(string)}, {@code map(string)} or
 * {@code list(object)} (any other shape). The reading makes values only for attributes that exist
 * and only in the type the schema gives, so a made-up value is never refused for its type.
 */
final class ProviderSchema {

  private static final ObjectMapper JSON = TerraformJson.MAPPER;

  private final Map<String, Map<String, String>> resources;
  private final Map<String, Map<String, String>> data;

  private ProviderSchema(
      Map<String, Map<String, String>> resources, Map<String, Map<String, String>> data) {
    this.resources = resources;
    this.data = data;
  }

  /** The computed attributes of a managed resource type (aliases as written), by name. */
  Map<String, String> resource(String type) {
    return resources.getOrDefault(type, Map.of());
  }

  /** The computed attributes of a data source type, by name. */
  Map<String, String> data(String type) {
    return data.getOrDefault(type, Map.of());
  }

  /** Reads the output of {@code terraform providers schema -json}: the AWS provider's part. */
  static ProviderSchema parse(String json) {
    JsonNode root = TerraformJson.read("terraform providers schema -json", json);
    Map<String, Map<String, String>> resources = new TreeMap<>();
    Map<String, Map<String, String>> data = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("provider_schemas").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> provider = it.next();
      if (!provider.getKey().endsWith("/aws")) {
        continue;
      }
      collect(provider.getValue().path("resource_schemas"), resources);
      collect(provider.getValue().path("data_source_schemas"), data);
    }
    return new ProviderSchema(resources, data);
  }

  private static void collect(JsonNode schemas, Map<String, Map<String, String>> out) {
    schemas
        .fields()
        .forEachRemaining(
            type -> {
              Map<String, String> attributes = new TreeMap<>();
              type.getValue()
                  .path("block")
                  .path("attributes")
                  .fields()
                  .forEachRemaining(
                      a -> {
                        if (a.getValue().path("computed").asBoolean(false)) {
                          attributes.put(a.getKey(), typeName(a.getValue().path("type")));
                        }
                      });
              out.put(type.getKey(), attributes);
            });
  }

  /** {@code "string"} → {@code string}, {@code ["list","string"]} → {@code list(string)}. */
  static String typeName(JsonNode type) {
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray() && type.size() == 2 && type.get(1).isTextual()) {
      return type.get(0).asText() + "(" + type.get(1).asText() + ")";
    }
    if (type.isArray() && type.size() == 2) {
      return type.get(0).asText() + "(" + type.get(1).path(0).asText("object") + ")";
    }
    return "other";
  }

  /** The compact form, for the reading's cache. */
  String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("resources", resources);
    out.put("data", data);
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  static ProviderSchema fromJson(String json) {
    try {
      Map<String, Map<String, Map<String, String>>> in =
          JSON.readValue(json, new TypeReference<>() {});
      return new ProviderSchema(in.get("resources"), in.get("data"));
    } catch (IOException e) {
      throw new TerraformConfigException("the cached provider schema is not readable", e);
    }
  }
}
