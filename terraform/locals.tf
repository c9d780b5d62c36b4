locals {
  name = "${var.name_prefix}-${var.run_id}"

  tags = {
    Project   = "guestbook"
    RunId     = var.run_id
    ManagedBy = "terraform"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)
}

# Only the region's own zones: opted-in Local and Wavelength Zones are "available" too, sort first,
# and offer neither Fargate nor ElastiCache.
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}
