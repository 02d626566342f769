# CloudWatch Network Monitor on the emulator, end to end with provider 5.100:
# scripts/emulator/test_networkmonitor_terraform.sh applies this, re-plans
# (must be empty), changes the aggregation period, the TCP probe's port and
# packet size and the tags (updates in place), re-plans, destroys.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

variable "period" {
  type    = number
  default = 60
}

variable "tcp_port" {
  type    = number
  default = 443
}

variable "tcp_packet_size" {
  type    = number
  default = 56
}

variable "env" {
  type    = string
  default = "test"
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    ec2            = var.endpoint
    networkmonitor = var.endpoint
    sts            = var.endpoint
    iam            = var.endpoint
  }
}

resource "aws_vpc" "v" {
  cidr_block = "10.80.0.0/16"
}

resource "aws_subnet" "s" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.80.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_networkmonitor_monitor" "m" {
  monitor_name       = "onprem-link"
  aggregation_period = var.period
  tags               = { Name = "onprem-link", env = var.env }
}

resource "aws_networkmonitor_probe" "icmp" {
  monitor_name = aws_networkmonitor_monitor.m.monitor_name
  source_arn   = aws_subnet.s.arn
  destination  = "10.255.0.10"
  protocol     = "ICMP"
  tags         = { kind = "icmp", env = var.env }
}

resource "aws_networkmonitor_probe" "tcp" {
  monitor_name     = aws_networkmonitor_monitor.m.monitor_name
  source_arn       = aws_subnet.s.arn
  destination      = "10.255.0.20"
  destination_port = var.tcp_port
  protocol         = "TCP"
  packet_size      = var.tcp_packet_size
  tags             = { kind = "tcp", env = var.env }
}

output "nm" {
  value = {
    monitor_arn = aws_networkmonitor_monitor.m.arn
    icmp        = aws_networkmonitor_probe.icmp.id
    tcp         = aws_networkmonitor_probe.tcp.id
    tcp_arn     = aws_networkmonitor_probe.tcp.arn
    vpc_id      = aws_networkmonitor_probe.tcp.vpc_id
    family      = aws_networkmonitor_probe.tcp.address_family
    icmp_size   = aws_networkmonitor_probe.icmp.packet_size
  }
}
