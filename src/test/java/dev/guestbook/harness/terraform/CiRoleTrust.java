package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CI role's trust policy (terraform/ci-role/ci-role-trust-policy.json.tftpl, rendered): only
 * GitHub's OIDC provider, only tokens for AWS ({@code aud} sts.amazonaws.com), only workflows of
 * one repository on one branch ({@code sub} {@code repo:OWNER/REPO:ref:refs/heads/BRANCH}, matched
 * exactly: a {@code StringLike} with a wildcard would admit every branch, pull request or fork
 * environment). Pure: judged on the document.
 */
public final class CiRoleTrust {

  static final String TOKEN = "token.actions.githubusercontent.com";

  private CiRoleTrust() {}

  /** What in {@code json} admits more than {@code repository}'s {@code branch}, each a finding. */
  public static List<Finding> judge(String json, String repository, String branch) {
    JsonNode doc;
    try {
      doc = TerraformJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the trust policy is not JSON: " + e.getMessage(), e);
    }
    String subject = "repo:" + repository + ":ref:refs/heads/" + branch;
    List<Finding> findings = new ArrayList<>();
    int i = 0;
    for (JsonNode s : doc.path("Statement")) {
      String where = "trust policy: statement " + s.path("Sid").asText("#" + ++i);
      if (!"Allow".equals(s.path("Effect").asText())) {
        continue;
      }
      String federated = s.path("Principal").path("Federated").asText("");
      if (!federated.endsWith(":oidc-provider/" + TOKEN) || s.path("Principal").size() != 1) {
        findings.add(
            new Finding(
                where, "Principal", "only GitHub's OIDC provider", s.path("Principal").toString()));
      }
      if (!"sts:AssumeRoleWithWebIdentity".equals(s.path("Action").asText())) {
        findings.add(
            new Finding(
                where,
                "Action",
                "sts:AssumeRoleWithWebIdentity only",
                s.path("Action").toString()));
      }
      JsonNode equals = s.path("Condition").path("StringEquals");
      if (s.path("Condition").size() != 1 || !equals.isObject()) {
        findings.add(
            new Finding(
                where,
                "Condition",
                "StringEquals only (no StringLike wildcards)",
                s.path("Condition").toString()));
      }
      if (!equals.path(TOKEN + ":sub").isTextual()
          || !subject.equals(equals.path(TOKEN + ":sub").asText())) {
        findings.add(
            new Finding(where, TOKEN + ":sub", subject, equals.path(TOKEN + ":sub").toString()));
      }
      if (!"sts.amazonaws.com".equals(equals.path(TOKEN + ":aud").asText())) {
        findings.add(
            new Finding(
                where,
                TOKEN + ":aud",
                "sts.amazonaws.com",
                equals.path(TOKEN + ":aud").toString()));
      }
    }
    if (i == 0) {
      findings.add(new Finding("trust policy", "Statement", "one statement", "none"));
    }
    return findings;
  }

  /**
   * The session the nightly asks for ({@code role-duration-seconds} in its workflow) against the
   * role template's {@code max_session_duration}: a finding when the role's is shorter (or either
   * is not written), as AWS then refuses the nightly's AssumeRoleWithWebIdentity.
   */
  public static Optional<Finding> sessionTooShort(String workflow, String roleTemplate) {
    Matcher asked = Pattern.compile("role-duration-seconds: (\\d+)").matcher(workflow);
    Matcher allowed = Pattern.compile("max_session_duration\\s*=\\s*(\\d+)").matcher(roleTemplate);
    if (!asked.find() || !allowed.find()) {
      return Optional.of(
          new Finding(
              "nightly-acceptance.yml, ci-role/main.tf",
              "session duration",
              "role-duration-seconds and max_session_duration written",
              "one is missing"));
    }
    int want = Integer.parseInt(asked.group(1));
    int max = Integer.parseInt(allowed.group(1));
    return max >= want
        ? Optional.empty()
        : Optional.of(
            new Finding(
                "terraform/ci-role/main.tf",
                "max_session_duration",
                "at least the nightly's " + want + " s",
                max + " s"));
  }
}
