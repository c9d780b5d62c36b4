package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule passes on the real configuration and fails, with coordinates, on a broken copy of it.
 */
class TerraformRulesTest {

  private static final Path REAL = Path.of("terraform");

  @TempDir Path copy;

  @BeforeEach
  void copyTheRealConfiguration() throws IOException {
    try (Stream<Path> files = Files.list(REAL)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
  }

  private TerraformModule broken(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(text).as("test setup: %s must contain the text to break", file).contains(from);
    Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    return TerraformModule.load(copy);
  }

  private static void violates(
      List<Finding> violations,
      String file,
      String address,
      String attribute,
      String expected,
      String actual) {
    assertThat(violations)
        .extracting(Finding::toString)
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains(
                        file
                            + ": "
                            + address
                            + ": "
                            + (attribute.isEmpty() ? "" : attribute + ": ")
                            + "expected ")
                    .contains(expected)
                    .contains("saw " + actual));
  }

  @Test
  void theRealConfigurationKeepsEveryPromise() {
    TerraformModule module = TerraformModule.load(REAL);
    assertThat(TerraformRules.serviceRunsFargateTasksPrivately(module, 2)).isEmpty();
    assertThat(TerraformRules.deploymentRollsBackSafely(module)).isEmpty();
    assertThat(TerraformRules.redisOnlyFromService(module)).isEmpty();
    assertThat(TerraformRules.onlyLoadBalancerOpenToWorld(module)).isEmpty();
    assertThat(TerraformRules.redisHostFromElastiCache(module)).isEmpty();
    assertThat(TerraformRules.targetGroupHealthCheck(module, "/healthz", 60)).isEmpty();
    assertThat(TerraformRules.everythingTaggedWithRunId(module)).isEmpty();
    assertThat(TerraformRules.namesCarryRunId(module)).isEmpty();
    assertThat(TerraformRules.serviceOnlyFromLoadBalancer(module, 3000)).isEmpty();
    assertThat(TerraformRules.containersRunUnprivileged(module)).isEmpty();
  }

  @Test
  void appTasksOpenToTheVpcInsteadOfTheLoadBalancer() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "description                  = \"App port from the load balancer only\"\n"
                + "  referenced_security_group_id = aws_security_group.alb.id",
            "description                  = \"App port from the VPC\"\n  cidr_ipv4 = var.vpc_cidr");
    List<Finding> findings = TerraformRules.serviceOnlyFromLoadBalancer(module, 3000);
    violates(
        findings,
        "security.tf",
        "aws_vpc_security_group_ingress_rule.service_from_alb",
        "",
        "port 3000 only, from the load balancer's security group",
        "ports 3000-3000 from var.vpc_cidr");
    assertThat(findings)
        .extracting(Finding::toString)
        .anySatisfy(v -> assertThat(v).contains("saw no such ingress rule"));
  }

  @Test
  void appTasksOpenOnEveryPort() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "  from_port                    = var.container_port\n"
                + "  to_port                      = var.container_port\n}\n\n"
                + "# Tasks pull",
            "  from_port                    = 0\n  to_port                      = 65535\n}\n\n"
                + "# Tasks pull");
    assertThat(TerraformRules.serviceOnlyFromLoadBalancer(module, 3000))
        .extracting(Finding::toString)
        .anySatisfy(v -> assertThat(v).contains("expected port 3000 only", "saw ports 0"));
  }

  private static final String USER_LINE = "      user = \"10001:10001\"\n";

  @Test
  void aContainerWithoutAUser() throws IOException {
    violates(
        TerraformRules.containersRunUnprivileged(broken("ecs.tf", USER_LINE, "")),
        "ecs.tf",
        "aws_ecs_task_definition.app",
        "container_definitions[guestbook].user",
        "a non-root user",
        "none (the image's default, root unless it says otherwise)");
  }

  @Test
  void aContainerAsRoot() throws IOException {
    violates(
        TerraformRules.containersRunUnprivileged(
            broken("ecs.tf", USER_LINE, "      user = \"0:0\"\n")),
        "ecs.tf",
        "aws_ecs_task_definition.app",
        "container_definitions[guestbook].user",
        "a non-root user",
        "0:0");
  }

  @Test
  void oneTaskInsteadOfTwo() throws IOException {
    TerraformModule module =
        broken(
            "variables.tf",
            "type        = number\n  default     = 2\n}",
            "type        = number\n  default     = 1\n}");
    violates(
        TerraformRules.serviceRunsFargateTasksPrivately(module, 2),
        "ecs.tf",
        "aws_ecs_service.app",
        "desired_count",
        "2",
        "1.0");
  }

  @Test
  void ec2InsteadOfFargate() throws IOException {
    TerraformModule module =
        broken("ecs.tf", "launch_type     = \"FARGATE\"", "launch_type     = \"EC2\"");
    violates(
        TerraformRules.serviceRunsFargateTasksPrivately(module, 2),
        "ecs.tf",
        "aws_ecs_service.app",
        "launch_type",
        "\"FARGATE\"",
        "EC2");
  }

  @Test
  void publicIpOrPublicSubnets() throws IOException {
    TerraformModule withIp =
        broken("ecs.tf", "assign_public_ip = false", "assign_public_ip = true");
    violates(
        TerraformRules.serviceRunsFargateTasksPrivately(withIp, 2),
        "ecs.tf",
        "aws_ecs_service.app",
        "network_configuration.assign_public_ip",
        "false",
        "true");
    TerraformModule inPublic =
        broken(
            "ecs.tf",
            "subnets          = aws_subnet.private[*].id",
            "subnets          = aws_subnet.public[*].id");
    violates(
        TerraformRules.serviceRunsFargateTasksPrivately(inPublic, 2),
        "ecs.tf",
        "aws_ecs_service.app",
        "network_configuration.subnets",
        "private subnets",
        "aws_subnet.public");
  }

  @Test
  void noRollback() throws IOException {
    TerraformModule module = broken("ecs.tf", "rollback = true", "rollback = false");
    violates(
        TerraformRules.deploymentRollsBackSafely(module),
        "ecs.tf",
        "aws_ecs_service.app",
        "deployment_circuit_breaker.rollback",
        "true",
        "false");
  }

  @Test
  void deploymentThatDropsHealthyTasks() throws IOException {
    TerraformModule module =
        broken(
            "ecs.tf",
            "deployment_minimum_healthy_percent = 100",
            "deployment_minimum_healthy_percent = 50");
    violates(
        TerraformRules.deploymentRollsBackSafely(module),
        "ecs.tf",
        "aws_ecs_service.app",
        "deployment_minimum_healthy_percent",
        "100",
        "50.0");
  }

  @Test
  void redisOpenToTheWholeVpcAsTheOriginalWas() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "description                  = \"Redis from the app tasks only\"\n  referenced_security_group_id = aws_security_group.service.id",
            "description                  = \"Redis from the VPC\"\n  cidr_ipv4 = var.vpc_cidr");
    List<Finding> violations = TerraformRules.redisOnlyFromService(module);
    violates(
        violations,
        "security.tf",
        "aws_vpc_security_group_ingress_rule.redis_from_service",
        "",
        "only from the service's security group",
        "var.vpc_cidr");
    assertThat(violations)
        .extracting(Finding::toString)
        .anySatisfy(v -> assertThat(v).contains("saw no such ingress rule"));
  }

  @Test
  void redisWithAnInlineIngressFromAnotherGroup() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "  description = \"Guestbook Redis\"\n",
            "  description = \"Guestbook Redis\"\n  ingress {\n    from_port       = 6379\n    to_port         = 6379\n    protocol        = \"tcp\"\n    security_groups = [aws_security_group.alb.id]\n  }\n");
    violates(
        TerraformRules.redisOnlyFromService(module),
        "security.tf",
        "aws_security_group.redis",
        "ingress",
        "only from the service's security group",
        "aws_security_group.alb");
  }

  @Test
  void serviceOpenToTheInternet() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "description                  = \"App port from the load balancer only\"\n  referenced_security_group_id = aws_security_group.alb.id",
            "description                  = \"App port from anywhere\"\n  cidr_ipv4 = \"0.0.0.0/0\"");
    violates(
        TerraformRules.onlyLoadBalancerOpenToWorld(module),
        "security.tf",
        "aws_vpc_security_group_ingress_rule.service_from_alb",
        "",
        "only the load balancer's security group",
        "aws_security_group.service open to [0.0.0.0/0]");
  }

  @Test
  void loadBalancerOpenOnSsh() throws IOException {
    TerraformModule module =
        broken(
            "security.tf",
            "from_port         = 80\n  to_port           = 80",
            "from_port         = 22\n  to_port           = 22");
    violates(
        TerraformRules.onlyLoadBalancerOpenToWorld(module),
        "security.tf",
        "aws_vpc_security_group_ingress_rule.alb_http",
        "",
        "port 80 or 443 only",
        "ports 22.0-22.0");
  }

  @Test
  void worldOpenThroughALegacyRuleResource() throws IOException {
    Files.writeString(
        copy.resolve("legacy.tf"),
        """
        resource "aws_security_group_rule" "ssh" {
          type              = "ingress"
          security_group_id = aws_security_group.service.id
          cidr_blocks       = ["0.0.0.0/0"]
          from_port         = 22
          to_port           = 22
          protocol          = "tcp"
        }
        """);
    violates(
        TerraformRules.onlyLoadBalancerOpenToWorld(TerraformModule.load(copy)),
        "legacy.tf",
        "aws_security_group_rule.ssh",
        "",
        "only the load balancer's security group",
        "aws_security_group.service open to [0.0.0.0/0]");
  }

  @Test
  void redisHostHardCoded() throws IOException {
    TerraformModule module = broken("ecs.tf", "value = local.redis_host", "value = \"localhost\"");
    violates(
        TerraformRules.redisHostFromElastiCache(module),
        "ecs.tf",
        "aws_ecs_task_definition.app",
        "container_definitions[guestbook].environment.REDISHOST",
        "the ElastiCache endpoint",
        "localhost");
  }

  @Test
  void healthCheckOnTheWrongPathAndDefaultDeregistrationDelay() throws IOException {
    TerraformModule module =
        broken("variables.tf", "default     = \"/healthz\"", "default     = \"/\"");
    violates(
        TerraformRules.targetGroupHealthCheck(module, "/healthz", 60),
        "alb.tf",
        "aws_lb_target_group.app",
        "health_check.path",
        "\"/healthz\"",
        "/");
    TerraformModule slow = broken("alb.tf", "deregistration_delay = 30", "");
    violates(
        TerraformRules.targetGroupHealthCheck(slow, "/healthz", 60),
        "alb.tf",
        "aws_lb_target_group.app",
        "deregistration_delay",
        "at most 60 s",
        "unset (300 s)");
  }

  @Test
  void runIdTagMissing() throws IOException {
    TerraformModule module =
        broken("locals.tf", "RunId     = var.run_id", "Owner     = \"someone\"");
    violates(
        TerraformRules.everythingTaggedWithRunId(module),
        "providers.tf",
        "provider.aws",
        "default_tags.tags.RunId",
        "var.run_id",
        "null");
  }

  @Test
  void aNameWithoutTheRunId() throws IOException {
    TerraformModule module =
        broken(
            "ecr.tf", "name                 = local.name", "name                 = \"guestbook\"");
    violates(
        TerraformRules.namesCarryRunId(module),
        "ecr.tf",
        "aws_ecr_repository.app",
        "name",
        "local.name or var.run_id",
        "\"guestbook\"");
  }

  @Test
  void anUnparseableFileIsOneLineNamingIt() throws IOException {
    Files.writeString(copy.resolve("broken.tf"), "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n");
    assertThatThrownBy(() -> TerraformModule.load(copy))
        .isInstanceOf(TerraformConfigException.class)
        .hasMessageContaining("broken.tf: cannot parse")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingDirectoryIsNamed() {
    assertThatThrownBy(() -> TerraformModule.load(copy.resolve("nope")))
        .hasMessageContaining("no Terraform directory at");
  }

  @Test
  void findsNoBinaryOnAnEmptyPathAndAConfiguredOne() throws IOException {
    assertThat(TerraformCli.find(null, copy.toString())).isEmpty();
    Path fake = copy.resolve("tofu");
    Files.writeString(fake, "#!/bin/sh\necho \"$@\"\nexit 3\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    TerraformCli cli = TerraformCli.find(null, copy.toString()).orElseThrow();
    assertThat(cli.binary()).isEqualTo(fake);
    CommandResult result = cli.fmtCheck(copy);
    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.describe(5))
        .contains("`tofu fmt` exited 3", "fmt -check -diff -recursive -no-color");
  }

  @Test
  void theRealCliRejectsABadlyFormattedOrInvalidCopy() throws IOException {
    TerraformCli cli = TerraformCli.find(null, System.getenv("PATH")).orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        cli != null, "no terraform or tofu on the PATH: the real CLI was not exercised");
    broken("ecr.tf", "name                 = local.name", "name = local.name");
    assertThat(cli.fmtCheck(copy).ok()).as("fmt -check on a misaligned file").isFalse();

    String mirror = System.getenv("BDI_TERRAFORM_PLUGIN_DIR");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mirror != null && Files.isDirectory(Path.of(mirror)),
        "no provider mirror (BDI_TERRAFORM_PLUGIN_DIR): validate was not exercised");
    broken(
        "ecs.tf",
        "launch_type     = \"FARGATE\"",
        "launch_type     = \"FARGATE\"\n  no_such_attribute = true");
    CommandResult result =
        cli.validate(copy, copy.resolve("work"), java.util.Optional.of(Path.of(mirror)));
    assertThat(result.ok()).as("validate with an unknown attribute").isFalse();
    assertThat(result.output()).contains("no_such_attribute");
  }
}
