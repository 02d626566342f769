# Route 53 ARC routing control on the emulator, end to end with provider
# 5.100: scripts/emulator/test_arc_terraform.sh applies this (as the
# failovernlb construct's global stack does: a cluster, a control panel, a
# routing control per region, an at-least-one-on assertion rule and a
# RECOVERY_CONTROL health check per control), re-plans (must be empty),
# renames a routing control, re-plans, destroys.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

variable "east_name" {
  type    = string
  default = "arc-test-us-east-1"
}

provider "aws" {
  # The ARC configuration API is served from us-west-2.
  region                      = "us-west-2"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    route53                      = var.endpoint
    route53recoverycontrolconfig = var.endpoint
    sts                          = var.endpoint
  }
}

resource "aws_route53recoverycontrolconfig_cluster" "c" {
  name = "arc-test"
}

resource "aws_route53recoverycontrolconfig_control_panel" "p" {
  cluster_arn = aws_route53recoverycontrolconfig_cluster.c.arn
  name        = "arc-test"
}

resource "aws_route53recoverycontrolconfig_routing_control" "east" {
  cluster_arn       = aws_route53recoverycontrolconfig_cluster.c.arn
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.p.arn
  name              = var.east_name
}

resource "aws_route53recoverycontrolconfig_routing_control" "west" {
  cluster_arn       = aws_route53recoverycontrolconfig_cluster.c.arn
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.p.arn
  name              = "arc-test-us-west-2"
}

resource "aws_route53recoverycontrolconfig_safety_rule" "at_least_one_on" {
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.p.arn
  name              = "arc-test-at-least-one-on"
  asserted_controls = [
    aws_route53recoverycontrolconfig_routing_control.east.arn,
    aws_route53recoverycontrolconfig_routing_control.west.arn,
  ]
  wait_period_ms = 5000
  rule_config {
    inverted  = false
    threshold = 1
    type      = "ATLEAST"
  }
}

resource "aws_route53_health_check" "east" {
  type                = "RECOVERY_CONTROL"
  routing_control_arn = aws_route53recoverycontrolconfig_routing_control.east.arn
  tags                = { Name = "arc-test-us-east-1-routing-control" }
}

resource "aws_route53_health_check" "west" {
  type                = "RECOVERY_CONTROL"
  routing_control_arn = aws_route53recoverycontrolconfig_routing_control.west.arn
  tags                = { Name = "arc-test-us-west-2-routing-control" }
}

output "arc" {
  value = {
    cluster_endpoints = aws_route53recoverycontrolconfig_cluster.c.cluster_endpoints
    controls = {
      us-east-1 = aws_route53recoverycontrolconfig_routing_control.east.arn
      us-west-2 = aws_route53recoverycontrolconfig_routing_control.west.arn
    }
    safety_rule   = aws_route53recoverycontrolconfig_safety_rule.at_least_one_on.arn
    health_checks = [aws_route53_health_check.east.id, aws_route53_health_check.west.id]
  }
}
