package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.CiRolePolicy.Statement;
import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The promises the CI role's policy keeps: it allows every call a run makes (the stack's Terraform,
 * the harness, the reaper), and nothing that lets the role make itself an administrator or read
 * what is not the project's. Pure: judged on the document, not on AWS.
 *
 * <p>What this cannot judge: conditions AWS evaluates at request time beyond those a {@link Call}
 * names, permission boundaries, service control policies, and mutating actions left on {@code *}
 * where AWS supports resource-level permissions (today's policy has many; see the AWS target page).
 */
public final class CiRolePolicyRules {

  /** The one managed policy a run attaches: to the task execution role. */
  public static final String EXECUTION_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  /** The services a run passes roles to: ECS tasks, VPC flow logs. */
  public static final Set<String> PASSED_TO =
      Set.of("ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com");

  private static final List<String> LOG_READS =
      List.of(
          "logs:GetLogEvents",
          "logs:FilterLogEvents",
          "logs:StartQuery",
          "logs:GetQueryResults",
          "logs:StartLiveTail",
          "logs:GetLogRecord");

  private CiRolePolicyRules() {}

  /**
   * One call a run makes.
   *
   * @param action the IAM action
   * @param resource the ARN it acts on, or empty where the action takes {@code *} only
   * @param context condition keys AWS sets on it that the policy may test
   * @param caller who makes it (a Terraform resource, a harness class)
   */
  public record Call(
      String action, Optional<String> resource, Map<String, String> context, String caller) {}

  /** The calls of {@link RunCalls} that no Allow statement grants, each one finding. */
  public static List<Finding> missing(CiRolePolicy policy, List<Call> calls) {
    List<Finding> findings = new ArrayList<>();
    for (Call call : calls) {
      boolean allowed = policy.statements().stream().anyMatch(s -> s.allow() && grants(s, call));
      boolean denied = policy.statements().stream().anyMatch(s -> !s.allow() && grants(s, call));
      if (!allowed || denied) {
        findings.add(
            new Finding(
                policy.where(),
                call.action() + call.resource().map(r -> " on " + r).orElse(""),
                "allowed (called by " + call.caller() + ")",
                denied ? "denied" : "not allowed: AccessDenied on the first run"));
      }
    }
    return findings;
  }

  /**
   * Ways the role could make itself (or a role it runs code as) an administrator: attaching any
   * managed policy but the task execution one, writing an inline policy on any role but the flow
   * logs role, passing a role to any other service or a role outside the prefix, creating roles
   * outside the prefix without a permissions boundary, or allowing every action.
   */
  public static List<Finding> pathsToAdministrator(CiRolePolicy policy, String namePrefix) {
    String roles = "arn:aws:iam::*:role/" + namePrefix + "-";
    List<Finding> findings = new ArrayList<>();
    for (Statement s : policy.statements()) {
      if (!s.allow()) {
        continue;
      }
      String where = policy.where() + ": statement " + s.sid();
      if (s.actions().stream().anyMatch(a -> a.equals("*") || a.equalsIgnoreCase("iam:*"))) {
        findings.add(new Finding(where, "actions", "never every action", s.actions().toString()));
      }
      if (s.covers("iam:AttachRolePolicy")) {
        List<String> arns = s.conditionValues("iam:PolicyARN");
        if (arns.isEmpty() || !arns.stream().allMatch(EXECUTION_POLICY::equals)) {
          findings.add(
              new Finding(
                  where,
                  "iam:AttachRolePolicy",
                  "only " + EXECUTION_POLICY + " (condition iam:PolicyARN)",
                  arns.isEmpty() ? "any policy, AdministratorAccess too" : arns.toString()));
        }
      }
      if (s.covers("iam:PutRolePolicy")
          && !s.resources().stream().allMatch(r -> r.startsWith(roles) && r.endsWith("-flows"))) {
        findings.add(
            new Finding(
                where,
                "iam:PutRolePolicy",
                "only on the flow logs role (" + roles + "*-flows)",
                s.resources().toString()));
      }
      if (s.covers("iam:PassRole")) {
        List<String> services = s.conditionValues("iam:PassedToService");
        if (services.isEmpty() || !PASSED_TO.containsAll(services)) {
          findings.add(
              new Finding(
                  where,
                  "iam:PassRole",
                  "only to " + PASSED_TO + " (condition iam:PassedToService)",
                  services.isEmpty() ? "to any service" : services.toString()));
        }
        if (!s.resources().stream().allMatch(r -> r.startsWith(roles))) {
          findings.add(
              new Finding(
                  where,
                  "iam:PassRole",
                  "only the run's roles (" + roles + "*)",
                  s.resources().toString()));
        }
      }
      if (s.covers("iam:CreateRole")
          && s.conditionValues("iam:PermissionsBoundary").isEmpty()
          && !s.resources().stream().allMatch(r -> r.startsWith(roles))) {
        findings.add(
            new Finding(
                where,
                "iam:CreateRole",
                "only roles named " + roles + "* or under a permissions boundary",
                s.resources().toString()));
      }
    }
    return findings;
  }

  /** Log reads only on the project's own log groups, never on every group of the account. */
  public static List<Finding> logReadsOutsideTheProject(CiRolePolicy policy, String namePrefix) {
    List<String> ours =
        List.of(
            "arn:aws:logs:*:*:log-group:/ecs/" + namePrefix + "-",
            "arn:aws:logs:*:*:log-group:/vpc/" + namePrefix + "-",
            "arn:aws:logs:*:*:log-group:/aws/ecs/containerinsights/" + namePrefix + "-");
    List<Finding> findings = new ArrayList<>();
    for (Statement s : policy.statements()) {
      List<String> reads = LOG_READS.stream().filter(s::covers).toList();
      if (s.allow()
          && !reads.isEmpty()
          && !s.resources().stream().allMatch(r -> ours.stream().anyMatch(r::startsWith))) {
        findings.add(
            new Finding(
                policy.where() + ": statement " + s.sid(),
                String.join(", ", reads),
                "only on the project's log groups (" + ours + "…)",
                s.resources().toString()));
      }
    }
    return findings;
  }

  private static boolean grants(Statement s, Call call) {
    if (!s.covers(call.action())) {
      return false;
    }
    boolean onResource =
        call.resource()
            .map(r -> s.resources().stream().anyMatch(p -> CiRolePolicy.matches(p, r)))
            .orElse(s.resources().contains("*"));
    return onResource && conditionsHold(s, call.context());
  }

  /**
   * The statement's conditions on the keys the call sets (equality and ARN/string patterns); keys
   * the call does not name are not judged here.
   */
  private static boolean conditionsHold(Statement s, Map<String, String> context) {
    for (var op : s.conditions().entrySet()) {
      boolean like = op.getKey().contains("Like");
      for (var key : op.getValue().entrySet()) {
        Optional<String> value =
            context.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
        if (value.isPresent()
            && key.getValue().stream()
                .noneMatch(
                    v -> like ? CiRolePolicy.matches(v, value.get()) : v.equals(value.get()))) {
          return false;
        }
      }
    }
    return true;
  }
}
