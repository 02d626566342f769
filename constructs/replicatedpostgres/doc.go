// Package replicatedpostgres builds one region's part of a replicated RDS for
// PostgreSQL deployment: the writer in the active region and a cross-region
// read replica in every other region, each with its own KMS key, subnet
// group, security group, TLS-only parameter group, enhanced-monitoring role
// and Performance Insights.
//
// The role of each region's instance is an input (Role), so failover and
// failback are config changes applied with `cdktf deploy`: rendering a replica
// without a replication source makes the AWS provider promote it; raising
// Generation replaces an instance that can no longer be a replica (RDS cannot
// demote a writer) with a fresh replica of the current writer.
//
// The master password never reaches Terraform state or the synthesized JSON:
// an ephemeral aws_secretsmanager_random_password feeds the write-only
// password_wo of the writer and secret_string_wo of a Secrets Manager secret
// replicated to the other regions (see writeonly.go, the one place that uses
// escape hatches for attributes the cdktf 0.20 bindings predate).
package replicatedpostgres
