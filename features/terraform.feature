@static
Feature: The Terraform configuration keeps the stack's promises
  Judged on Terraform's own reading of terraform/, offline, before anything is created:
  every variable, local, module, count and for_each evaluated by Terraform, with the AWS
  provider's defaults and tags, and ids from a mocked apply, so a relation is an equal id
  whatever its spelling. Data sources get values shaped as AWS would answer them; a promise
  about something the configuration looks up instead of creating (a subnet found with
  data "aws_subnets") is skipped with the reason, never passed. No cloud account is needed;
  without a terraform binary or the AWS provider these scenarios are skipped with the reason.

  Background:
    Given the Terraform configuration in "terraform"

  Scenario: The service runs two Fargate tasks in private subnets without public IPs
    Then the ECS service runs 2 tasks on Fargate in the private subnets without public IP addresses

  Scenario: A failed deployment rolls back by itself
    Then a failed deployment rolls back, and a deployment keeps 100% of the tasks healthy and may run up to 200%

  Scenario: Redis is reachable only from the app
    Then Redis accepts connections only from the service's security group, on its port only

  Scenario: Redis lives only in the private subnets
    Then Redis runs only in the private subnets

  Scenario: Only the load balancer faces the internet
    Then nothing but the load balancer is open to the internet, and only on ports 80 and 443

  Scenario: The app tasks take traffic only from the load balancer
    Then the app tasks accept traffic only from the load balancer, on the container port their service registers with it

  Scenario: The app's container does not run as root
    Then every container of the task definition runs as a non-root user

  Scenario: The app finds Redis through REDISHOST
    Then the task definition sets REDISHOST to the ElastiCache endpoint

  Scenario: The load balancer checks the app's health endpoint
    Then the target group checks "/healthz", counts only 200 as healthy, and deregisters targets within 60 seconds

  Scenario: The load balancer sends visitors to the port the app listens on
    Then the service registers a container and port its task definition really maps

  Scenario: Plain HTTP only redirects to HTTPS once a certificate is given
    Then with a certificate, plain HTTP only redirects to HTTPS; without one, it serves the app

  Scenario: Nothing in the VPC trusts the default security group
    Then the VPC's default security group has no rules

  Scenario: Every network flow is logged
    Then every flow in the VPC is logged to a log group with a retention

  Scenario: The app cannot change its own filesystem
    Then every container's root filesystem is read-only, its temp directory a writable task volume

  Scenario: No secret is passed as plain text to the task
    Then no container's environment holds a secret in plain text

  Scenario: Visitors can reach the load balancer from the internet
    Then the load balancer faces the internet from subnets that route 0.0.0.0/0 to an internet gateway, in at least 2 zones

  # tfsec aws-elb-use-secure-tls-policy, Checkov CKV_AWS_103, Trivy AVD-AWS-0047
  Scenario: HTTPS allows only TLS 1.2 and newer
    Then with a certificate, HTTPS allows only TLS 1.2 and newer

  # tfsec aws-elb-drop-invalid-headers, Checkov CKV_AWS_131, Trivy AVD-AWS-0052
  Scenario: The load balancer drops invalid header fields
    Then the load balancer drops invalid header fields instead of passing them to the app

  # tfsec aws-ecr-enforce-immutable-repository and aws-ecr-enable-image-scans, Checkov CKV_AWS_51 and CKV_AWS_163
  Scenario: Images are immutable and scanned on push
    Then the image repository keeps tags immutable and scans every image on push

  # Checkov CKV_AWS_66
  Scenario: The app's logs are kept for a bounded time
    Then the app's log group keeps its logs for a bounded time

  Scenario: Every resource carries the run id
    Then every resource is tagged with the run id and every name contains it

  Scenario: terraform accepts the configuration
    Given a terraform or tofu binary on the PATH
    Then terraform fmt finds nothing to change
    And terraform validate accepts the configuration

  Scenario: terraform's own tests pass against a mocked AWS provider
    Given a terraform or tofu binary on the PATH
    Then terraform test plans and applies the configuration against a mocked AWS provider and refuses bad variables
