package dev.guestbook.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessConfigTest {

  @TempDir Path dir;

  private Map<String, String> props(String... keyValues) throws Exception {
    Path jar = dir.resolve("app.jar");
    if (!Files.exists(jar)) {
      Files.createFile(jar);
    }
    Map<String, String> map = new HashMap<>(Map.of("bdi.app.jar", jar.toString()));
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void defaultsToTheEmbeddedTargetAndSaysWhereEachValueCameFrom() throws Exception {
    HarnessConfig config = HarnessConfig.resolve(props(), Map.of());
    assertThat(config.target()).isEqualTo(Target.EMBEDDED);
    assertThat(config.sabotage()).isEqualTo(Sabotage.NONE);
    assertThat(config.runId()).matches("gb-\\d{10}-[a-z0-9]{1,3}");
    assertThat(config.describe())
        .contains(
            "bdi.target=embedded (default)",
            "bdi.app.jar=" + dir.resolve("app.jar") + " (system property)");
  }

  @Test
  void systemPropertyBeatsEnvironmentBeatsDefault() throws Exception {
    HarnessConfig fromEnv =
        HarnessConfig.resolve(props(), Map.of("BDI_TARGET", "compose", "BDI_RUN_ID", "ci-42"));
    assertThat(fromEnv.target()).isEqualTo(Target.COMPOSE);
    assertThat(fromEnv.runId()).isEqualTo("ci-42");
    assertThat(fromEnv.describe()).contains("bdi.target=compose (env BDI_TARGET)");
    HarnessConfig fromProperty =
        HarnessConfig.resolve(props("bdi.target", "aws"), Map.of("BDI_TARGET", "compose"));
    assertThat(fromProperty.target()).isEqualTo(Target.AWS);
  }

  @Test
  void unknownTargetIsOneLineNamingTheChoices() throws Exception {
    assertThatThrownBy(() -> HarnessConfig.resolve(props("bdi.target", "kubernetes"), Map.of()))
        .isInstanceOf(HarnessConfigException.class)
        .hasMessage(
            "bdi.target: unknown target 'kubernetes'; expected one of embedded, compose, aws")
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  @Test
  void badNumbersAndRunIdsAreNamed() throws Exception {
    assertThatThrownBy(
            () -> HarnessConfig.resolve(props("bdi.embedded.redis-port", "redis"), Map.of()))
        .hasMessage("bdi.embedded.redis-port: 'redis' is not a whole number");
    assertThatThrownBy(
            () -> HarnessConfig.resolve(props("bdi.embedded.redis-port", "70000"), Map.of()))
        .hasMessage("bdi.embedded.redis-port: '70000' must be between 0 and 65535");
    assertThatThrownBy(() -> HarnessConfig.resolve(props("bdi.run-id", "Has Spaces"), Map.of()))
        .hasMessageStartingWith("bdi.run-id: 'Has Spaces' must be");
    assertThatThrownBy(
            () -> HarnessConfig.resolve(props("bdi.run-id", "a-run-id-of-twenty-c"), Map.of()))
        .hasMessageContaining("must be 3-19 characters long");
  }

  /**
   * Run ids that a Terraform plan accepts but AWS rejects in ALB, target group and ElastiCache
   * names; the same cases are in terraform/tests/variables.tftest.hcl.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"gb-1-", "gb--1", "-gb1", "Gb-1", "gb_1", "ab", "a-run-id-of-twenty-c"})
  void runIdsThatAwsWouldRejectAreRefusedUpFront(String runId) {
    assertThat(RunIdRule.problem(runId)).as(runId).isPresent();
    assertThatThrownBy(() -> HarnessConfig.resolve(props("bdi.run-id", runId), Map.of()))
        .hasMessageStartingWith("bdi.run-id: '" + runId + "' must be")
        .hasMessageContaining("(it goes into resource names)");
  }

  @Test
  void terraformValidatesRunIdsWithTheSameRule() throws Exception {
    String variables = Files.readString(Path.of("terraform", "variables.tf"));
    assertThat(variables)
        .as("terraform/variables.tf validates var.run_id with RunIdRule's regex and lengths")
        .contains("can(regex(\"" + RunIdRule.REGEX + "\", var.run_id))")
        .contains("length(var.run_id) >= " + RunIdRule.MIN_LENGTH)
        .contains("length(var.run_id) <= " + RunIdRule.MAX_LENGTH);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"gb-1126-abc", "n42-1", "abc", "a-run-id-of-ninetee"})
  void goodRunIdsPass(String runId) {
    assertThat(RunIdRule.problem(runId)).as(runId).isEmpty();
    assertThatThrownBy(() -> HarnessConfig.resolve(props("bdi.sabotage", "everything"), Map.of()))
        .hasMessageStartingWith("bdi.sabotage: unknown value 'everything'");
  }

  @Test
  void missingAppJarSaysHowToBuildIt() {
    assertThatThrownBy(
            () ->
                HarnessConfig.resolve(
                    Map.of("bdi.app.jar", dir.resolve("nope.jar").toString()), Map.of()))
        .hasMessageContaining("no app jar at")
        .hasMessageContaining("mvn package");
  }

  @Test
  void teardownPolicyAndAwsSettings() throws Exception {
    HarnessConfig config =
        HarnessConfig.resolve(
            props("bdi.teardown", "on-success", "bdi.aws.region", "eu-west-1"), Map.of());
    assertThat(config.aws().teardown()).isEqualTo(AwsSettings.Teardown.ON_SUCCESS);
    assertThat(config.aws().region()).contains("eu-west-1");
    assertThat(HarnessConfig.resolve(props(), Map.of()).aws().teardown())
        .isEqualTo(AwsSettings.Teardown.ALWAYS);
    assertThatThrownBy(() -> HarnessConfig.resolve(props("bdi.teardown", "sometimes"), Map.of()))
        .hasMessage(
            "bdi.teardown: unknown policy 'sometimes'; expected one of always, on-success, never");
  }
}
