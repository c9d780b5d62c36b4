variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "guestbook"

  validation {
    condition     = length(var.name_prefix) >= 2 && length(var.name_prefix) <= 12 && can(regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", var.name_prefix))
    error_message = "name_prefix must be 2-12 lower-case letters, digits and single '-', starting with a letter and not ending with '-'."
  }
}

variable "run_id" {
  description = "Unique id of this deployment (the harness's bdi.run-id). Goes into every name and the RunId tag, so parallel runs never collide and leftovers can be swept."
  type        = string

  validation {
    # The harness checks the same rule (RunIdRule): AWS rejects a trailing '-' or '--' in ALB,
    # target group and ElastiCache names, which a plan would not notice.
    condition     = length(var.run_id) >= 3 && length(var.run_id) <= 19 && can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", var.run_id))
    error_message = "run_id must be 3-19 lower-case letters, digits and single '-' between them (no leading, trailing or double '-')."
  }
}

variable "image" {
  description = "Container image of the app, by digest (REPOSITORY@sha256:...), so every deploy is reproducible."
  type        = string

  validation {
    condition     = can(regex("@sha256:[0-9a-f]{64}$", var.image))
    error_message = "image must be pinned by digest: <repository>@sha256:<64 hex digits>."
  }
}

variable "desired_count" {
  description = "Number of app tasks."
  type        = number
  default     = 2
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.42.0.0/16"
}

variable "az_count" {
  description = "Number of availability zones (public + private subnet in each)."
  type        = number
  default     = 2
}

variable "container_port" {
  description = "Port the app listens on."
  type        = number
  default     = 3000
}

variable "health_check_path" {
  description = "The app's health endpoint, used by the target group."
  type        = string
  default     = "/healthz"
}

variable "task_cpu" {
  description = "Fargate task CPU units."
  type        = number
  default     = 256
}

variable "task_memory" {
  description = "Fargate task memory (MiB)."
  type        = number
  default     = 512
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.micro"
}

variable "redis_engine_version" {
  description = "ElastiCache Redis engine version (7.x)."
  type        = string
  default     = "7.1"
}

variable "log_retention_days" {
  description = "Retention of the app's CloudWatch log group."
  type        = number
  default     = 14
}

variable "cpu_architecture" {
  description = "The task's CPU architecture (runtime_platform); the image must be built for it (X86_64: linux/amd64, ARM64: linux/arm64)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for an HTTPS listener on 443; null for HTTP only."
  type        = string
  default     = null
}

variable "excluded_zone_ids" {
  description = "Availability zone ids never used: AWS's Fargate region table offers Linux tasks in us-west-1 only in usw1-az1 and usw1-az3, and in ap-northeast-1 not in apne1-az3; use1-az3 (us-east-1) offers none of the current instance families, Graviton cache nodes included."
  type        = list(string)
  default     = ["use1-az3", "usw1-az2", "apne1-az3"]
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary set on every role the stack creates (the CI role may create roles only under it; see ci-role-policy.json and ci-boundary-policy.json). Empty or null: none."
  type        = string
  default     = null
}
