// Package auroraglobal builds an Aurora PostgreSQL global database across
// region stacks: NewGlobal makes the global cluster (in one region's
// stack), and New makes each region's member cluster with its instances,
// customer key, network, parameter group, alarms and, on the cluster that
// created the database, the write-only master password and its replicated
// secret.
//
// Which region writes is not a Terraform setting: Aurora swaps roles with a
// managed switchover (planned, no data loss) or failover (unplanned), both
// RDS API calls (docs/runbook.md). Props.WriterRegion tells the construct
// which region writes after the call, so the replication-lag alarms watch
// the secondaries; the member clusters themselves render the same whatever
// their role, so the deploy that follows the call rebuilds nothing.
//
// See README.md for the props, their defaults, the resources created, the
// metrics exposed, and how it compares with replicatedpostgres.
package auroraglobal
