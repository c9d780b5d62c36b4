@static
Feature: The CI role may do what a run needs, and cannot make itself an administrator
  The nightly and the reaper run as one IAM role (terraform/ci-role-policy.json, the role template
  terraform/ci-role/ rendered for the name prefix). Judged on the policy document, offline: every call a run makes (the stack's Terraform as the AWS provider
  calls it, the harness, the reaper) is allowed, on the resources and condition keys AWS checks;
  nothing in it lets the role attach a managed policy, write an inline policy or pass a role that
  would make it, or code it runs, an administrator. What a document cannot show (conditions AWS
  evaluates at request time, boundaries, organisation policies) is said on the AWS target page.

  Background:
    Given the CI role's policy in "terraform/ci-role-policy.json" for the name prefix "guestbook"

  Scenario: The CI role may make every call a run makes
    Then the policy allows every call of the stack's Terraform, the harness and the reaper
    And the policy's grants that no catalogued call of a run needs are listed in the report

  Scenario: The CI role cannot make itself an administrator
    Then the policy attaches only the ECS task execution policy, writes inline policies only on the flow logs role, and passes roles only to ECS tasks and VPC flow logs
    And the policy reads only the project's own log groups

  Scenario: The CI role changes only the run's own resources
    Then the policy leaves no change on every resource where AWS can scope it to the run's names or Project tag
    And the policy puts tag conditions only on calls that carry tags
    And the policy refuses changes to untagged resources and to another prefix's resources

  Scenario: Another name prefix gets a role policy of its own
    Given the CI role's policy rendered from the role template for the name prefix "shop"
    Then the policy allows every call of the stack's Terraform, the harness and the reaper
    And the policy refuses changes to untagged resources and to another prefix's resources

  Scenario: Only the project's repository and branch can assume the CI role, for as long as a run needs
    Then the role template's trust admits only GitHub workflows of "octo-org/guestbook" on branch "main"
    And the role template allows sessions as long as the nightly asks for
