# Aurora PostgreSQL Global Database on the emulator, end to end with provider
# 5.100: scripts/emulator/test_auroraglobal_terraform.sh applies this (a global
# cluster, and per region a KMS key, a VPC with two subnets, a subnet group, a
# cluster parameter group, an encrypted cluster with one instance with
# Performance Insights and enhanced monitoring), re-plans (must be empty),
# switches over / fails over with the AWS CLI and re-plans with var.writer
# naming the new writer's region (must be empty), destroys.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {
  type = string
}

# The region whose cluster carries master_username in this configuration:
# the global database's writer. Moving it after a switchover or failover
# changes nothing (AWS reports the same MasterUsername on every member).
variable "writer" {
  type    = string
  default = "us-east-1"
}

# The region whose cluster carries master_password_wo and
# master_password_wo_version (the provider requires them together). The
# version lives only in the state, so moving them is an in-place update of
# both clusters (the new holder is sent the password): the proof moves
# master_username alone and only plans this move.
variable "password_region" {
  type    = string
  default = "us-east-1"
}

variable "master_password" {
  type      = string
  default   = "a-long-test-password"
  sensitive = true
  ephemeral = true
}

locals {
  engine         = "aurora-postgresql"
  engine_version = "16.6"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    ec2 = var.endpoint
    iam = var.endpoint
    kms = var.endpoint
    rds = var.endpoint
    sts = var.endpoint
  }
}

provider "aws" {
  alias                       = "west"
  region                      = "us-west-2"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    ec2 = var.endpoint
    iam = var.endpoint
    kms = var.endpoint
    rds = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_rds_global_cluster" "g" {
  global_cluster_identifier = "aurora-global-test"
  engine                    = local.engine
  engine_version            = local.engine_version
  storage_encrypted         = true
}

# Enhanced monitoring role (IAM is global: one for both regions).
resource "aws_iam_role" "monitoring" {
  name = "aurora-global-test-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# ------------------------------------------------------------- us-east-1

resource "aws_kms_key" "east" {
  description             = "aurora-global-test us-east-1"
  deletion_window_in_days = 7
}

resource "aws_vpc" "east" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_subnet" "east" {
  count             = 2
  vpc_id            = aws_vpc.east.id
  cidr_block        = cidrsubnet(aws_vpc.east.cidr_block, 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b"][count.index]
}

resource "aws_db_subnet_group" "east" {
  name       = "aurora-global-test-east"
  subnet_ids = aws_subnet.east[*].id
}

resource "aws_rds_cluster_parameter_group" "east" {
  name   = "aurora-global-test-east"
  family = "aurora-postgresql16"
}

resource "aws_rds_cluster" "east" {
  cluster_identifier                  = "aurora-global-test-east"
  global_cluster_identifier           = aws_rds_global_cluster.g.id
  engine                              = local.engine
  engine_version                      = local.engine_version
  master_username                     = var.writer == "us-east-1" ? "app" : null
  master_password_wo                  = var.password_region == "us-east-1" ? var.master_password : null
  master_password_wo_version          = var.password_region == "us-east-1" ? 1 : null
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.east.arn
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  deletion_protection                 = false
  skip_final_snapshot                 = true
  db_subnet_group_name                = aws_db_subnet_group.east.name
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.east.name
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  # AWS reports the global writer's ARN as a secondary's
  # ReplicationSourceIdentifier (either cluster, once roles have moved);
  # removing it would promote the secondary out of the global database.
  lifecycle {
    ignore_changes = [replication_source_identifier]
  }
}

resource "aws_rds_cluster_instance" "east" {
  identifier                      = "aurora-global-test-east-1"
  cluster_identifier              = aws_rds_cluster.east.id
  engine                          = local.engine
  engine_version                  = local.engine_version
  instance_class                  = "db.r6g.large"
  db_subnet_group_name            = aws_db_subnet_group.east.name
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.east.arn
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.monitoring.arn
  depends_on                      = [aws_iam_role_policy_attachment.monitoring]
}

# ------------------------------------------------------------- us-west-2

resource "aws_kms_key" "west" {
  provider                = aws.west
  description             = "aurora-global-test us-west-2"
  deletion_window_in_days = 7
}

resource "aws_vpc" "west" {
  provider   = aws.west
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "west" {
  provider          = aws.west
  count             = 2
  vpc_id            = aws_vpc.west.id
  cidr_block        = cidrsubnet(aws_vpc.west.cidr_block, 8, count.index)
  availability_zone = ["us-west-2a", "us-west-2b"][count.index]
}

resource "aws_db_subnet_group" "west" {
  provider   = aws.west
  name       = "aurora-global-test-west"
  subnet_ids = aws_subnet.west[*].id
}

resource "aws_rds_cluster_parameter_group" "west" {
  provider = aws.west
  name     = "aurora-global-test-west"
  family   = "aurora-postgresql16"
}

resource "aws_rds_cluster" "west" {
  provider                            = aws.west
  cluster_identifier                  = "aurora-global-test-west"
  global_cluster_identifier           = aws_rds_global_cluster.g.id
  engine                              = local.engine
  engine_version                      = local.engine_version
  master_username                     = var.writer == "us-west-2" ? "app" : null
  master_password_wo                  = var.password_region == "us-west-2" ? var.master_password : null
  master_password_wo_version          = var.password_region == "us-west-2" ? 1 : null
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.west.arn
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  deletion_protection                 = false
  skip_final_snapshot                 = true
  db_subnet_group_name                = aws_db_subnet_group.west.name
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.west.name
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  lifecycle {
    ignore_changes = [replication_source_identifier]
  }
  # A secondary joins the global database once the primary has its writer.
  depends_on = [aws_rds_cluster_instance.east]
}

resource "aws_rds_cluster_instance" "west" {
  provider                        = aws.west
  identifier                      = "aurora-global-test-west-1"
  cluster_identifier              = aws_rds_cluster.west.id
  engine                          = local.engine
  engine_version                  = local.engine_version
  instance_class                  = "db.r6g.large"
  db_subnet_group_name            = aws_db_subnet_group.west.name
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.west.arn
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.monitoring.arn
  depends_on                      = [aws_iam_role_policy_attachment.monitoring]
}

output "clusters" {
  value = {
    global    = aws_rds_global_cluster.g.id
    us-east-1 = aws_rds_cluster.east.arn
    us-west-2 = aws_rds_cluster.west.arn
  }
}
