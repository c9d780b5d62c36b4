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
 * <p>Which actions can be scoped, and which can carry tags, comes from AWS's Service Authorization
 * Reference ({@link ServiceAuthorization}). What this cannot judge: conditions AWS evaluates at
 * request time beyond those a {@link Call} names, service control policies, and what a service
 * checks beyond IAM (see the AWS target page).
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
   * The actions an Allow statement grants that no call of a run needs ({@link RunCalls}: the AWS
   * provider's calls read from its source, the harness's, the reaper's, the AWS-only paths), each
   * one finding: least privilege grants nothing that nobody calls.
   */
  public static List<Finding> grantedNeverCalled(CiRolePolicy policy, List<Call> calls) {
    List<Finding> findings = new ArrayList<>();
    for (CiRolePolicy.Statement s : policy.statements()) {
      if (!s.allow()) {
        continue;
      }
      for (String action : s.actions()) {
        if (calls.stream().noneMatch(c -> CiRolePolicy.matches(action, c.action()))) {
          findings.add(
              new Finding(
                  policy.where(),
                  action + " (statement " + s.sid() + ")",
                  "granted only where a call of a run needs it",
                  "granted, never called"));
        }
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

  /**
   * The calls that must be refused (a way to more power, or to another prefix's or project's
   * resources) that the policy allows, each one finding.
   */
  public static List<Finding> escalationsAllowed(CiRolePolicy policy, List<Call> escalations) {
    List<Finding> findings = new ArrayList<>();
    for (Call call : escalations) {
      if (allows(policy, call)) {
        findings.add(
            new Finding(
                policy.where(),
                call.action()
                    + call.resource().map(r -> " on " + r).orElse("")
                    + " "
                    + call.context(),
                "denied (" + call.caller() + ")",
                "allowed"));
      }
    }
    return findings;
  }

  /** Whether some Allow statement grants {@code call} and no Deny statement refuses it. */
  public static boolean allows(CiRolePolicy policy, Call call) {
    return policy.statements().stream().anyMatch(s -> s.allow() && grants(s, call))
        && policy.statements().stream().noneMatch(s -> !s.allow() && grants(s, call));
  }

  /**
   * Mutating actions allowed on every resource ({@code "*"}) although AWS checks them against a
   * resource ARN (the Service Authorization Reference lists resource types for them): they could
   * change any VPC, load balancer, cluster, cache or log group of the account. A statement whose
   * grant a tag condition ({@code aws:ResourceTag/…}, {@code aws:RequestTag/…}) narrows is not
   * counted. An action the data does not know is a finding too: it cannot be judged.
   */
  public static List<Finding> mutatingOnEveryResource(
      CiRolePolicy policy, ServiceAuthorization reference) {
    List<Finding> findings = new ArrayList<>();
    for (Statement s : policy.statements()) {
      if (!s.allow() || !s.resources().contains("*") || tagScoped(s)) {
        continue;
      }
      String where = policy.where() + ": statement " + s.sid();
      List<String> scopable = new ArrayList<>();
      for (String pattern : s.actions()) {
        List<ServiceAuthorization.Action> named = reference.matching(pattern);
        if (named.isEmpty()) {
          findings.add(
              new Finding(
                  where,
                  pattern,
                  "an action of the Service Authorization data (" + reference.source() + ")",
                  "unknown: cannot tell whether it can be scoped"));
        }
        named.stream()
            .filter(ServiceAuthorization.Action::mutating)
            .filter(ServiceAuthorization.Action::resourceLevel)
            .map(ServiceAuthorization.Action::name)
            .forEach(scopable::add);
      }
      if (!scopable.isEmpty()) {
        findings.add(
            new Finding(
                where,
                "Resource \"*\"",
                "mutating actions scoped to the run's resources (ARNs with the prefix, or"
                    + " aws:ResourceTag/Project): AWS supports it for these ("
                    + reference.source()
                    + ")",
                scopable.toString()));
      }
    }
    return findings;
  }

  /**
   * Tag conditions on actions whose requests cannot meet them: {@code aws:RequestTag/…} on an
   * action that takes no tags, {@code aws:ResourceTag/…} on one AWS does not check against resource
   * tags. The Allow then grants nothing and the first real run fails with AccessDenied (the
   * classic: a RequestTag condition on a Describe call or a create without tag-on-create).
   */
  public static List<Finding> tagConditionsTheCallsCannotCarry(
      CiRolePolicy policy, ServiceAuthorization reference) {
    List<Finding> findings = new ArrayList<>();
    for (Statement s : policy.statements()) {
      if (!s.allow()) {
        continue;
      }
      boolean requestTag = s.conditionKeys().stream().anyMatch(CiRolePolicyRules::isRequestTag);
      boolean resourceTag = s.conditionKeys().stream().anyMatch(CiRolePolicyRules::isResourceTag);
      if (!requestTag && !resourceTag) {
        continue;
      }
      List<String> cannot = new ArrayList<>();
      for (String pattern : s.actions()) {
        for (ServiceAuthorization.Action a : reference.matching(pattern)) {
          if ((requestTag && !a.requestTag()) || (resourceTag && !a.resourceTag())) {
            cannot.add(a.name());
          }
        }
      }
      if (!cannot.isEmpty()) {
        findings.add(
            new Finding(
                policy.where() + ": statement " + s.sid(),
                requestTag ? "aws:RequestTag condition" : "aws:ResourceTag condition",
                "only on actions whose requests carry it (" + reference.source() + ")",
                "on " + cannot + ": the Allow grants them nothing, AccessDenied on the first run"));
      }
    }
    return findings;
  }

  private static boolean tagScoped(Statement s) {
    return s.conditionKeys().stream().anyMatch(k -> isRequestTag(k) || isResourceTag(k));
  }

  private static boolean isRequestTag(String key) {
    return key.toLowerCase(Locale.ROOT).startsWith("aws:requesttag/");
  }

  private static boolean isResourceTag(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.startsWith("aws:resourcetag/") || k.matches("[a-z0-9-]+:resourcetag/.*");
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
   * by it grants nothing), except under an {@code …IfExists} operator; {@code Null} holds when the
   * key is absent (true) or present (false).
   */
  private static boolean conditionsHold(Statement s, Map<String, String> context) {
    for (var op : s.conditions().entrySet()) {
      String operator = op.getKey();
      if (operator.equals("Null")) {
        for (var key : op.getValue().entrySet()) {
          boolean absent =
              context.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(key.getKey()));
          if (key.getValue().stream().anyMatch(v -> Boolean.parseBoolean(v) != absent)) {
            return false;
          }
        }
        continue;
      }
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
