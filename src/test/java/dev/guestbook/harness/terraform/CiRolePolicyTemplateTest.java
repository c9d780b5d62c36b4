package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiRolePolicyTemplateTest {

  /** One source: the file the rules and the emulator checks read is the template's rendering. */
  @Test
  void theShippedPolicyIsTheTemplateRenderedForTheDefaultPrefix() throws IOException {
    String rendered =
        CiRolePolicyTemplate.render(CiRolePolicyTemplate.TEMPLATE, CiRolePolicyTemplate.DEFAULTS);
    assertThat(Files.readString(CiRolePolicyTemplate.RENDERED))
        .as(
            "%s must be %s rendered for %s: render it again",
            CiRolePolicyTemplate.RENDERED,
            CiRolePolicyTemplate.TEMPLATE,
            CiRolePolicyTemplate.DEFAULTS)
        .isEqualTo(rendered);
  }

  @Test
  void theShippedBoundaryIsItsTemplateRenderedForTheDefaultPrefix() throws IOException {
    String rendered =
        CiRolePolicyTemplate.render(
            CiRolePolicyTemplate.BOUNDARY_TEMPLATE, Map.of("name_prefix", "guestbook"));
    assertThat(Files.readString(CiRolePolicyTemplate.BOUNDARY_RENDERED))
        .as(
            "%s must be %s rendered for guestbook: render it again",
            CiRolePolicyTemplate.BOUNDARY_RENDERED, CiRolePolicyTemplate.BOUNDARY_TEMPLATE)
        .isEqualTo(rendered);
    assertThat(
            CiRolePolicyTemplate.render(
                CiRolePolicyTemplate.BOUNDARY_TEMPLATE, Map.of("name_prefix", "shop")))
        .contains("repository/shop-*", "log-group:/ecs/shop-*:*")
        .doesNotContain("guestbook");
  }

  @Test
  void anotherPrefixNamesNoGuestbookResource() {
    CiRolePolicy shop = CiRolePolicyTemplate.policy("shop", "state");
    assertThat(shop.statements())
        .allSatisfy(s -> assertThat(s.resources()).noneMatch(r -> r.contains("guestbook")));
    assertThat(shop.statements())
        .anySatisfy(
            s -> assertThat(s.conditionValues("aws:RequestTag/Project")).containsExactly("shop"));
  }

  /**
   * The managed policies the role template attaches (the network statements and the reads, the
   * rest) each fit AWS's 6,144 characters (whitespace not counted), with the longest prefix.
   */
  @Test
  void eachManagedPolicyOfTheRoleTemplateFitsAwsLimit() throws IOException {
    CiRolePolicy longest =
        CiRolePolicyTemplate.policy("abcdefghijkl", "a".repeat(63)); // 12: name_prefix's limit
    JsonNode doc =
        TerraformJson.MAPPER.readTree(
            CiRolePolicyTemplate.render(
                CiRolePolicyTemplate.TEMPLATE,
                Map.of("name_prefix", "abcdefghijkl", "state_bucket", "a".repeat(63))));
    var first = TerraformJson.MAPPER.createArrayNode();
    var second = TerraformJson.MAPPER.createArrayNode();
    for (JsonNode s : doc.get("Statement")) {
      String sid = s.get("Sid").asText();
      (sid.startsWith("Network") || sid.equals("ReadsAndListsTakeEveryResource") ? first : second)
          .add(s);
    }
    for (var part : java.util.List.of(first, second)) {
      String json =
          TerraformJson.MAPPER.writeValueAsString(
              TerraformJson.MAPPER
                  .createObjectNode()
                  .put("Version", "2012-10-17")
                  .set("Statement", part));
      assertThat(json.length()).as("a managed policy of %s", longest.where()).isLessThan(6144);
    }
  }

  @Test
  void theTrustPolicyAdmitsOneRepositoryAndBranchWithGitHubsAudience() {
    var trust =
        CiRoleTrust.judge(
            CiRolePolicyTemplate.render(
                CiRolePolicyTemplate.TRUST,
                Map.of(
                    "oidc_provider_arn",
                    "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                    "github_repository",
                    "octo-org/guestbook",
                    "github_branch",
                    "main")),
            "octo-org/guestbook",
            "main");
    assertThat(trust).isEmpty();
  }

  @Test
  void aTrustPolicyForEveryBranchOrWithoutTheAudienceIsRed() {
    String wide =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com\"},"
            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{"
            + "\"token.actions.githubusercontent.com:sub\":\"repo:octo-org/guestbook:*\"}}}]}";
    assertThat(CiRoleTrust.judge(wide, "octo-org/guestbook", "main"))
        .extracting(Object::toString)
        .anySatisfy(f -> assertThat(f).contains("token.actions.githubusercontent.com:sub"))
        .anySatisfy(f -> assertThat(f).contains("token.actions.githubusercontent.com:aud"));
  }

  @Test
  void onlyPlainInterpolationsAreRendered(@TempDir Path dir) throws IOException {
    Path template = dir.resolve("t.tftpl");
    Files.writeString(template, "%{ for x in y }${x}%{ endfor }");
    assertThatThrownBy(() -> CiRolePolicyTemplate.render(template, Map.of()))
        .hasMessageContaining("no %{ } directives");
    Files.writeString(template, "${unknown}");
    assertThatThrownBy(() -> CiRolePolicyTemplate.render(template, Map.of()))
        .hasMessageContaining("no value for ${unknown}");
  }
}
