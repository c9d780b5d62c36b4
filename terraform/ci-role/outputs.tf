output "role_arn" {
  description = "The repository variable AWS_ROLE_ARN."
  value       = aws_iam_role.ci.arn
}

output "permissions_boundary_arn" {
  description = "The repository variable AWS_PERMISSIONS_BOUNDARY_ARN."
  value       = aws_iam_policy.ci_boundary.arn
}
