output "alb_dns_name" {
  description = "DNS name of the load balancer (the front door)."
  value       = aws_lb.main.dns_name
}

output "ecr_repository_url" {
  description = "Where the app image is pushed."
  value       = aws_ecr_repository.app.repository_url
}

output "cluster_name" {
  description = "ECS cluster."
  value       = aws_ecs_cluster.main.name
}

output "service_name" {
  description = "ECS service running the app."
  value       = aws_ecs_service.app.name
}

output "redis_endpoint" {
  description = "ElastiCache Redis address (what REDISHOST is set to)."
  value       = local.redis_host
}

output "redis_port" {
  description = "ElastiCache Redis port."
  value       = aws_elasticache_cluster.redis.port
}

output "target_group_arn" {
  description = "Target group of the app tasks."
  value       = aws_lb_target_group.app.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the app."
  value       = aws_cloudwatch_log_group.app.name
}

output "task_definition_arn" {
  description = "Task definition the service runs."
  value       = aws_ecs_task_definition.app.arn
}
