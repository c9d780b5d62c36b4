terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40.0, < 6.0.0"
    }
  }

  # State stays local (one directory per run) unless CI copies backend-s3.tf.example to
  # backend-s3.tf and runs `terraform init -backend-config=...`; see README.md.
}
