# The CI role the nightly and the reaper assume through GitHub's OIDC provider: trusted by one
# repository and one branch, 3 h sessions, the policy of ../ci-role-policy.json rendered for
# var.name_prefix, and the permissions boundary it creates the stack's roles under. Applied once per
# account by an administrator (never by CI); see src/site/markdown/aws-target.md.

locals {
  # One source: ../ci-role-policy.json is this template rendered for the default prefix (a unit
  # test, CiRolePolicyTemplateTest, fails when the two differ).
  policy = jsondecode(templatefile("${path.module}/ci-role-policy.json.tftpl", {
    name_prefix  = var.name_prefix
    state_bucket = var.state_bucket
  }))

  # A managed policy holds 6,144 characters, the document is larger: the network statements and
  # the reads in one, the rest in the other (the same split is size-checked in the unit test).
  network_and_reads = [for s in local.policy.Statement : s if startswith(s.Sid, "Network") || s.Sid == "ReadsAndListsTakeEveryResource"]
  services_and_iam  = [for s in local.policy.Statement : s if !(startswith(s.Sid, "Network") || s.Sid == "ReadsAndListsTakeEveryResource")]

  oidc_provider_arn = var.github_oidc_provider_arn != null ? var.github_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.github_oidc_provider_arn == null ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # AWS no longer checks it for this provider, but the API still asks for one
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

# What every role the stack creates may ever do (the CI role creates roles only under it): pull
# this project's images, write this project's logs. ../ci-boundary-policy.json is its rendering for
# the default prefix (CiRolePolicyTemplateTest).
resource "aws_iam_policy" "ci_boundary" {
  name   = "${var.name_prefix}-ci-boundary"
  policy = templatefile("${path.module}/ci-boundary-policy.json.tftpl", { name_prefix = var.name_prefix })
}

resource "aws_iam_role" "ci" {
  name                 = "${var.name_prefix}-ci"
  description          = "Nightly acceptance and reaper of ${var.github_repository} (${var.github_branch})"
  max_session_duration = 10800
  assume_role_policy = templatefile("${path.module}/ci-role-trust-policy.json.tftpl", {
    oidc_provider_arn = local.oidc_provider_arn
    github_repository = var.github_repository
    github_branch     = var.github_branch
  })
}

resource "aws_iam_policy" "ci_network_and_reads" {
  name   = "${var.name_prefix}-ci-network-and-reads"
  policy = jsonencode({ Version = local.policy.Version, Statement = local.network_and_reads })
}

resource "aws_iam_policy" "ci_services_and_iam" {
  name   = "${var.name_prefix}-ci-services-and-iam"
  policy = jsonencode({ Version = local.policy.Version, Statement = local.services_and_iam })
}

resource "aws_iam_role_policy_attachment" "ci_network_and_reads" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.ci_network_and_reads.arn
}

resource "aws_iam_role_policy_attachment" "ci_services_and_iam" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.ci_services_and_iam.arn
}
