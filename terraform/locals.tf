locals {
  name = "${var.name_prefix}-${var.run_id}"

  tags = {
    Project   = var.name_prefix
    RunId     = var.run_id
    ManagedBy = "terraform"
  }

  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)
}

# Only the region's own zones: opted-in Local and Wavelength Zones are "available" too, sort first,
# and offer neither Fargate nor ElastiCache. Zone ids where Fargate (or the Graviton cache node
# type) is not offered are left out by id, which names the same physical zone in every account.
data "aws_availability_zones" "available" {
  state            = "available"
  exclude_zone_ids = var.excluded_zone_ids

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}
