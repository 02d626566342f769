# Global Accelerator on the emulator, end to end with provider 5.100:
# scripts/emulator/test_ga_terraform.sh applies this, re-plans (must be
# empty), changes the endpoint group's traffic dial, re-plans, destroys.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

variable "dial" {
  type    = number
  default = 100
}

provider "aws" {
  region                      = "eu-west-1"
  s3_use_path_style           = true
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  endpoints {
    ec2               = var.endpoint
    elbv2             = var.endpoint
    globalaccelerator = var.endpoint
    s3                = var.endpoint
    sts               = var.endpoint
    iam               = var.endpoint
  }
}

resource "aws_vpc" "v" {
  cidr_block = "10.70.0.0/16"
}

resource "aws_subnet" "s" {
  count             = 2
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.70.${count.index + 1}.0/24"
  availability_zone = "eu-west-1${["a", "b"][count.index]}"
}

resource "aws_security_group" "nlb" {
  name   = "ga-nlb"
  vpc_id = aws_vpc.v.id
}

resource "aws_lb" "nlb" {
  security_groups    = [aws_security_group.nlb.id]
  name               = "ga-nlb"
  load_balancer_type = "network"
  internal           = true
  subnets            = aws_subnet.s[*].id
}

resource "aws_s3_bucket" "logs" {
  bucket = "ga-flow-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.logs.arn}/flow-logs/*"
    }]
  })
}

resource "aws_globalaccelerator_accelerator" "ga" {
  depends_on      = [aws_s3_bucket_policy.logs]
  name            = "app-ga"
  ip_address_type = "IPV4"
  enabled         = true
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = "ga-flow-logs"
    flow_logs_s3_prefix = "flow-logs/"
  }
  tags = { Name = "app-ga", env = "test" }
}

resource "aws_globalaccelerator_listener" "tcp" {
  accelerator_arn = aws_globalaccelerator_accelerator.ga.id
  client_affinity = "SOURCE_IP"
  protocol        = "TCP"
  port_range {
    from_port = 443
    to_port   = 443
  }
  port_range {
    from_port = 8000
    to_port   = 8010
  }
}

resource "aws_globalaccelerator_listener" "udp" {
  accelerator_arn = aws_globalaccelerator_accelerator.ga.id
  protocol        = "UDP"
  port_range {
    from_port = 53
    to_port   = 53
  }
}

resource "aws_globalaccelerator_endpoint_group" "eg" {
  listener_arn                  = aws_globalaccelerator_listener.tcp.id
  endpoint_group_region         = "eu-west-1"
  traffic_dial_percentage       = var.dial
  health_check_port             = 443
  health_check_protocol         = "TCP"
  health_check_interval_seconds = 10
  threshold_count               = 3
  endpoint_configuration {
    endpoint_id                    = aws_lb.nlb.arn
    weight                         = 100
    client_ip_preservation_enabled = true
  }
}

output "ga" {
  value = {
    dns      = aws_globalaccelerator_accelerator.ga.dns_name
    zone     = aws_globalaccelerator_accelerator.ga.hosted_zone_id
    ips      = aws_globalaccelerator_accelerator.ga.ip_sets
    listener = aws_globalaccelerator_listener.tcp.id
    eg       = aws_globalaccelerator_endpoint_group.eg.id
  }
}
