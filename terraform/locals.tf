locals {
  name = "${var.name_prefix}-${var.run_id}"

  tags = {
    Project   = "guestbook"
    RunId     = var.run_id
    ManagedBy = "terraform"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)
}

data "aws_availability_zones" "available" {
  state = "available"
}
