variable "name_prefix" {
  description = "The stack's name_prefix: the CI role may touch only resources named, or tagged Project, with it."
  type        = string
  default     = "guestbook"

  # the stack's own rule (terraform/variables.tf)
  validation {
    condition     = length(var.name_prefix) >= 2 && length(var.name_prefix) <= 12 && can(regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", var.name_prefix))
    error_message = "name_prefix must be 2-12 lower-case letters, digits and single '-', starting with a letter and not ending with '-'."
  }
}

variable "github_repository" {
  description = "OWNER/REPO whose workflows may assume the role."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/REPO, without wildcards."
  }
}

variable "github_branch" {
  description = "The one branch whose workflows may assume the role (the nightly's and the reaper's: schedules run on the default branch)."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9_./-]+$", var.github_branch)) && !strcontains(var.github_branch, "*")
    error_message = "github_branch must be one branch name, without wildcards."
  }
}

variable "state_bucket" {
  description = "The S3 bucket of the runs' remote state (the workflows' TF_STATE_BUCKET); the role reads and writes only <name_prefix>/* in it."
  type        = string
  default     = "REPLACE-WITH-STATE-BUCKET"
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's existing GitHub OIDC provider (token.actions.githubusercontent.com); null: this module creates it (one per account)."
  type        = string
  default     = null
}
