resource "aws_ecs_cluster" "main" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # Container Insights writes to this group; created here (not by ECS) it has a retention, the
  # run's tags, and goes with the stack.
  depends_on = [aws_cloudwatch_log_group.container_insights]
}

resource "aws_ecs_task_definition" "app" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.task_execution.arn
  task_role_arn            = aws_iam_role.task.arn

  # The image is built for this platform (the harness's bdi.aws.platform sets both).
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The root filesystem is read-only; the JVM's temp dir is the one writable place.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([
    {
      name      = "guestbook"
      image     = var.image
      essential = true
      # The image's own non-root user (docker/Dockerfile), said here too: the task never runs as root.
      user                   = "10001:10001"
      readonlyRootFilesystem = true
      mountPoints = [
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }
      ]
      portMappings = [
        {
          containerPort = var.container_port
          protocol      = "tcp"
        }
      ]
      environment = [
        { name = "REDISHOST", value = local.redis_host },
        { name = "REDISPORT", value = tostring(aws_elasticache_cluster.redis.port) },
        { name = "PORT", value = tostring(var.container_port) }
      ]
      healthCheck = {
        command     = ["CMD-SHELL", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/${var.container_port} && printf \"GET /healthz HTTP/1.0\\r\\n\\r\\n\" >&3 && head -1 <&3 | grep -q \" 200 \"'"]
        interval    = 10
        timeout     = 5
        retries     = 3
        startPeriod = 15
      }
      stopTimeout = 15
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.app.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "guestbook"
        }
      }
    }
  ])
}

resource "aws_ecs_service" "app" {
  name            = local.name
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 30
  wait_for_steady_state              = false

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "guestbook"
    container_port   = var.container_port
  }

  propagate_tags = "SERVICE"

  depends_on = [aws_lb_listener.http, aws_iam_role_policy_attachment.task_execution]
}
