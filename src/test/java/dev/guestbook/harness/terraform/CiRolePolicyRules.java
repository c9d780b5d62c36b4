package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.CiRolePolicy.Statement;
import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

  /**
   * The IAM and STS actions a run needs; any other (UpdateAssumeRolePolicy, CreatePolicyVersion,
   * AttachUserPolicy, sts:AssumeRole, PutRolePermissionsBoundary, …) is a way to more power.
   */
  public static final Set<String> IAM_NEEDED =
      Set.of(
          "iam:CreateRole",
          "iam:DeleteRole",
          "iam:GetRole",
          "iam:TagRole",
          "iam:UntagRole",
          "iam:ListRolePolicies",
          "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole",
          "iam:GetRolePolicy",
          "iam:AttachRolePolicy",
          "iam:DetachRolePolicy",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:PassRole",
          "iam:GetPolicy",
          "iam:GetPolicyVersion",
          "iam:CreateServiceLinkedRole",
          "sts:GetCallerIdentity");

  private static final List<String> LOG_READS =
      List.of(
          "logs:CreateExportTask",
          "logs:PutSubscriptionFilter",
          "logs:GetLogGroupFields",
          "logs:Unmask",
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
      List<String> otherIam =
          s.actions().stream()
              .filter(a -> a.toLowerCase(Locale.ROOT).matches("(iam|sts):.*"))
              .filter(a -> IAM_NEEDED.stream().noneMatch(a::equalsIgnoreCase))
              .toList();
      if (!otherIam.isEmpty()) {
        findings.add(
            new Finding(
                where,
                "IAM/STS actions",
                "only those a run needs " + new TreeSet<>(IAM_NEEDED),
                otherIam.toString()));
      }
      if ((s.covers("iam:PutRolePolicy") || s.covers("iam:AttachRolePolicy"))
          && createsRolesWithoutABoundary(policy)
          && s.conditionValues("iam:PermissionsBoundary").isEmpty()) {
        findings.add(
            new Finding(
                where,
                "iam:PutRolePolicy/AttachRolePolicy",
                "only on roles under a permissions boundary (condition iam:PermissionsBoundary),"
                    + " as the role may create roles with any trust policy",
                "on roles it creates without a boundary: a role trusting anyone, given any policy"));
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

  /** Whether some Allow statement lets the role create roles without a permissions boundary. */
  private static boolean createsRolesWithoutABoundary(CiRolePolicy policy) {
    return policy.allowing("iam:CreateRole").stream()
        .anyMatch(s -> s.conditionValues("iam:PermissionsBoundary").isEmpty());
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
            .map(r -> s.resources().stream().anyMatch(p -> CiRolePolicy.matchesResource(p, r)))
            .orElse(s.resources().contains("*"));
    return onResource && conditionsHold(s, call.context());
  }

  /**
   * The statement's conditions against the keys the call sets: a positive operator holds when the
   * call's value is among (or matches) the listed ones, a negated one when it is not; a condition
   * on a key the call does not set does not hold (the request would not carry it: an Allow scoped
   * by it grants nothing), except under an {@code …IfExists} operator.
   */
  private static boolean conditionsHold(Statement s, Map<String, String> context) {
    for (var op : s.conditions().entrySet()) {
      String operator = op.getKey();
      boolean ifExists = operator.endsWith("IfExists");
      boolean negated = operator.contains("Not");
      boolean like = operator.contains("Like");
      for (var key : op.getValue().entrySet()) {
        Optional<String> value =
            context.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
        if (value.isEmpty()) {
          if (ifExists) {
            continue;
          }
          return false;
        }
        boolean listed =
            key.getValue().stream()
                .anyMatch(
                    v ->
                        like
                            ? CiRolePolicy.matchesResource(v, value.get())
                            : v.equals(value.get()));
        if (listed == negated) {
          return false;
        }
      }
    }
    return true;
  }
}
