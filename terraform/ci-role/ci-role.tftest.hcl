# `terraform test` of the role template, offline (a mocked AWS provider): the trust policy admits
# one repository's one branch with GitHub's audience, sessions last up to 3 h, the two managed
# policies are together the whole rendered policy and each fits AWS's 6,144 characters. Run by
# CiRoleTemplateTest where a terraform binary and the provider exist; by hand: terraform init &&
# terraform test.

mock_provider "aws" {
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    }
  }

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:aws:iam::123456789012:policy/guestbook-ci-mock"
    }
  }
}

variables {
  github_repository = "octo-org/guestbook"
}

run "one_repository_one_branch_three_hours" {
  command = apply

  assert {
    condition     = aws_iam_role.ci.max_session_duration == 10800
    error_message = "the nightly asks for 10800 s sessions"
  }

  assert {
    condition     = jsondecode(aws_iam_role.ci.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:octo-org/guestbook:ref:refs/heads/main"
    error_message = "only the repository's main branch may assume the role"
  }

  assert {
    condition     = jsondecode(aws_iam_role.ci.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    error_message = "the token's audience must be sts.amazonaws.com"
  }

  assert {
    condition     = length(jsondecode(aws_iam_policy.ci_network_and_reads.policy).Statement) + length(jsondecode(aws_iam_policy.ci_services_and_iam.policy).Statement) == length(jsondecode(file("${path.module}/../ci-role-policy.json")).Statement)
    error_message = "the two managed policies must hold every statement of the policy"
  }

  assert {
    condition     = length(aws_iam_policy.ci_network_and_reads.policy) <= 6144 && length(aws_iam_policy.ci_services_and_iam.policy) <= 6144
    error_message = "a managed policy holds at most 6,144 characters"
  }

  assert {
    condition     = aws_iam_policy.ci_boundary.name == "guestbook-ci-boundary"
    error_message = "the boundary's name is the one the policy's iam:PermissionsBoundary conditions name"
  }
}

run "a_new_prefix_changes_the_policy" {
  command = apply

  variables {
    name_prefix   = "shop"
    github_branch = "release"
  }

  assert {
    condition     = strcontains(aws_iam_policy.ci_services_and_iam.policy, "role/shop-") && !strcontains(aws_iam_policy.ci_services_and_iam.policy, "guestbook")
    error_message = "another prefix must scope the IAM statements to its own roles"
  }

  assert {
    condition     = strcontains(aws_iam_policy.ci_boundary.policy, "repository/shop-*") && !strcontains(aws_iam_policy.ci_boundary.policy, "guestbook")
    error_message = "another prefix must scope the boundary to its own images and logs"
  }

  assert {
    condition     = strcontains(aws_iam_policy.ci_network_and_reads.policy, "\"aws:RequestTag/Project\":\"shop\"")
    error_message = "another prefix must scope the network to its own Project tag"
  }

  assert {
    condition     = jsondecode(aws_iam_role.ci.assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:octo-org/guestbook:ref:refs/heads/release"
    error_message = "the branch variable must be the only branch trusted"
  }
}

run "a_wildcard_repository_is_refused" {
  command = plan

  variables {
    github_repository = "octo-org/*"
  }

  expect_failures = [var.github_repository]
}
