@aws
Feature: Deploy the guestbook to AWS, the runbook as a spec
  What the old deploy script did blind, step by step with a check after each:
  provision with Terraform, build and push the image to ECR, force a new
  deployment, and prove the result before anyone is told "done". Each step
  carries out its part of the runbook. The stack is torn down afterwards
  according to bdi.teardown (always, on-success, never).

  Scenario: Provision, publish, deploy and verify
    Given the stack is provisioned with Terraform
    And the app image is built and pushed to ECR, pinned by digest
    And the whole stack is applied with that image
    Then every resource Terraform created carries the run's RunId tag, as AWS lists it
    When a new deployment of the service is forced
    Then the deployment we started completes with 2 tasks running the pushed image, each healthy behind the load balancer
    And the load balancer serves the guestbook
    And every task's REDISHOST names the ElastiCache endpoint that Terraform created
    And an entry signed through the load balancer reads back, so the tasks reach Redis through REDISHOST
