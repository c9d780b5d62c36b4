package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** ECS task definitions as the rules read them: the one a service names, and its containers. */
final class TaskDefinitions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskDefinitions() {}

  /** The task definition a service names: by ARN, by family, or by {@code family:revision}. */
  static Optional<Resource> taskDefinition(TerraformReading reading, Object named) {
    if (named == null) {
      return Optional.empty();
    }
    String text = String.valueOf(named);
    return reading.resources("aws_ecs_task_definition").stream()
        .filter(
            t ->
                text.equals(t.values().get("arn"))
                    || text.equals(t.values().get("arn_without_revision"))
                    || text.equals(t.values().get("family"))
                    || text.startsWith(t.values().get("family") + ":"))
        .findFirst();
  }

  /** The value of the container's environment variable {@code name}, if it sets one. */
  static Optional<Object> env(Map<String, Object> container, String name) {
    return list(container.get("environment")).stream()
        .filter(e -> name.equals(TerraformReading.at(e, "name")))
        .map(e -> TerraformReading.at(e, "value"))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The task's container definitions, parsed; a finding when they are no JSON list. */
  static Optional<List<Map<String, Object>>> containers(Resource task, Findings found) {
    Object definitions = task.at("container_definitions");
    try {
      List<Map<String, Object>> parsed =
          JSON.readValue(String.valueOf(definitions), new TypeReference<>() {});
      return Optional.of(parsed);
    } catch (IOException e) {
      found.expect(
          task,
          "container_definitions",
          false,
          "a JSON list of container definitions",
          Text.abbreviate(String.valueOf(definitions), 120));
      return Optional.empty();
    }
  }
}
