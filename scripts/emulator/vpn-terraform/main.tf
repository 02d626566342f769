# Site-to-Site VPN tunnel logs on the emulator, end to end with provider
# 5.100: scripts/emulator/test_vpn_terraform.sh applies this (as the
# tgwpeering construct's client VPNs do: a Transit Gateway, a customer
# gateway, a VPN whose two tunnels log to one KMS-encrypted log group),
# re-plans (must be empty), changes the retention and the log format (the
# format through ModifyVpnTunnelOptions, once per tunnel), re-plans, destroys.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

variable "retention" {
  type    = number
  default = 30
}

variable "log_format" {
  type    = string
  default = "json"
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    ec2  = var.endpoint
    kms  = var.endpoint
    logs = var.endpoint
    sts  = var.endpoint
  }
}

locals {
  account   = "123456789012"
  log_group = "/aws/vpn/proof-eu-west-1"
}

resource "aws_kms_key" "logs" {
  description             = "Encrypts ${local.log_group}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers", Effect = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account}:root" }
        Action    = ["kms:*"], Resource = "*"
      },
      {
        Sid       = "CloudWatchLogsEncrypts", Effect = "Allow"
        Principal = { Service = "logs.eu-west-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:eu-west-1:${local.account}:log-group:${local.log_group}" } }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "tunnels" {
  name              = local.log_group
  retention_in_days = var.retention
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_ec2_transit_gateway" "hub" {
  amazon_side_asn                 = 64512
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  vpn_ecmp_support                = "enable"
}

resource "aws_customer_gateway" "client" {
  for_each   = toset(["acme", "globex"])
  bgp_asn    = "65000"
  ip_address = each.key == "acme" ? "198.51.100.10" : "198.51.100.11"
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "client" {
  for_each            = aws_customer_gateway.client
  customer_gateway_id = each.value.id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
  static_routes_only  = true
  tunnel1_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.tunnels.arn
      log_output_format = var.log_format
    }
  }
  tunnel2_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.tunnels.arn
      log_output_format = var.log_format
    }
  }
}

output "vpns" {
  value = { for k, v in aws_vpn_connection.client : k => {
    id      = v.id
    tunnel1 = v.tunnel1_address
    tunnel2 = v.tunnel2_address
    log1    = v.tunnel1_log_options
    log2    = v.tunnel2_log_options
  } }
}
