# `terraform test` of this configuration, offline: a mocked AWS provider (Terraform >= 1.7) plans
# and applies the whole stack, and the variable validations refuse what AWS would reject later.
# One bad value per validated variable (each refusal is its own run); the whole set of bad run ids
# is in HarnessConfigTest, which also checks that this regex is the harness's own (RunIdRule).
# Run by the @static scenario "terraform accepts the configuration" where a terraform binary and
# the provider exist; by hand: terraform init && terraform test.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-east-1a", "us-east-1b", "us-east-1c"]
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  # ARNs that other resources validate as ARNs
  mock_resource "aws_lb" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/guestbook-tftest-1/0123456789abcdef"
    }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/guestbook-tftest-1/0123456789abcdef"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/guestbook-tftest-1"
    }
  }

  # the flow log's destination
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/vpc/guestbook-tftest-1/flows"
    }
  }

  mock_resource "aws_elasticache_cluster" {
    defaults = {
      cache_nodes = [
        {
          address           = "guestbook-tftest-1.abcdef.0001.use1.cache.amazonaws.com"
          availability_zone = "us-east-1a"
          id                = "0001"
          outpost_arn       = ""
          port              = 6379
        }
      ]
    }
  }
}

variables {
  run_id = "tftest-1"
  image  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/guestbook-tftest-1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
}

run "plan_names_everything_after_the_run" {
  command = plan

  assert {
    condition     = aws_lb.main.name == "guestbook-tftest-1" && aws_ecs_cluster.main.name == "guestbook-tftest-1"
    error_message = "the load balancer and the cluster must be named <name_prefix>-<run_id>"
  }

  assert {
    condition     = aws_ecs_service.app.desired_count == 2 && aws_ecs_service.app.launch_type == "FARGATE"
    error_message = "the service must run 2 Fargate tasks"
  }

  assert {
    condition     = length(aws_subnet.private) == 2 && aws_subnet.private[0].availability_zone != aws_subnet.private[1].availability_zone
    error_message = "the private subnets must span 2 availability zones"
  }
}

run "apply_with_a_mocked_provider" {
  command = apply

  assert {
    condition     = output.redis_endpoint == "guestbook-tftest-1.abcdef.0001.use1.cache.amazonaws.com"
    error_message = "redis_endpoint must be the ElastiCache node's address"
  }

  assert {
    condition = contains(
      [for e in jsondecode(aws_ecs_task_definition.app.container_definitions)[0].environment : e.value if e.name == "REDISHOST"],
      "guestbook-tftest-1.abcdef.0001.use1.cache.amazonaws.com"
    )
    error_message = "REDISHOST must name the ElastiCache node's address"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.app.container_definitions)[0].image == var.image
    error_message = "the task must run the image pinned by digest"
  }
}

run "with_a_certificate_http_only_redirects" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0123456789ab"
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect"
    error_message = "with a certificate, port 80 must only redirect to HTTPS"
  }

  assert {
    condition     = aws_lb_listener.https[0].port == 443 && aws_lb_listener.https[0].protocol == "HTTPS"
    error_message = "with a certificate, there must be an HTTPS listener on 443"
  }
}

run "a_run_id_with_a_trailing_hyphen_is_refused" {
  command = plan
  variables {
    run_id = "gb-1-"
  }
  expect_failures = [var.run_id]
}

run "an_image_not_pinned_by_digest_is_refused" {
  command = plan
  variables {
    image = "guestbook:latest"
  }
  expect_failures = [var.image]
}

run "a_name_prefix_ending_in_a_hyphen_is_refused" {
  command = plan
  variables {
    name_prefix = "guestbook-"
  }
  expect_failures = [var.name_prefix]
}
