package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;

import dev.guestbook.harness.terraform.Routing.Placement;
import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rest of the security baseline a scanner checks on such a stack, each a promise judged on
 * Terraform's reading: a load balancer visitors can reach, a modern TLS policy, invalid header
 * fields dropped, immutable and scanned images, and the app's logs kept for a bounded time. Each
 * names the scanner rules it corresponds to.
 */
public final class BaselineRules {

  /**
   * ELB security policies that allow TLS 1.2 and newer only (AWS's "ELBSecurityPolicy-TLS13-*",
   * "-TLS-1-2-*", "-FS-1-2-*" families, FIPS variants included). The provider's default, {@code
   * ELBSecurityPolicy-2016-08}, and the TLS 1.0/1.1 ones are not among them (tfsec {@code
   * aws-elb-use-secure-tls-policy}, Checkov CKV_AWS_103, Trivy AVD-AWS-0047).
   */
  static boolean modernTlsPolicy(String policy) {
    return policy != null
        && policy.matches(
            "ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-[A-Za-z0-9]+)*(-\\d{4}-\\d{2})?");
  }

  private BaselineRules() {}

  /**
   * Every application load balancer is internet facing, in subnets whose route table sends {@code
   * 0.0.0.0/0} to an internet gateway, in at least two zones: one that nobody can reach is not a
   * front door (tfsec's exposure rules judge what it opens, not that it is reachable).
   */
  public static List<Finding> loadBalancerReachableFromTheInternet(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource lb : found.requireSome("aws_lb")) {
      if (!"application".equals(lb.at("load_balancer_type"))) {
        continue;
      }
      found.expect(
          lb, "internal", !Boolean.TRUE.equals(lb.at("internal")), false, lb.at("internal"));
      List<String> subnets = subnetsOf(lb);
      Set<String> zones = new TreeSet<>();
      boolean unknownZone = false;
      for (String subnet : subnets) {
        Placement route = Routing.defaultRouteToTheInternet(reading, subnet);
        switch (route.verdict()) {
          case PUBLIC -> {}
          case LOOKED_UP ->
              found.add(
                  Finding.notJudgeableOffline(
                      lb.declared().toString(),
                      lb.address(),
                      "subnets",
                      "subnets routing 0.0.0.0/0 to an internet gateway",
                      route.why()));
          case PRIVATE, NOT_DECLARED ->
              found.expect(
                  lb,
                  "subnets",
                  false,
                  "subnets routing 0.0.0.0/0 to an internet gateway",
                  route.why());
        }
        Optional<Resource> declared = reading.byId(subnet, Routing.SUBNET);
        Object zone = declared.map(s -> s.at("availability_zone")).orElse(null);
        if (zone == null) {
          zone = declared.map(s -> s.at("availability_zone_id")).orElse(null);
        }
        if (zone == null) {
          unknownZone = true;
        } else {
          zones.add(String.valueOf(zone));
        }
      }
      if (!unknownZone) {
        found.expect(lb, "subnets", zones.size() >= 2, "subnets in at least 2 zones", zones);
      }
    }
    return found.list();
  }

  /** Every HTTPS listener uses a TLS 1.2+ policy; judged on the reading with a certificate. */
  public static List<Finding> httpsAllowsOnlyModernTls(TerraformReading withCertificate) {
    Findings found = new Findings(withCertificate);
    List<Resource> https =
        withCertificate.resources("aws_lb_listener").stream()
            .filter(l -> "HTTPS".equals(l.at("protocol")) || "TLS".equals(l.at("protocol")))
            .toList();
    if (https.isEmpty()) {
      found.missing(
          "aws_lb_listener",
          "protocol",
          "an HTTPS listener once var.certificate_arn is given",
          "none");
    }
    for (Resource listener : https) {
      Object policy = listener.at("ssl_policy");
      found.expect(
          listener,
          "ssl_policy",
          modernTlsPolicy(policy == null ? null : String.valueOf(policy)),
          "a TLS 1.2+ policy (ELBSecurityPolicy-TLS13-1-2-…, -TLS-1-2-…, -FS-1-2-…)",
          policy == null ? "the provider's default ELBSecurityPolicy-2016-08 (TLS 1.0)" : policy);
    }
    return found.list();
  }

  /**
   * Every application load balancer drops invalid header fields instead of passing them to the app
   * (tfsec {@code aws-elb-drop-invalid-headers}, Checkov CKV_AWS_131, Trivy AVD-AWS-0052).
   */
  public static List<Finding> invalidHeaderFieldsDropped(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource lb : found.requireSome("aws_lb")) {
      if ("application".equals(lb.at("load_balancer_type"))) {
        Object drop = lb.at("drop_invalid_header_fields");
        found.expect(lb, "drop_invalid_header_fields", Boolean.TRUE.equals(drop), true, drop);
      }
    }
    return found.list();
  }

  /**
   * Every image repository keeps tags immutable (a pushed tag is never re-pointed: tfsec {@code
   * aws-ecr-enforce-immutable-repository}, Checkov CKV_AWS_51, Trivy AVD-AWS-0031) and scans each
   * image on push (tfsec {@code aws-ecr-enable-image-scans}, Checkov CKV_AWS_163, Trivy
   * AVD-AWS-0030).
   */
  public static List<Finding> imagesImmutableAndScanned(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource repository : found.requireSome("aws_ecr_repository")) {
      Object mutability = repository.at("image_tag_mutability");
      found.expect(
          repository,
          "image_tag_mutability",
          "IMMUTABLE".equals(mutability),
          "IMMUTABLE",
          mutability);
      Object scan = repository.at("image_scanning_configuration.scan_on_push");
      found.expect(
          repository,
          "image_scanning_configuration.scan_on_push",
          Boolean.TRUE.equals(scan),
          true,
          scan);
    }
    return found.list();
  }

  /**
   * Every log group the app's containers write to (their {@code awslogs-group}) is one of the
   * configuration's, with a retention: the log driver's own group would keep everything for ever
   * (Checkov CKV_AWS_66).
   */
  public static List<Finding> appLogsKeptForABoundedTime(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource task : found.requireSome("aws_ecs_task_definition")) {
      for (Map<String, Object> container :
          TaskDefinitions.containers(task, found).orElse(List.of())) {
        Object group =
            TerraformReading.at(container.get("logConfiguration"), "options.awslogs-group");
        if (group == null) {
          found.expect(
              task,
              "container_definitions[" + container.get("name") + "].logConfiguration",
              false,
              "awslogs to a log group of this configuration",
              "none");
          continue;
        }
        Optional<Resource> declared =
            reading.resources("aws_cloudwatch_log_group").stream()
                .filter(g -> Objects.equals(group, g.values().get("name")))
                .findFirst();
        found.expect(
            task,
            "container_definitions[" + container.get("name") + "].awslogs-group",
            declared.isPresent(),
            "a log group this configuration declares (with a retention)",
            group);
        declared.ifPresent(
            g ->
                found.expect(
                    g,
                    "retention_in_days",
                    number(g.at("retention_in_days")).filter(d -> d > 0).isPresent(),
                    "a retention (the app's logs kept for ever cost for ever)",
                    g.at("retention_in_days")));
      }
    }
    return found.list();
  }

  private static List<String> subnetsOf(Resource lb) {
    List<String> ids = new ArrayList<>();
    list(lb.at("subnets")).forEach(id -> ids.add(String.valueOf(id)));
    for (Object mapping : list(lb.values().get("subnet_mapping"))) {
      Object id = TerraformReading.at(mapping, "subnet_id");
      if (id != null && !ids.contains(String.valueOf(id))) {
        ids.add(String.valueOf(id));
      }
    }
    return ids;
  }
}
