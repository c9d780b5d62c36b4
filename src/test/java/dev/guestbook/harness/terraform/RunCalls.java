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

  /** The calls of a run {@code runId} of {@code namePrefix}, its state in {@code bucket}. */
  public static List<Call> of(String namePrefix, String runId, String bucket) {
    String name = namePrefix + "-" + runId;
    String role = "arn:aws:iam::123456789012:role/" + name;
    // the boundary every role of the stack is created under (var.permissions_boundary_arn)
    Map<String, String> boundary =
        Map.of(
            "iam:PermissionsBoundary",
            "arn:aws:iam::123456789012:policy/" + namePrefix + "-ci-boundary");
    List<Call> calls = new ArrayList<>();
    star(calls, "the preflight (AwsPreflight)", "sts:GetCallerIdentity");
    star(
        calls,
        "terraform: aws_vpc, subnets, gateways, routes, security groups, flow log",
        "ec2:DescribeAvailabilityZones",
        "ec2:CreateVpc",
        "ec2:ModifyVpcAttribute",
        "ec2:DescribeVpcAttribute",
        "ec2:DescribeVpcs",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DeleteVpc",
        "ec2:CreateInternetGateway",
        "ec2:AttachInternetGateway",
        "ec2:DescribeInternetGateways",
        "ec2:DetachInternetGateway",
        "ec2:DeleteInternetGateway",
        "ec2:CreateSubnet",
        "ec2:DescribeSubnets",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DeleteSubnet",
        "ec2:AllocateAddress",
        "ec2:DescribeAddresses",
        "ec2:DescribeAddressesAttribute",
        "ec2:DisassociateAddress",
        "ec2:ReleaseAddress",
        "ec2:CreateNatGateway",
        "ec2:DescribeNatGateways",
        "ec2:DeleteNatGateway",
        "ec2:CreateRouteTable",
        "ec2:CreateRoute",
        "ec2:DeleteRouteTable",
        "ec2:AssociateRouteTable",
        "ec2:DisassociateRouteTable",
        "ec2:CreateTags",
        "ec2:CreateSecurityGroup",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:DescribeSecurityGroupRules",
        "ec2:DeleteSecurityGroup",
        "ec2:CreateFlowLogs",
        "ec2:DescribeFlowLogs",
        "ec2:DeleteFlowLogs");
    star(
        calls,
        "terraform: aws_lb, target group, listener; the rollout check (TargetHealthDriver)",
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DescribeTargetHealth");
    star(
        calls,
        "terraform: aws_ecs_cluster, task definition, service; the deploy (EcsDriver); the"
            + " removal by tag (LeftoverRemoval: a cluster's services first)",
        "ecs:CreateCluster",
        "ecs:DescribeClusters",
        "ecs:DeleteCluster",
        "ecs:RegisterTaskDefinition",
        "ecs:DescribeTaskDefinition",
        "ecs:DeregisterTaskDefinition",
        "ecs:CreateService",
        "ecs:DescribeServices",
        "ecs:UpdateService",
        "ecs:DeleteService",
        "ecs:TagResource",
        "ecs:ListTasks",
        "ecs:DescribeTasks",
        "ecs:ListClusters",
        "ecs:ListServices");
    star(
        calls,
        "terraform: aws_ecr_repository, lifecycle policy; the image push (ImagePublisher)",
        "ecr:CreateRepository",
        "ecr:DescribeRepositories",
        "ecr:ListTagsForResource",
        "ecr:DeleteRepository",
        "ecr:PutLifecyclePolicy",
        "ecr:GetLifecyclePolicy",
        "ecr:DeleteLifecyclePolicy",
        "ecr:TagResource",
        "ecr:GetAuthorizationToken",
        "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:BatchGetImage");
    star(
        calls,
        "terraform: aws_cloudwatch_log_group ×3; the sweep (AwsSweep)",
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DescribeLogGroups",
        "logs:ListTagsForResource",
        "logs:ListTagsLogGroup",
        "logs:TagResource",
        "logs:DeleteLogGroup");
    calls.add(
        new Call(
            "logs:GetLogEvents",
            Optional.of(
                "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/" + name + ":log-stream:app/x"),
            Map.of(),
            "the log tail of a failed rollout (LogTail)"));
    star(
        calls,
        "terraform: aws_elasticache_subnet_group, cluster",
        "elasticache:CreateCacheSubnetGroup",
        "elasticache:DescribeCacheSubnetGroups",
        "elasticache:ListTagsForResource",
        "elasticache:DeleteCacheSubnetGroup",
        "elasticache:CreateCacheCluster",
        "elasticache:DescribeCacheClusters",
        "elasticache:DeleteCacheCluster",
        "elasticache:AddTagsToResource");
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

  private static void star(List<Call> calls, String caller, String... actions) {
    for (String action : actions) {
      calls.add(new Call(action, Optional.empty(), Map.of(), caller));
    }
  }
}
