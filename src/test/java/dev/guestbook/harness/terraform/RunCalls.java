package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.CiRolePolicyRules.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every AWS call one run makes with the CI role: the stack's Terraform (create, refresh, destroy,
 * as the AWS provider 5.x calls them for each resource of {@code terraform/}, read from the
 * provider's source), the harness (preflight, image push, rollout checks, log tail, the sweep and
 * removal by tag) and the reaper (the runs' states in S3). Where AWS checks a call against a
 * resource or a condition key that the policy scopes, the call names it, so a policy scoped too
 * narrowly is caught too. Kept by hand: a new resource or SDK call adds its actions here.
 */
public final class RunCalls {

  private RunCalls() {}

  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";

  /** The calls of a run {@code runId} of {@code namePrefix}, its state in {@code bucket}. */
  public static List<Call> of(String namePrefix, String runId, String bucket) {
    String name = namePrefix + "-" + runId;
    String role = "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    // the boundary every role of the stack is created under (var.permissions_boundary_arn)
    Map<String, String> boundary =
        Map.of(
            "iam:PermissionsBoundary",
            "arn:aws:iam::" + ACCOUNT + ":policy/" + namePrefix + "-ci-boundary");
    List<Call> calls = new ArrayList<>();
    star(calls, "the preflight (AwsPreflight)", "sts:GetCallerIdentity");
    network(calls, namePrefix);
    loadBalancer(calls, name);
    containerService(calls, name);
    registry(calls, name);
    logs(calls, name);
    redis(calls, name);
    for (String suffix : List.of("-execution", "-task", "-flows")) {
      for (String action :
          List.of(
              "iam:CreateRole",
              "iam:GetRole",
              "iam:TagRole",
              "iam:ListRolePolicies",
              "iam:GetRolePolicy",
              "iam:ListAttachedRolePolicies",
              "iam:ListInstanceProfilesForRole",
              "iam:DeleteRole")) {
        calls.add(
            new Call(
                action,
                Optional.of(role + suffix),
                action.equals("iam:CreateRole") ? boundary : Map.of(),
                "terraform: aws_iam_role"));
      }
    }
    for (String action : List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy")) {
      calls.add(
          new Call(
              action,
              Optional.of(role + "-execution"),
              Map.of(
                  "iam:PolicyARN",
                  CiRolePolicyRules.EXECUTION_POLICY,
                  "iam:PermissionsBoundary",
                  boundary.get("iam:PermissionsBoundary")),
              "terraform: aws_iam_role_policy_attachment.task_execution"));
    }
    for (String action : List.of("iam:PutRolePolicy", "iam:DeleteRolePolicy")) {
      calls.add(
          new Call(
              action,
              Optional.of(role + "-flows"),
              action.equals("iam:PutRolePolicy") ? boundary : Map.of(),
              "terraform: aws_iam_role_policy.flow_logs"));
    }
    for (String suffix : List.of("-execution", "-task")) {
      calls.add(
          new Call(
              "iam:PassRole",
              Optional.of(role + suffix),
              Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"),
              "terraform: aws_ecs_task_definition (RegisterTaskDefinition)"));
    }
    calls.add(
        new Call(
            "iam:PassRole",
            Optional.of(role + "-flows"),
            Map.of("iam:PassedToService", "vpc-flow-logs.amazonaws.com"),
            "terraform: aws_flow_log (CreateFlowLogs)"));
    String state = "arn:aws:s3:::" + bucket;
    calls.add(
        new Call(
            "s3:ListBucket",
            Optional.of(state),
            Map.of(),
            "terraform's S3 backend; the reaper (BackendStates)"));
    for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
      calls.add(
          new Call(
              action,
              Optional.of(state + "/" + namePrefix + "/" + runId + "/terraform.tfstate"),
              Map.of(),
              "terraform's S3 backend (state and lock); the reaper"));
    }
    return List.copyOf(calls);
  }

  /**
   * Calls the role must be refused: a way to more power (a role without the boundary, a managed
   * policy but the execution one, an inline policy on a role that runs code, a role passed to
   * another service or from outside the prefix, another trust policy), and any change to what is
   * not this prefix's (untagged, another prefix's name or Project tag, another bucket key, other
   * log groups).
   */
  public static List<Call> escalations(String namePrefix, String runId, String bucket) {
    String name = namePrefix + "-" + runId;
    String other = "other-" + runId;
    String role = "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    String boundaryArn = "arn:aws:iam::" + ACCOUNT + ":policy/" + namePrefix + "-ci-boundary";
    Map<String, String> boundary = Map.of("iam:PermissionsBoundary", boundaryArn);
    List<Call> calls = new ArrayList<>();
    calls.add(esc("iam:CreateRole", role + "-admin", Map.of(), "a role without the boundary"));
    calls.add(
        esc(
            "iam:CreateRole",
            role + "-admin",
            Map.of("iam:PermissionsBoundary", "arn:aws:iam::" + ACCOUNT + ":policy/Open"),
            "a role under another boundary"));
    calls.add(
        esc(
            "iam:AttachRolePolicy",
            role + "-execution",
            Map.of(
                "iam:PolicyARN",
                "arn:aws:iam::aws:policy/AdministratorAccess",
                "iam:PermissionsBoundary",
                boundaryArn),
            "AdministratorAccess on the execution role"));
    calls.add(
        esc("iam:PutRolePolicy", role + "-task", boundary, "an inline policy on the task role"));
    calls.add(
        esc(
            "iam:PassRole",
            role + "-task",
            Map.of("iam:PassedToService", "lambda.amazonaws.com"),
            "a run's role passed to another service"));
    calls.add(
        esc(
            "iam:PassRole",
            "arn:aws:iam::" + ACCOUNT + ":role/" + other + "-task",
            Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"),
            "another prefix's role passed to ECS"));
    calls.add(esc("iam:UpdateAssumeRolePolicy", role + "-flows", Map.of(), "another trust policy"));
    // the CI role itself (terraform/ci-role: <prefix>-ci) is no role of a run
    String ciRole = "arn:aws:iam::" + ACCOUNT + ":role/" + namePrefix + "-ci";
    calls.add(esc("iam:TagRole", ciRole, Map.of(), "the CI role retagging itself"));
    calls.add(esc("iam:DeleteRole", ciRole, Map.of(), "the CI role deleting itself"));
    calls.add(
        esc(
            "iam:CreateRole",
            ciRole + "-admin",
            boundary,
            "a role outside a run's three, bounded"));
    calls.add(esc("ec2:DeleteVpc", ec2("vpc", "vpc-0untagged"), Map.of(), "an untagged VPC"));
    calls.add(
        esc(
            "ec2:DeleteVpc",
            ec2("vpc", "vpc-0other"),
            Map.of("aws:ResourceTag/Project", "other"),
            "another project's VPC"));
    calls.add(
        esc(
            "ec2:CreateVpc",
            ec2("vpc", "vpc-0new"),
            Map.of("aws:RequestTag/Project", "other"),
            "a VPC tagged for another project"));
    calls.add(esc("ec2:CreateVpc", ec2("vpc", "vpc-0new"), Map.of(), "a VPC without tags"));
    calls.add(
        esc(
            "ec2:CreateTags",
            ec2("vpc", "vpc-0other"),
            Map.of("aws:RequestTag/Project", namePrefix, "aws:ResourceTag/Project", "other"),
            "taking another project's VPC over by its tag"));
    calls.add(
        esc(
            "ec2:CreateTags",
            ec2("vpc", "vpc-0untagged"),
            Map.of("aws:RequestTag/Project", namePrefix),
            "taking an untagged VPC over by its tag"));
    calls.add(
        esc(
            "ec2:AuthorizeSecurityGroupIngress",
            ec2("security-group", "sg-0other"),
            Map.of("aws:ResourceTag/Project", "other"),
            "opening another project's security group"));
    calls.add(
        esc(
            "ec2:RevokeSecurityGroupIngress",
            ec2("security-group", "sg-0untagged"),
            Map.of(),
            "changing an untagged security group"));
    String elb = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":";
    calls.add(
        esc(
            "elasticloadbalancing:DeleteLoadBalancer",
            elb + "loadbalancer/app/" + other + "/0123456789abcdef",
            Map.of(),
            "another prefix's load balancer"));
    String ecs = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";
    calls.add(
        esc(
            "ecs:UpdateService",
            ecs + "service/" + other + "/" + other,
            Map.of(),
            "another prefix's service"));
    calls.add(
        esc(
            "ecs:RegisterTaskDefinition",
            ecs + "task-definition/" + other + ":1",
            Map.of(),
            "another prefix's task definition"));
    calls.add(
        esc(
            "ecr:PutImage",
            "arn:aws:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + other,
            Map.of(),
            "another prefix's repository"));
    calls.add(
        esc(
            "elasticache:DeleteCacheCluster",
            "arn:aws:elasticache:" + REGION + ":" + ACCOUNT + ":cluster:" + other,
            Map.of(),
            "another prefix's cache"));
    String logs = "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:";
    calls.add(
        esc(
            "logs:DeleteLogGroup",
            logs + "/ecs/" + other + ":*",
            Map.of(),
            "another prefix's logs"));
    calls.add(
        esc(
            "logs:GetLogEvents",
            logs + "/aws/lambda/payments:log-stream:x",
            Map.of(),
            "reading a log group outside /ecs/" + namePrefix + "-*"));
    calls.add(
        esc(
            "s3:GetObject",
            "arn:aws:s3:::" + bucket + "/other/" + runId + "/terraform.tfstate",
            Map.of(),
            "another prefix's state"));
    return List.copyOf(calls);
  }

  private static Call esc(String action, String resource, Map<String, String> context, String why) {
    return new Call(action, Optional.of(resource), context, why);
  }

  /** The tags every resource of the stack carries (default_tags; Project is the name prefix). */
  static Map<String, String> tagged(String namePrefix) {
    return Map.of("aws:ResourceTag/Project", namePrefix);
  }

  /** A create call's request tags (tag-on-create: TagSpecifications, Tags). */
  static Map<String, String> tagging(String namePrefix) {
    return Map.of("aws:RequestTag/Project", namePrefix);
  }

  static String ec2(String type, String id) {
    return "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":" + type + "/" + id;
  }

  /**
   * The VPC, subnets, gateways, routes, security groups and flow log, as the AWS provider 5.x calls
   * EC2 for them: every create with TagSpecifications (so AWS authorises the created resource with
   * aws:RequestTag and ec2:CreateTags with ec2:CreateAction), every other call on resources tagged
   * Project; a create that names existing resources (a subnet's VPC, a NAT gateway's subnet and
   * address) is authorised on each. Exceptions, as the provider calls them: the VPC's default
   * security group is tagged after the fact (CreateTags on an untagged group,
   * aws_default_security_group), and an address is disassociated from the NAT gateway's
   * AWS-managed, untagged interface.
   */
  private static void network(List<Call> calls, String p) {
    String caller = "terraform: aws_vpc, subnets, gateways, routes, security groups, flow log";
    star(
        calls,
        caller,
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcAttribute",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSecurityGroupRules",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeSubnets",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeAddresses",
        "ec2:DescribeAddressesAttribute",
        "ec2:DescribeNatGateways",
        "ec2:DescribeFlowLogs");
    String vpc = ec2("vpc", "vpc-0a1");
    String subnet = ec2("subnet", "subnet-0a1");
    String igw = ec2("internet-gateway", "igw-0a1");
    String eip = ec2("elastic-ip", "eipalloc-0a1");
    String nat = ec2("natgateway", "nat-0a1");
    String rtb = ec2("route-table", "rtb-0a1");
    String sg = ec2("security-group", "sg-0a1");
    String sgr = ec2("security-group-rule", "sgr-0a1");
    String flowLog = ec2("vpc-flow-log", "fl-0a1");
    String defaultSg = ec2("security-group", "sg-0default");
    Map<String, String> tagged = tagged(p);
    Map<String, String> tagging = tagging(p);
    record Create(String action, String created, List<String> existing) {}
    for (Create c :
        List.of(
            new Create("ec2:CreateVpc", vpc, List.of()),
            new Create("ec2:CreateSubnet", subnet, List.of(vpc)),
            new Create("ec2:CreateInternetGateway", igw, List.of()),
            new Create("ec2:AllocateAddress", eip, List.of()),
            new Create("ec2:CreateNatGateway", nat, List.of(subnet, eip)),
            new Create("ec2:CreateRouteTable", rtb, List.of(vpc)),
            new Create("ec2:CreateSecurityGroup", sg, List.of(vpc)),
            new Create("ec2:AuthorizeSecurityGroupIngress", sgr, List.of(sg)),
            new Create("ec2:AuthorizeSecurityGroupEgress", sgr, List.of(sg)),
            new Create("ec2:CreateFlowLogs", flowLog, List.of(vpc)))) {
      calls.add(new Call(c.action(), Optional.of(c.created()), tagging, caller));
      Map<String, String> onCreate = new java.util.HashMap<>(tagging);
      onCreate.put("ec2:CreateAction", c.action().substring("ec2:".length()));
      calls.add(new Call("ec2:CreateTags", Optional.of(c.created()), Map.copyOf(onCreate), caller));
      for (String existing : c.existing()) {
        calls.add(new Call(c.action(), Optional.of(existing), tagged, caller));
      }
    }
    on(calls, caller, tagged, vpc, "ec2:ModifyVpcAttribute", "ec2:DeleteVpc");
    on(calls, caller, tagged, subnet, "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet");
    on(
        calls,
        caller,
        tagged,
        igw,
        "ec2:AttachInternetGateway",
        "ec2:DetachInternetGateway",
        "ec2:DeleteInternetGateway");
    on(calls, caller, tagged, vpc, "ec2:AttachInternetGateway", "ec2:DetachInternetGateway");
    on(calls, caller, tagged, eip, "ec2:DisassociateAddress", "ec2:ReleaseAddress");
    calls.add(
        new Call(
            "ec2:DisassociateAddress",
            Optional.of(ec2("network-interface", "eni-0nat")),
            Map.of(),
            "terraform: aws_eip (the NAT gateway's interface, which AWS creates untagged)"));
    on(calls, caller, tagged, nat, "ec2:DeleteNatGateway");
    on(
        calls,
        caller,
        tagged,
        rtb,
        "ec2:CreateRoute",
        "ec2:DeleteRoute",
        "ec2:AssociateRouteTable",
        "ec2:DisassociateRouteTable",
        "ec2:DeleteRouteTable");
    on(calls, caller, tagged, subnet, "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable");
    on(
        calls,
        caller,
        tagged,
        sg,
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DeleteSecurityGroup");
    on(calls, caller, tagged, flowLog, "ec2:DeleteFlowLogs");
    on(calls, caller, tagged, vpc, "ec2:CreateTags", "ec2:DeleteTags");
    calls.add(
        new Call(
            "ec2:CreateTags",
            Optional.of(defaultSg),
            tagging,
            "terraform: aws_default_security_group (tags the VPC's untagged default group)"));
    on(
        calls,
        "terraform: aws_default_security_group (removes its default rules)",
        tagged,
        defaultSg,
        "ec2:RevokeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress");
  }

  private static void loadBalancer(List<Call> calls, String name) {
    String caller = "terraform: aws_lb, target group, listener; the rollout check";
    String base = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":";
    String lb = base + "loadbalancer/app/" + name + "/0123456789abcdef";
    String tg = base + "targetgroup/" + name + "/0123456789abcdef";
    String listener = base + "listener/app/" + name + "/0123456789abcdef/fedcba9876543210";
    star(
        calls,
        caller,
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeTargetHealth",
        // every read of aws_lb (5.x) asks for it; AccessDenied is tolerated, but logged as one
        "elasticloadbalancing:DescribeCapacityReservation");
    on(
        calls,
        caller,
        Map.of(),
        lb,
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteLoadBalancer");
    on(
        calls,
        caller,
        Map.of(),
        tg,
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup");
    on(
        calls,
        caller,
        Map.of(),
        listener,
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:DeleteListener");
  }

  private static void containerService(List<Call> calls, String name) {
    String caller =
        "terraform: aws_ecs_cluster, task definition, service; the deploy (EcsDriver); the"
            + " removal by tag (LeftoverRemoval: a cluster's services first)";
    String base = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";
    String cluster = base + "cluster/" + name;
    String service = base + "service/" + name + "/" + name;
    String taskDefinition = base + "task-definition/" + name + ":1";
    star(
        calls,
        caller,
        "ecs:DescribeClusters",
        "ecs:DescribeTaskDefinition",
        "ecs:DeregisterTaskDefinition",
        "ecs:DescribeServices",
        "ecs:ListTasks",
        "ecs:DescribeTasks",
        "ecs:ListClusters",
        "ecs:ListServices");
    on(
        calls,
        caller,
        Map.of(),
        cluster,
        "ecs:CreateCluster",
        "ecs:TagResource",
        "ecs:DeleteCluster");
    on(calls, caller, Map.of(), taskDefinition, "ecs:RegisterTaskDefinition", "ecs:TagResource");
    on(
        calls,
        caller,
        Map.of(),
        service,
        "ecs:CreateService",
        "ecs:TagResource",
        "ecs:UpdateService",
        "ecs:DeleteService");
  }

  private static void registry(List<Call> calls, String name) {
    String caller = "terraform: aws_ecr_repository, lifecycle policy; the image push; the sweep";
    star(calls, caller, "ecr:GetAuthorizationToken", "ecr:DescribeRepositories");
    on(
        calls,
        caller,
        Map.of(),
        "arn:aws:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + name,
        "ecr:CreateRepository",
        "ecr:ListTagsForResource",
        "ecr:DeleteRepository",
        "ecr:PutLifecyclePolicy",
        "ecr:GetLifecyclePolicy",
        "ecr:DeleteLifecyclePolicy",
        "ecr:TagResource",
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage");
  }

  private static void logs(List<Call> calls, String name) {
    String caller =
        "terraform: aws_cloudwatch_log_group ×3; the sweep and the reaper (Container Insights'"
            + " group)";
    star(
        calls,
        caller,
        "logs:DescribeLogGroups",
        "logs:ListTagsForResource",
        "logs:ListTagsLogGroup");
    for (String group :
        List.of(
            "/ecs/" + name,
            "/vpc/" + name + "/flows",
            "/aws/ecs/containerinsights/" + name + "/performance")) {
      on(
          calls,
          caller,
          Map.of(),
          "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + group + ":*",
          "logs:CreateLogGroup",
          "logs:TagResource",
          "logs:PutRetentionPolicy",
          "logs:DeleteLogGroup");
    }
    calls.add(
        new Call(
            "logs:GetLogEvents",
            Optional.of(
                "arn:aws:logs:"
                    + REGION
                    + ":"
                    + ACCOUNT
                    + ":log-group:/ecs/"
                    + name
                    + ":log-stream:app/x"),
            Map.of(),
            "the log tail of a failed rollout (LogTail)"));
  }

  private static void redis(List<Call> calls, String name) {
    String caller = "terraform: aws_elasticache_subnet_group, cluster";
    String base = "arn:aws:elasticache:" + REGION + ":" + ACCOUNT + ":";
    star(
        calls,
        caller,
        "elasticache:DescribeCacheSubnetGroups",
        "elasticache:DescribeCacheClusters",
        "elasticache:ListTagsForResource");
    on(
        calls,
        caller,
        Map.of(),
        base + "subnetgroup:" + name,
        "elasticache:CreateCacheSubnetGroup",
        "elasticache:AddTagsToResource",
        "elasticache:CreateCacheCluster",
        "elasticache:DeleteCacheSubnetGroup");
    on(
        calls,
        caller,
        Map.of(),
        base + "cluster:" + name,
        "elasticache:CreateCacheCluster",
        "elasticache:AddTagsToResource",
        "elasticache:DeleteCacheCluster");
    on(
        calls,
        caller,
        Map.of(),
        base + "parametergroup:default.redis7",
        "elasticache:CreateCacheCluster");
  }

  private static void on(
      List<Call> calls,
      String caller,
      Map<String, String> context,
      String resource,
      String... actions) {
    for (String action : actions) {
      calls.add(new Call(action, Optional.of(resource), context, caller));
    }
  }

  private static void star(List<Call> calls, String caller, String... actions) {
    for (String action : actions) {
      calls.add(new Call(action, Optional.empty(), Map.of(), caller));
    }
  }
}
