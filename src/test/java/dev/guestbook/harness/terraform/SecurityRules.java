package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.text.Lists;
import dev.guestbook.harness.verdict.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The security baseline a reviewer's scanners check (Checkov, Trivy/tfsec): HTTP only redirects
 * once there is HTTPS (CKV2_AWS_20, AVD-AWS-0054), the default security group trusts nothing
 * (CKV2_AWS_12, AVD-AWS-0173), every VPC's flows are logged (CKV2_AWS_11, AVD-AWS-0178), the
 * container's root filesystem is read-only (CKV_AWS_336), no secret in the task definition's plain
 * environment (AVD-AWS-0036).
 */
public final class SecurityRules {

  private SecurityRules() {}

  /**
   * With a certificate, every plain-HTTP listener only redirects to HTTPS on 443, and an HTTPS
   * listener exists; without one, port 80 forwards to the app (else the app is unreachable).
   */
  public static List<Finding> httpOnlyRedirectsOnceThereIsHttps(
      TerraformReading withCertificate, TerraformReading without) {
    Findings found = new Findings(withCertificate);
    List<Resource> listeners = found.requireSome("aws_lb_listener");
    for (Resource listener : listeners) {
      if (!"HTTP".equals(listener.at("protocol"))) {
        continue;
      }
      Object type = listener.at("default_action.type");
      Object protocol = listener.at("default_action.redirect.protocol");
      Object port = listener.at("default_action.redirect.port");
      found.expect(
          listener,
          "default_action",
          "redirect".equals(type) && "HTTPS".equals(protocol) && "443".equals(String.valueOf(port)),
          "a redirect to HTTPS on 443 once var.certificate_arn is given",
          type + (protocol == null ? "" : " to " + protocol + ":" + port));
    }
    boolean https =
        listeners.stream()
            .anyMatch(
                l -> "HTTPS".equals(l.at("protocol")) && number(l.at("port")).orElse(0.0) == 443);
    found.expect(
        listeners.isEmpty() ? null : listeners.get(0),
        "protocol",
        listeners.isEmpty() || https,
        "an HTTPS listener on 443 once var.certificate_arn is given",
        "none");
    return Lists.concat(found.list(), plainHttpForwards(without));
  }

  /** Without a certificate: a listener on 80, and it forwards to the app. */
  private static List<Finding> plainHttpForwards(TerraformReading without) {
    Findings plain = new Findings(without);
    List<Resource> plainListeners = without.resources("aws_lb_listener");
    boolean onEighty =
        plainListeners.stream().anyMatch(l -> number(l.at("port")).orElse(0.0) == 80);
    if (!plainListeners.isEmpty() && !onEighty) {
      plain.expect(
          plainListeners.get(0),
          "port",
          false,
          "a listener on 80 (where visitors arrive)",
          plainListeners.stream().map(l -> String.valueOf(l.at("port"))).toList());
    }
    for (Resource listener : plainListeners) {
      if (number(listener.at("port")).orElse(0.0) == 80) {
        Object type = listener.at("default_action.type");
        plain.expect(
            listener,
            "default_action.type",
            "forward".equals(type),
            "\"forward\" to the app while there is no certificate",
            type);
      }
    }
    return plain.list();
  }

  /** Every VPC the configuration creates has its default security group managed, with no rules. */
  public static List<Finding> defaultSecurityGroupTrustsNothing(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource vpc : vpcs(reading, found)) {
      Optional<Resource> group = inVpc(reading, "aws_default_security_group", vpc);
      if (group.isEmpty()) {
        found.expect(
            vpc,
            "default security group",
            false,
            "an aws_default_security_group with no rules (AWS's default trusts all its members)",
            "not managed: AWS's default rules stay");
        continue;
      }
      for (String direction : List.of("ingress", "egress")) {
        List<Object> rules = list(group.get().at(direction));
        found.expect(
            group.get(), direction, rules.isEmpty(), "no rules", rules.size() + " rule(s)");
      }
    }
    return found.list();
  }

  /**
   * Every VPC the configuration creates logs ALL its flows to a CloudWatch log group that keeps
   * them for a bounded time (or to S3).
   */
  public static List<Finding> everyFlowIsLogged(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource vpc : vpcs(reading, found)) {
      Optional<Resource> log = inVpc(reading, "aws_flow_log", vpc);
      if (log.isEmpty()) {
        found.expect(vpc, "flow log", false, "an aws_flow_log of the VPC", "none");
        continue;
      }
      Resource flows = log.get();
      found.expect(
          flows,
          "traffic_type",
          "ALL".equals(flows.at("traffic_type")),
          "ALL",
          flows.at("traffic_type"));
      if ("s3".equals(flows.at("log_destination_type"))) {
        continue;
      }
      Object destination = flows.at("log_destination");
      Optional<Resource> group =
          reading.resources("aws_cloudwatch_log_group").stream()
              .filter(
                  g ->
                      destination != null
                          && (destination.equals(g.values().get("arn"))
                              || String.valueOf(destination)
                                  .startsWith(g.values().get("arn") + ":")))
              .findFirst();
      found.expect(
          flows,
          "log_destination",
          group.isPresent(),
          "a CloudWatch log group of this configuration",
          destination == null ? null : reading.name(destination, Set.of()));
      group.ifPresent(
          g ->
              found.expect(
                  g,
                  "retention_in_days",
                  number(g.at("retention_in_days")).filter(d -> d > 0).isPresent(),
                  "a retention (flow logs kept for ever cost for ever)",
                  g.at("retention_in_days")));
    }
    return found.list();
  }

  /**
   * The app's temp directory: the one place its read-only container writes, the image's {@code
   * VOLUME} (docker/Dockerfile) — on Fargate a bind mount gets the image's content there only when
   * the mount's {@code containerPath} is exactly that path.
   */
  public static final String TEMP_DIR = "/tmp";

  /** Volume blocks that are not Fargate's plain task-scoped bind mount (the image's copy). */
  private static final List<String> OTHER_VOLUMES =
      List.of(
          "docker_volume_configuration",
          "efs_volume_configuration",
          "fsx_windows_file_server_volume_configuration");

  /**
   * Every container's root filesystem is read-only, and its temp directory ({@link #TEMP_DIR}) is a
   * writable mount of a plain task volume: no host path, no Docker, EFS or FSx volume — the bind
   * mount Fargate fills from the image's {@code VOLUME} at that exact path.
   */
  public static List<Finding> appCannotChangeItsFilesystem(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource task : found.requireSome("aws_ecs_task_definition")) {
      for (Map<String, Object> container :
          TaskDefinitions.containers(task, found).orElse(List.of())) {
        String where = "container_definitions[" + container.get("name") + "]";
        Object readOnly = container.get("readonlyRootFilesystem");
        found.expect(
            task, where + ".readonlyRootFilesystem", Boolean.TRUE.equals(readOnly), true, readOnly);
        List<Map<?, ?>> temp =
            blocks(container.get("mountPoints")).stream()
                .filter(m -> TEMP_DIR.equals(m.get("containerPath")))
                .toList();
        found.expect(
            task,
            where + ".mountPoints",
            temp.size() == 1,
            "one mount at exactly " + TEMP_DIR + " (the image's VOLUME)",
            blocks(container.get("mountPoints")).stream()
                .map(m -> m.get("containerPath"))
                .toList());
        for (Map<?, ?> mount : temp) {
          found.expect(
              task,
              where + ".mountPoints[" + TEMP_DIR + "].readOnly",
              !Boolean.TRUE.equals(mount.get("readOnly")),
              "not read-only (the app's temp dir)",
              mount.get("readOnly"));
          Object source = mount.get("sourceVolume");
          Optional<Map<?, ?>> volume =
              blocks(task.values().get("volume")).stream()
                  .filter(v -> Objects.equals(v.get("name"), source))
                  .findFirst();
          found.expect(
              task,
              "volume[" + source + "]",
              volume.isPresent()
                  && isBlank(volume.get().get("host_path"))
                  && OTHER_VOLUMES.stream().allMatch(k -> blocks(volume.get().get(k)).isEmpty()),
              "a task volume with no host_path and no Docker, EFS or FSx configuration (Fargate's"
                  + " bind mount, filled from the image)",
              volume.<Object>map(v -> v).orElse("no such volume"));
        }
      }
    }
    return found.list();
  }

  /** The blocks of a nested block list (Values.list, its maps only). */
  private static List<Map<?, ?>> blocks(Object value) {
    return list(value).stream()
        .filter(Map.class::isInstance)
        .<Map<?, ?>>map(m -> (Map<?, ?>) m)
        .toList();
  }

  private static boolean isBlank(Object value) {
    return value == null || String.valueOf(value).isBlank();
  }

  /**
   * No container gets a secret in its plain {@code environment}: secrets go in {@code secrets}.
   * What is a secret is judged by value as well as name ({@link PlainSecrets}).
   */
  public static List<Finding> noSecretInPlainText(TerraformReading reading) {
    Findings found = new Findings(reading);
    for (Resource task : found.requireSome("aws_ecs_task_definition")) {
      for (Map<String, Object> container :
          TaskDefinitions.containers(task, found).orElse(List.of())) {
        for (Object env : list(container.get("environment"))) {
          String name = String.valueOf(TerraformReading.at(env, "name"));
          Optional<String> secret = PlainSecrets.why(name, TerraformReading.at(env, "value"));
          found.expect(
              task,
              "container_definitions[" + container.get("name") + "].environment." + name,
              secret.isEmpty(),
              "no secret in plain text (use \"secrets\" with valueFrom Secrets Manager or SSM)",
              secret.orElse(""));
        }
      }
    }
    return found.list();
  }

  /** The VPCs the configuration creates; none (it uses one it looked up) is not judgeable. */
  private static List<Resource> vpcs(TerraformReading reading, Findings found) {
    List<Resource> vpcs = reading.resources("aws_vpc");
    if (vpcs.isEmpty()) {
      found.add(
          Finding.notJudgeableOffline(
              reading.dir().toString(),
              "aws_vpc",
              "",
              "the VPC's own settings",
              "a VPC this configuration does not create"));
    }
    return vpcs;
  }

  private static Optional<Resource> inVpc(TerraformReading reading, String type, Resource vpc) {
    Object id = vpc.values().get("id");
    return reading.resources(type).stream()
        .filter(r -> id != null && Objects.equals(id, r.values().get("vpc_id")))
        .findFirst();
  }
}
