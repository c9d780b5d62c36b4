package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guestbook.harness.text.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's coordinates, from {@code terraform output -json}: an object of {@code {"name":
 * {"sensitive": bool, "type": ..., "value": ...}}} (Terraform's documented format).
 */
public record TerraformOutputs(
    String albDnsName,
    String ecrRepositoryUrl,
    String clusterName,
    String serviceName,
    String redisEndpoint,
    int redisPort,
    String targetGroupArn,
    String logGroupName,
    String taskDefinitionArn) {

  /** Parses the JSON; a missing or empty output is named in one line. */
  public static TerraformOutputs parse(String json) {
    JsonNode root = TerraformJson.read("terraform output -json", json);
    if (root == null || !root.isObject()) {
      throw new TerraformConfigException(
          "terraform output -json is not an object: " + Text.abbreviate(json, 200));
    }
    List<String> missing = new ArrayList<>();
    TerraformOutputs outputs =
        new TerraformOutputs(
            text(root, "alb_dns_name", missing),
            text(root, "ecr_repository_url", missing),
            text(root, "cluster_name", missing),
            text(root, "service_name", missing),
            optionalText(root, "redis_endpoint", NO_CACHE_NODE),
            number(root, "redis_port", missing),
            text(root, "target_group_arn", missing),
            text(root, "log_group_name", missing),
            text(root, "task_definition_arn", missing));
    if (!missing.isEmpty()) {
      throw new TerraformConfigException(
          "terraform output -json lacks " + missing + " (is the state from this configuration?)");
    }
    return outputs;
  }

  /** What redis_endpoint reads as when ElastiCache answered no cache node (Terraform drops it). */
  public static final String NO_CACHE_NODE = "(none: ElastiCache reported no cache node)";

  private static String optionalText(JsonNode root, String name, String absent) {
    JsonNode value = root.path(name).path("value");
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : absent;
  }

  private static String text(JsonNode root, String name, List<String> missing) {
    JsonNode value = root.path(name).path("value");
    if (!value.isTextual() || value.asText().isBlank()) {
      missing.add(name);
      return "";
    }
    return value.asText();
  }

  private static int number(JsonNode root, String name, List<String> missing) {
    JsonNode value = root.path(name).path("value");
    if (!value.canConvertToInt()) {
      missing.add(name);
      return 0;
    }
    return value.asInt();
  }
}
