resource "aws_elasticache_subnet_group" "redis" {
  name       = local.name
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_cluster" "redis" {
  cluster_id           = local.name
  engine               = "redis"
  engine_version       = var.redis_engine_version
  node_type            = var.redis_node_type
  num_cache_nodes      = 1
  port                 = 6379
  parameter_group_name = "default.redis7"
  subnet_group_name    = aws_elasticache_subnet_group.redis.name
  security_group_ids   = [aws_security_group.redis.id]
  apply_immediately    = true
}

locals {
  # The single node's address: what REDISHOST is set to and what the redis_endpoint output says.
  # (The harness's emulator rehearsal overrides this: its emulator reports no cache nodes.)
  redis_host = aws_elasticache_cluster.redis.cache_nodes[0].address
}
