package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a {@link TerraformReading} of a configuration, offline, with nothing but the {@code
 * terraform} binary and the AWS provider: a copy of the configuration is initialised, then one
 * {@code terraform test -json -verbose} of a generated test file runs
 *
 * <ol>
 *   <li>{@value #PLAN_RUN}: a plan with the real AWS provider, whose calls go to {@link
 *       PlanTimeAws} on 127.0.0.1 (credentials checks off), and
 *   <li>{@value #APPLY_RUN}: an apply against Terraform's mocked AWS provider, so that the values
 *       only AWS would know exist.
 * </ol>
 *
 * Terraform evaluates everything — variables, locals, modules, {@code count}, {@code for_each},
 * functions, heredocs — and the reading takes its JSON. A configuration Terraform rejects fails in
 * one line naming the file and line Terraform reports.
 */
public final class OfflineReading {

  static final String PLAN_RUN = "provider_plan";
  static final String APPLY_RUN = "mocked_apply";
  static final String TEST_DIRECTORY = "bdi-reading";
  static final String TEST_FILE = TEST_DIRECTORY + "/reading.tftest.hcl";
  static final String OVERRIDE = "zz_bdi_reading_override.tf";

  /** The run id the reading plans with: every name and RunId tag must carry it. */
  public static final String RUN_ID = "bdiread7";

  static final String IMAGE =
      PlanTimeAws.ACCOUNT
          + ".dkr.ecr.us-east-1.amazonaws.com/guestbook@sha256:"
          + "0123456789abcdef".repeat(4);

  /** Mocked ARNs for the types whose ARNs other resources check the shape of. */
  private static final Map<String, String> ARN_TYPES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("aws_lb", "elasticloadbalancing:loadbalancer/app/mocked/0123456789abcdef"),
              Map.entry("aws_alb", "elasticloadbalancing:loadbalancer/app/mocked/0123456789abcdef"),
              Map.entry(
                  "aws_lb_target_group",
                  "elasticloadbalancing:targetgroup/mocked/0123456789abcdef"),
              Map.entry(
                  "aws_alb_target_group",
                  "elasticloadbalancing:targetgroup/mocked/0123456789abcdef"),
              Map.entry(
                  "aws_lb_listener",
                  "elasticloadbalancing:listener/app/mocked/0123456789abcdef/0123456789abcdef"),
              Map.entry(
                  "aws_alb_listener",
                  "elasticloadbalancing:listener/app/mocked/0123456789abcdef/0123456789abcdef"),
              Map.entry("aws_iam_role", "iam::role/mocked"),
              Map.entry("aws_iam_policy", "iam::policy/mocked"),
              Map.entry("aws_ecs_cluster", "ecs:cluster/mocked"),
              Map.entry("aws_ecs_task_definition", "ecs:task-definition/mocked:1"),
              Map.entry("aws_ecr_repository", "ecr:repository/mocked"),
              Map.entry("aws_cloudwatch_log_group", "logs:log-group:mocked"),
              Map.entry("aws_acm_certificate", "acm:certificate/mocked"),
              Map.entry("aws_kms_key", "kms:key/mocked"),
              Map.entry("aws_sns_topic", "sns:mocked"),
              Map.entry("aws_secretsmanager_secret", "secretsmanager:secret:mocked")));

  /** The mocked address of every ElastiCache node: REDISHOST must be it, or another endpoint. */
  static final String MOCKED_NODE_ADDRESS = "cache-node.mocked.invalid";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OfflineReading() {}

  /**
   * Reads the configuration in {@code dir}, working in {@code workDir}.
   *
   * @throws TerraformUnavailableException when the AWS provider cannot be installed
   * @throws TerraformConfigException when Terraform rejects the configuration (file:line first)
   */
  public static TerraformReading read(
      TerraformCli cli, Path dir, Path workDir, Optional<Path> pluginDir) {
    CommandResult init = cli.initOffline(dir, workDir, pluginDir);
    if (TerraformCli.providerUnavailable(init)) {
      throw new TerraformUnavailableException(
          "the AWS provider could not be installed (no registry access; point"
              + " bdi.terraform.plugin-dir at a provider mirror): "
              + Text.lastLine(init.output()));
    }
    if (!init.ok()) {
      throw new TerraformConfigException(
          textError(init.output(), dir)
              .orElse(dir + ": terraform init failed: " + Text.oneLine(init.output(), 400)));
    }
    try {
      Files.writeString(workDir.resolve(OVERRIDE), override(), StandardCharsets.UTF_8);
      Files.createDirectories(workDir.resolve(TEST_DIRECTORY));
      Files.writeString(workDir.resolve(TEST_FILE), testFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reading's files in " + workDir, e);
    }
    CommandResult test;
    List<String> refused;
    try (PlanTimeAws aws = PlanTimeAws.start()) {
      test =
          cli.testJson(
              workDir,
              TEST_DIRECTORY,
              TEST_FILE,
              Map.of("AWS_ENDPOINT_URL", aws.url(), "AWS_EC2_METADATA_DISABLED", "true"));
      refused = aws.refused();
    }
    List<String> errors = errors(test.output(), dir, workDir);
    if (!test.ok() || !errors.isEmpty()) {
      String first =
          errors.isEmpty()
              ? dir + ": terraform test failed: " + test.describe(10)
              : errors.get(0)
                  + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
      String calls =
          refused.isEmpty()
              ? ""
              : "; the plan needed AWS calls an offline reading cannot answer: "
                  + String.join(", ", new LinkedHashSet<>(refused));
      throw new TerraformConfigException(Text.oneLine(first, 600) + calls);
    }
    return TerraformReading.parse(dir, RUN_ID, test.output(), PLAN_RUN, APPLY_RUN, Locator.of(dir));
  }

  /**
   * Terraform's error diagnostics, one line each: {@code file:line: summary: detail}, the file as
   * the user knows it (under {@code dir}, not the working copy).
   */
  static List<String> errors(String ndjson, Path dir, Path workDir) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : ndjson.split("\n")) {
      if (!line.startsWith("{") || !line.contains("\"type\":\"diagnostic\"")) {
        continue;
      }
      JsonNode diagnostic;
      try {
        diagnostic = JSON.readTree(line).path("diagnostic");
      } catch (IOException e) {
        continue;
      }
      if (!"error".equals(diagnostic.path("severity").asText())) {
        continue;
      }
      JsonNode range = diagnostic.path("range");
      String where =
          range.isMissingNode()
              ? dir.toString()
              : dir.resolve(range.path("filename").asText()).normalize()
                  + ":"
                  + range.path("start").path("line").asInt();
      String address = diagnostic.path("address").asText("");
      String detail = diagnostic.path("detail").asText("");
      out.add(
          where
              + ": "
              + (address.isEmpty() ? "" : address + ": ")
              + diagnostic.path("summary").asText()
              + (detail.isEmpty() ? "" : ": " + Text.oneLine(detail, 300)));
    }
    return List.copyOf(out).stream().map(l -> l.replace(workDir.toString() + "/", "")).toList();
  }

  private static final Pattern TEXT_ERROR =
      Pattern.compile(
          "(?m)^[│ ]*Error: (.+)$\\s*^[│ ]*on (\\S+) line (\\d+)[^\\n]*\\n(?:[│ ]*\\d+:.*\\n)*\\s*([^\\n]*)");

  /**
   * The first error of Terraform's text output that names a place ({@code Error: S} then {@code on
   * FILE line N}), as {@code dir/FILE:N: S: detail}.
   */
  static Optional<String> textError(String output, Path dir) {
    Matcher m = TEXT_ERROR.matcher(output);
    if (!m.find()) {
      return Optional.empty();
    }
    String detail = m.group(4).replaceFirst("^[│ ]*", "").strip();
    return Optional.of(
        dir.resolve(m.group(2)).normalize()
            + ":"
            + m.group(3)
            + ": "
            + m.group(1).strip()
            + (detail.isEmpty() ? "" : ": " + Text.oneLine(detail, 300)));
  }

  static String override() {
    return """
        # Generated by the harness (OfflineReading): the plan's AWS is a stub on 127.0.0.1
        # (AWS_ENDPOINT_URL); no credentials are looked for or checked. The reading plans in
        # us-east-1, whose zones the stub and the mocked apply both name us-east-1a and -1b, so
        # instances keyed by zone are the same in both runs.
        provider "aws" {
          region                      = "us-east-1"
          access_key                  = "offline-reading"
          secret_key                  = "offline-reading"
          skip_credentials_validation = true
          skip_requesting_account_id  = true
          skip_metadata_api_check     = true
          skip_region_validation      = true
          max_retries                 = 1
        }
        """;
  }

  static String testFile() {
    StringBuilder arns = new StringBuilder();
    ARN_TYPES.forEach(
        (type, tail) -> {
          String service = tail.substring(0, tail.indexOf(':'));
          String resource = tail.substring(tail.indexOf(':') + 1);
          String region = service.equals("iam") ? "" : "us-east-1";
          arns.append("  mock_resource \"")
              .append(type)
              .append("\" {\n    defaults = { arn = \"arn:aws:")
              .append(service)
              .append(':')
              .append(region)
              .append(':')
              .append(PlanTimeAws.ACCOUNT)
              .append(':')
              .append(resource.startsWith(":") ? resource.substring(1) : resource)
              .append("\" }\n  }\n");
        });
    return "# Generated by the harness (OfflineReading). Run 1 plans with the real AWS provider;\n"
        + "# run 2 applies against a mocked one, for the values only AWS would know.\n"
        + "mock_provider \"aws\" {\n"
        + "  alias = \"mocked\"\n"
        + "  mock_data \"aws_availability_zones\" {\n"
        + "    defaults = { names = [\"us-east-1a\", \"us-east-1b\"], zone_ids = [\"us-east-1-az-a\", \"us-east-1-az-b\"] }\n"
        + "  }\n"
        + "  mock_data \"aws_iam_policy_document\" {\n"
        + "    defaults = { json = \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\" }\n"
        + "  }\n"
        + "  mock_data \"aws_caller_identity\" {\n"
        + "    defaults = { account_id = \""
        + PlanTimeAws.ACCOUNT
        + "\" }\n"
        + "  }\n"
        + arns
        + "  mock_resource \"aws_elasticache_cluster\" {\n"
        + "    defaults = {\n"
        + "      arn = \"arn:aws:elasticache:us-east-1:"
        + PlanTimeAws.ACCOUNT
        + ":cluster:mocked\"\n"
        + "      cache_nodes = [{ address = \""
        + MOCKED_NODE_ADDRESS
        + "\", availability_zone = \"us-east-1a\", id = \"0001\", outpost_arn = \"\", port = 6379 }]\n"
        + "    }\n"
        + "  }\n"
        + "}\n\n"
        + "variables {\n"
        + "  run_id = \""
        + RUN_ID
        + "\"\n"
        + "  image  = \""
        + IMAGE
        + "\"\n"
        + "}\n\n"
        + "run \""
        + PLAN_RUN
        + "\" {\n  command = plan\n}\n\n"
        + "run \""
        + APPLY_RUN
        + "\" {\n  command   = apply\n  providers = { aws = aws.mocked }\n}\n";
  }
}
