terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40.0, < 6.0.0"
    }
  }

  # State stays local (one directory per run) unless the harness is given
  # -Dbdi.terraform.backend-config=FILE: it then adds backend-s3.tf.example to the run's copy as
  # backend.tf and runs `terraform init -backend-config=FILE`; see README.md.
}
