package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a reading is put together from terraform test's JSON lines, on lines written by hand. */
class TerraformReadingTest {

  @TempDir Path dir;

  private static final String PLAN =
      "{\"@testrun\":\"provider_plan\",\"test_plan\":{\"resource_changes\":["
          + "{\"address\":\"aws_alb.main\",\"mode\":\"managed\",\"type\":\"aws_alb\",\"name\":\"main\","
          + "\"change\":{\"after\":{\"name\":\"gb-x\",\"security_groups\":[null]},"
          + "\"after_unknown\":{\"id\":true,\"security_groups\":[true]}}},"
          + "{\"address\":\"aws_security_group_rule.r\",\"mode\":\"managed\",\"type\":\"aws_security_group_rule\",\"name\":\"r\","
          + "\"change\":{\"after\":{\"cidr_blocks\":[\"0.0.0.0/0\"]},"
          + "\"after_unknown\":{\"security_group_id\":true,\"source_security_group_id\":true}}},"
          + "{\"address\":\"aws_security_group.lb\",\"mode\":\"managed\",\"type\":\"aws_security_group\",\"name\":\"lb\","
          + "\"change\":{\"after\":{},\"after_unknown\":{\"id\":true}}},"
          + "{\"address\":\"data.aws_region.x\",\"mode\":\"data\",\"type\":\"aws_region\",\"name\":\"x\","
          + "\"change\":{\"after\":{}}}"
          + "]},\"type\":\"test_plan\"}";

  private static final String STATE =
      "{\"@testrun\":\"mocked_apply\",\"test_state\":{\"root_module\":{\"resources\":["
          + "{\"address\":\"aws_alb.main\",\"mode\":\"managed\",\"values\":{\"id\":\"lb-main\",\"name\":\"gb-x\",\"security_groups\":[\"sg7lb0ab\"]}},"
          + "{\"address\":\"aws_security_group.lb\",\"mode\":\"managed\",\"values\":{\"id\":\"sg7lb0ab\"}},"
          + "{\"address\":\"aws_security_group_rule.r\",\"mode\":\"managed\",\"values\":"
          + "{\"security_group_id\":\"sg7lb0ab\",\"source_security_group_id\":\"qel2yzh7\",\"cidr_blocks\":[\"0.0.0.0/0\"]}}"
          + "]}},\"type\":\"test_state\"}";

  @Test
  void mergesThePlanWithTheMockedApplyAndReadsAliasesAsTheirType() throws IOException {
    Files.writeString(dir.resolve("lb.tf"), "\n\nresource \"aws_alb\" \"main\" {\n}\n");
    TerraformReading reading =
        TerraformReading.parse(
            dir,
            "rid",
            "not json\n" + PLAN + "\n" + STATE + "\n",
            "provider_plan",
            "mocked_apply",
            Locator.of(dir));
    assertThat(reading.resources()).hasSize(3);
    TerraformReading.Resource lb = reading.resources("aws_lb").get(0);
    assertThat(lb.declaredType()).isEqualTo("aws_alb");
    assertThat(lb.values()).containsEntry("name", "gb-x").containsEntry("id", "lb-main");
    assertThat(lb.at("security_groups.0")).isEqualTo("sg7lb0ab");
    assertThat(lb.knownInPlan("name")).isTrue();
    assertThat(lb.knownInPlan("id")).isFalse();
    assertThat(lb.declared()).hasToString(dir.resolve("lb.tf") + ":3");
    assertThat(reading.name("sg7lb0ab", Set.of("aws_security_group")))
        .isEqualTo("aws_security_group.lb");

    TerraformReading.Resource rule = reading.resources("aws_security_group_rule").get(0);
    assertThat(rule.values().get("security_group_id")).isEqualTo("sg7lb0ab");
    assertThat(rule.values().get("source_security_group_id"))
        .as("made up by the mock, referenced by nothing: no relation")
        .isNull();
    assertThat(rule.declared()).as("no header found: the directory").hasToString(dir.toString());
  }

  @Test
  void withoutThePlanOrTheStateItSaysWhich() {
    assertThatThrownBy(
            () ->
                TerraformReading.parse(
                    dir, "rid", STATE, "provider_plan", "mocked_apply", Locator.of(dir)))
        .isInstanceOf(TerraformConfigException.class)
        .hasMessage(
            "terraform test printed no plan of run \"provider_plan\" (is it Terraform >= 1.7?)");
  }

  @Test
  void terraformsErrorsBecomeOneLineEachWithFileAndLine() {
    Path work = dir.resolve("work");
    String diagnostic =
        "{\"diagnostic\":{\"severity\":\"error\",\"summary\":\"Unsupported argument\","
            + "\"detail\":\"An argument named \\\"nope\\\" is not expected here.\\nSecond line.\","
            + "\"address\":\"aws_vpc.main\",\"range\":{\"filename\":\"network.tf\",\"start\":{\"line\":4}}},"
            + "\"type\":\"diagnostic\"}";
    String warning =
        "{\"diagnostic\":{\"severity\":\"warning\",\"summary\":\"meh\"},\"type\":\"diagnostic\"}";
    assertThat(
            OfflineReading.errors(diagnostic + "\n" + warning + "\n", Path.of("terraform"), work))
        .containsExactly(
            "terraform/network.tf:4: aws_vpc.main: Unsupported argument: An argument named \"nope\""
                + " is not expected here. Second line.");
  }

  @Test
  void initsTextErrorBecomesOneLineWithFileAndLine() {
    String output =
        "Error: Terraform encountered problems during initialisation, including problems\n"
            + "with the configuration, described below.\n\n"
            + "Error: Invalid expression\n\n"
            + "  on broken.tf line 2, in resource \"aws_vpc\" \"x\":\n"
            + "   2:   cidr_block = \n\n"
            + "Expected the start of an expression, but found an invalid expression token.\n";
    assertThat(OfflineReading.textError(output, Path.of("terraform")))
        .contains(
            "terraform/broken.tf:2: Invalid expression: Expected the start of an expression, but"
                + " found an invalid expression token.");
    assertThat(OfflineReading.textError("Error: no place\n", Path.of("terraform"))).isEmpty();
  }

  @Test
  void instancesThatDifferBetweenThePlanAndTheMockedApplyAreNotPaired() {
    String state = STATE.replace("aws_security_group.lb\"", "aws_security_group.other\"");
    assertThatThrownBy(
            () ->
                TerraformReading.parse(
                    dir,
                    "rid",
                    PLAN + "\n" + state,
                    "provider_plan",
                    "mocked_apply",
                    Locator.of(dir)))
        .isInstanceOf(TerraformConfigException.class)
        .hasMessageContaining("made different instances")
        .hasMessageContaining(
            "only planned [aws_security_group.lb], only mocked [aws_security_group.other]");
  }
}
