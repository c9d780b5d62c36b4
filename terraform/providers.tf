provider "aws" {
  region = var.region

  # Every resource that can be tagged carries the run id: a leftover sweep finds them by RunId.
  default_tags {
    tags = local.tags
  }
}
